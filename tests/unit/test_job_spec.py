from pathlib import Path

import pytest

from graphmodel.core.errors import ConfigurationError
from graphmodel.jobs.spec import load_job, parse_job
from graphmodel.jobs.steps import StepCall, Workspace


def test_parse_a_job(tmp_path):
    path = tmp_path / "nightly.toml"
    path.write_text('[job]\nname = "nightly"\ncommunity = "demo"\n\n[[steps]]\nkind = "init"\n',
                    encoding="utf-8")
    spec = load_job(path)
    assert spec.name == "nightly" and spec.community == "demo"
    assert [s.kind for s in spec.steps] == ["init"]
    call = StepCall(Workspace(database=None), spec.community, None, {}, spec.base_dir)  # type: ignore[arg-type]
    assert call.path("exports") == tmp_path / "exports"
    assert call.path("/abs/x") == Path("/abs/x")


def test_a_job_file_carries_analysis_tables_and_nothing_unknown(tmp_path):
    base = {"job": {"name": "n", "community": "c"}, "steps": [{"kind": "analyze"}]}
    spec = parse_job({**base, "analysis": {"gamma": 0.5}}, tmp_path)
    assert spec.tables == {"analysis": {"gamma": 0.5}}
    with pytest.raises(ConfigurationError, match="unknown table"):
        parse_job({**base, "analyse": {"gamma": 0.5}}, tmp_path)
    with pytest.raises(ConfigurationError, match=r"\[job\] has unknown key"):
        parse_job({**base, "job": {"name": "n", "community": "c", "comunity_name": "x"}}, tmp_path)


@pytest.mark.parametrize("data,message", [
    ({}, r"\[job\] table"),
    ({"job": {"name": "n"}}, "'community'"),
    ({"job": {"name": "n", "community": "c"}}, r"\[\[steps\]\]"),
    ({"job": {"name": "n", "community": "c"}, "steps": [{"kind": "explode"}]}, "kind 'explode'"),
    ({"job": {"name": "n", "community": "c"}, "steps": [{"kind": "init", "bogus": 1}]},
     "unknown parameter"),
])
def test_bad_jobs_are_clear(data, message, tmp_path):
    with pytest.raises(ConfigurationError, match=message):
        parse_job(data, tmp_path)


def test_missing_and_malformed_files(tmp_path):
    with pytest.raises(ConfigurationError, match="does not exist"):
        load_job(tmp_path / "none.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[job\n")
    with pytest.raises(ConfigurationError, match="cannot read"):
        load_job(bad)

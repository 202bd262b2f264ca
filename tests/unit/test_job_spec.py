from pathlib import Path

import pytest

from graphmodel.core.errors import ConfigurationError
from graphmodel.jobs.spec import load_job, parse_job


def test_parse_a_job(tmp_path):
    path = tmp_path / "nightly.toml"
    path.write_text('[job]\nname = "nightly"\ncommunity = "demo"\n\n[[steps]]\nkind = "init"\n',
                    encoding="utf-8")
    spec = load_job(path)
    assert spec.name == "nightly" and spec.community == "demo"
    assert [s.kind for s in spec.steps] == ["init"]
    assert spec.path("exports") == tmp_path / "exports"
    assert spec.path("/abs/x") == Path("/abs/x")


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

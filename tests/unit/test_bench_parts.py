"""A benchmark part that fails leaves the other parts' results, says what failed and publishes nothing."""

import json

import bench.__main__ as bench_main


def test_a_failed_part_keeps_the_others_and_publishes_nothing(tmp_path, monkeypatch):
    ran = []

    def run_part(part, results, work, sizes, quick, echo):
        ran.append(part)
        if part == "analysis":
            raise RuntimeError("needs about 1.9 GiB of server heap")
        results[part] = {"seconds": 1.0}

    published = []
    monkeypatch.setattr(bench_main, "RESULTS", tmp_path / "results")
    monkeypatch.setattr(bench_main, "run_part", run_part)
    monkeypatch.setattr(bench_main, "print_table", lambda results: None)
    monkeypatch.setattr("bench.report.publish", published.append)
    assert bench_main.main(["--quick", "--publish", "--work", str(tmp_path / "work")]) == 1
    assert ran == ["load", "analysis", "pipeline"]
    results = json.loads((tmp_path / "results" / "latest.json").read_text(encoding="utf-8"))
    assert results["failed"] == {"analysis": "needs about 1.9 GiB of server heap"}
    assert results["load"] == {"seconds": 1.0} and results["pipeline"] == {"seconds": 1.0}
    assert published == []

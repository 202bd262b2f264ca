"""`graphmodel load` against a per-row driver loop and server-side LOAD CSV, same data and server.

All three load members.csv and interactions.csv of the same generated
community into fresh communities with the same MERGE semantics (a member per
(community, id), outsiders for unknown ids, one relationship per key). The
per-row loop is measured on a prefix of the rows (it is too slow to run on
all of them) and compared as rows per second.

Each method first runs unmeasured, into scratch communities kept until the end
(a delete just before a measured load slowed it), so that the server's JIT
compiler has compiled its paths: on a freshly started server the first large
load spent about 25 s of CPU in the compiler, and the same load kept getting
faster over the next few (36.7, 26.7 s, then 23-25 s). graphmodel's load runs
WARM_UP_LOADS times on the whole files, the baselines once on samples; the
first, cold load's time is reported too. The baselines MERGE by key with a uniqueness
constraint on it, as Neo4j advises for MERGE keys; graphmodel keeps interactions
unique itself (under the community's lock), so the constraint exists only
while the baselines run.
"""

from __future__ import annotations

import csv
import itertools
import shutil
import time
from pathlib import Path

from bench import scenarios
from bench.measure import ratio, run_cli

WARM_UP_LOADS = 2


def bench_loading(work: Path, members: int, per_row_sample: int, echo) -> dict:
    directory = work / f"community-{members}"
    scenarios.generate(directory, members)
    source = work / f"load-{members}"
    source.mkdir(exist_ok=True)
    for name in ("members.csv", "interactions.csv"):
        shutil.copyfile(directory / name, source / name)
    rows = sum(_count_rows(source / n) for n in ("members.csv", "interactions.csv"))
    ours_id, csv_id, loop_id = (scenarios.community_id(p) for p in ("load", "loadcsv", "perrow"))
    warm_ids = [scenarios.community_id(p) for p in ("warmload", "warmload", "warmloadcsv", "warmperrow")]
    try:
        warm_up = [run_cli("-q", "load", "csv", str(source), "--community", community, ok_codes=(0, 1)).seconds
                   for community in warm_ids[:WARM_UP_LOADS]]
        echo(f"  warm-up: graphmodel load into scratch communities {' s, '.join(f'{s:.1f}' for s in warm_up)} s "
             f"(the first after the server started is the cold one)")
        ours = run_cli("-q", "load", "csv", str(source), "--community", ours_id, ok_codes=(0, 1))
        ours_rate = rows / ours.seconds
        echo(f"  graphmodel load: {rows:,} rows in {ours.seconds:.1f} s = {ours_rate:,.0f} rows/s")
        again = run_cli("-q", "load", "csv", str(source), "--community", ours_id, ok_codes=(0, 1))
        echo(f"  graphmodel load again (idempotent): {again.seconds:.1f} s")

        scenarios.write("baseline_key_constraint")
        _load_csv(source, warm_ids[2], limit=per_row_sample * 5)
        _per_row(source, warm_ids[3], per_row_sample // 10)
        load_csv_seconds = _load_csv(source, csv_id)
        load_csv_rate = rows / load_csv_seconds
        echo(f"  LOAD CSV + CALL {{}} IN TRANSACTIONS: {load_csv_seconds:.1f} s = {load_csv_rate:,.0f} rows/s")

        loop_rows, loop_seconds = _per_row(source, loop_id, per_row_sample)
        loop_rate = loop_rows / loop_seconds
        echo(f"  per-row loop: {loop_rows:,} rows in {loop_seconds:.1f} s = {loop_rate:,.0f} rows/s")
        counts = {c: scenarios.read("community_counts", community=c)[0] for c in (ours_id, csv_id)}
        return {
            "members": members, "rows": rows, "seconds": ours.seconds, "rows_per_second": ours_rate,
            "warm_up_seconds": warm_up,
            "reload_seconds": again.seconds, "client_peak_rss_mb": ours.peak_rss_mb,
            "load_csv_seconds": load_csv_seconds, "load_csv_rows_per_second": load_csv_rate,
            "per_row_rows": loop_rows, "per_row_rows_per_second": loop_rate,
            "load_vs_per_row": ratio(1 / ours_rate, 1 / loop_rate),
            "load_vs_load_csv": ratio(1 / ours_rate, 1 / load_csv_rate),
            "same_graph": counts[ours_id] == counts[csv_id], "counts": counts[ours_id],
        }
    finally:
        scenarios.write("baseline_key_constraint_drop")
        for community in (ours_id, csv_id, loop_id, *warm_ids):
            scenarios.delete(community)


def _count_rows(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle) - 1


def _load_csv(source: Path, community: str, limit: int | None = None) -> float:
    """LOAD CSV of both files (only their first ``limit`` rows each when given); seconds."""
    imports = scenarios.server_import_dir()
    if imports is None:
        raise RuntimeError("the LOAD CSV baseline needs the local server (its import directory)")
    imports.mkdir(parents=True, exist_ok=True)
    for name in ("members.csv", "interactions.csv"):
        with open(source / name, "rb") as whole, open(imports / f"{community}-{name}", "wb") as copy:
            copy.writelines(itertools.islice(whole, None if limit is None else limit + 1))
    try:
        scenarios.write("community_create", community=community)
        started = time.perf_counter()
        for name in ("members", "interactions"):
            scenarios.write(f"load_csv_{name}", community=community,
                            url=f"file:///{community}-{name}.csv")
        return time.perf_counter() - started
    finally:
        for name in ("members.csv", "interactions.csv"):
            (imports / f"{community}-{name}").unlink(missing_ok=True)


def _per_row(source: Path, community: str, limit: int) -> tuple[int, float]:
    connection = scenarios.connection()
    scenarios.write("community_create", community=community)
    member_query = scenarios.bench_query("per_row_member")
    interaction_query = scenarios.bench_query("per_row_interaction")
    with open(source / "members.csv", encoding="utf-8") as m, \
            open(source / "interactions.csv", encoding="utf-8") as i:
        members = list(itertools.islice(csv.DictReader(m), limit // 10))
        interactions = list(itertools.islice(csv.DictReader(i), limit - len(members)))
    started = time.perf_counter()
    with scenarios.driver().session(database=connection.database) as session:
        for row in members:
            session.execute_write(lambda tx, r=row: tx.run(member_query, community=community, id=r["member_id"],
                                                           name=r["name"], joined_at=r["joined_at"] or None).consume())
        for row in interactions:
            key = "|".join((community, row["source"], row["target"], row["type"], row["at"]))
            session.execute_write(lambda tx, r=row, k=key: tx.run(
                interaction_query, community=community, source=r["source"], target=r["target"], key=k,
                type=r["type"] or "other", weight=r["weight"] or "1", at=r["at"] or None).consume())
    return len(members) + len(interactions), time.perf_counter() - started

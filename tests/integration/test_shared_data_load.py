"""The real data sets in ../shared/data load through the interchange format.

bench/shared_data.py converts each (IRC #ubuntu reply links, a Gitter room, SNAP
email-Eu-core, a meetup roster); the load must reject nothing and hold what the
source holds. email-Eu-core is also analysed: its circles should follow the
departments the institution reported (which the analysis never sees).
"""

import pytest

from bench.shared_data import CONVERTERS
from graphmodel.analysis import analyze
from graphmodel.analysis.agreement import nmi
from graphmodel.loaders import load_directory


@pytest.mark.parametrize("name, members, relationships", [
    ("ubuntu-irc", 2_622, None), ("gitter", 1_752, None), ("email-eu", 1_005, 25_571), ("meetup", 3_606, 0),
])
def test_shared_data_sets_load_without_rejects(connection, community, shared_data, tmp_path,
                                               name, members, relationships):
    counts = CONVERTERS[name](shared_data, tmp_path / name)
    summary = load_directory(connection, tmp_path / name, community, reject_path=tmp_path / "r.csv")
    assert summary.rejected == 0 and summary.outsiders_created == 0, summary.rows()
    assert summary.loaded == sum(counts.values())
    [row] = connection.read_text(
        "RETURN count { MATCH (:Member {community: $c}) } AS members, "
        "count { MATCH (:Member {community: $c})-[:INTERACTED]->() } AS interactions", {"c": community})[1]
    assert row["members"] == members
    # repeated source lines (the same pair at the same minute) merge into one interaction
    assert row["interactions"] == (relationships if relationships is not None else row["interactions"])
    assert 0 < row["interactions"] <= counts.get("interactions", 0) or counts.get("interactions", 0) == 0


def test_email_eu_circles_follow_the_departments(connection, community, shared_data, tmp_path):
    CONVERTERS["email-eu"](shared_data, tmp_path / "email")
    load_directory(connection, tmp_path / "email", community, reject_path=tmp_path / "r.csv")
    result = analyze(connection, community, write=False)
    labels = dict(line.split() for line in
                  (shared_data / "email-eu-core" / "email-Eu-core-department-labels.txt").read_text().splitlines())
    found = {m: c.circle_id for c in result.circles for m in c.members}
    score = nmi([labels[m[1:]] for m in found], list(found.values()))
    print(f"email-Eu-core: NMI(circles, departments) = {score:.3f} over {len(found)} members")
    assert score > 0.5, score

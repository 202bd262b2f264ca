"""The synthetic community: deterministic, shaped like the domain, valid interchange files."""

import csv
import hashlib
import json
from collections import Counter
from datetime import datetime

import pytest

from graphmodel.core.interchange import TABLES
from graphmodel.generate import PROBLEMS, GeneratorOptions, generate_community
from graphmodel.loaders.values import parse_roles


def digest(directory):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


def rows(directory, table):
    with open(directory / f"{table}.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def community(tmp_path_factory):
    directory = tmp_path_factory.mktemp("generated")
    truth = generate_community(directory, GeneratorOptions(members=3000, seed=11, problems=PROBLEMS))
    return directory, truth


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        generate_community(tmp_path / name, GeneratorOptions(members=500, seed=seed))
    assert digest(tmp_path / "a") == digest(tmp_path / "b") != digest(tmp_path / "c")


def test_files_follow_the_interchange_format(community):
    directory, truth = community
    for table in TABLES.values():
        with open(directory / table.csv_name, encoding="utf-8") as handle:
            assert next(csv.reader(handle)) == list(table.columns)
    members = {r["member_id"] for r in rows(directory, "members") if r["is_member"] == "true"}
    assert len(members) == truth.members
    for table in ("interactions", "shares"):
        for row in rows(directory, table):
            for end in ("source", "target"):
                assert row[end] in members or row[end].startswith("o"), row
    for row in rows(directory, "members") + rows(directory, "roles"):
        for text in (row.get("declared_role"), row.get("role")):
            if text:
                parse_roles(text)  # every role name is in the vocabulary
    assert any("意见领袖" in r["declared_role"] for r in rows(directory, "members"))


def test_activity_is_one_nine_ninety_like(community):
    directory, truth = community
    by_source = Counter(r["source"] for r in rows(directory, "interactions"))
    counts = sorted(by_source.values(), reverse=True)
    total = sum(counts)
    top_one, top_ten = sum(counts[: truth.members // 100]), sum(counts[: truth.members // 10])
    assert top_one / total > 0.15 and top_ten / total > 0.6
    silent = truth.members - len(by_source)
    assert silent / truth.members > 0.3  # most members mostly watch
    assert truth.members / 150 < len(truth.leaders) < truth.members / 50


def test_invitations_reach_several_generations(community):
    directory, _ = community
    inviter = {r["target"]: r["source"] for r in rows(directory, "shares") if r["joined"] == "true"}

    def depth(member):
        d = 0
        while member in inviter and d < 100:
            member, d = inviter[member], d + 1
        return d

    assert max(depth(m) for m in inviter) >= 5


def test_planted_problems_are_in_the_data(community):
    directory, truth = community
    assert set(truth.problems) == set(PROBLEMS)
    leaders = set(truth.leaders)
    for problem in ("no_leaders", "novice_only"):
        assert not leaders & set(truth.problems[problem]["members"])
    a, b = (set(m) for m in truth.problems["single_bridge"]["members"])
    crossing = [(r["source"], r["target"]) for r in rows(directory, "interactions")
                if (r["source"] in a | b) != (r["target"] in a | b)
                or (r["source"] in a and r["target"] in b) or (r["source"] in b and r["target"] in a)]
    assert crossing == [tuple(truth.problems["single_bridge"]["bridge"])]
    chain = truth.problems["deep_chain"]
    inviter = {r["target"]: r["source"] for r in rows(directory, "shares") if r["joined"] == "true"}
    path = [chain["root"], *chain["chain"]]
    assert [inviter[m] for m in path[1:]] == path[:-1]
    assert json.loads((directory / "truth.json").read_text(encoding="utf-8"))["problems"] == truth.problems


def fraud(community):
    directory, truth = community
    return directory, truth.problems["fission_fraud"]


def joined_at(directory):
    return {r["member_id"]: datetime.fromisoformat(r["joined_at"]) for r in rows(directory, "members") if r["joined_at"]}


def test_star_farm_accounts_are_silent_and_joined_at_once(community):
    directory, truth = fraud(community)
    farm = set(truth["star_farm"]["invitees"])
    touching = [r for r in rows(directory, "interactions") if r["source"] in farm or r["target"] in farm]
    assert touching == []
    shares = [r for r in rows(directory, "shares") if r["target"] in farm or r["source"] in farm]
    assert {(r["source"], r["joined"]) for r in shares} == {(truth["star_farm"]["inviter"], "true")}
    times = sorted(joined_at(directory)[m] for m in farm)
    assert len(farm) == 15 and (times[-1] - times[0]).total_seconds() <= 5 * 60


def test_burst_ring_echo_and_strong_inviters_are_in_the_shares(community):
    directory, truth = fraud(community)
    shares = rows(directory, "shares")
    inviter = {r["target"]: r["source"] for r in shares if r["joined"] == "true"}
    burst = truth["burst_inviter"]
    assert all(inviter[m] == burst["inviter"] for m in burst["invitees"])
    times = sorted(joined_at(directory)[m] for m in burst["invitees"])
    assert (times[-1] - times[0]).total_seconds() <= 6 * 60
    ring = truth["ring"]["members"]
    claims = {(r["source"], r["target"]) for r in shares if r["joined"] == "true"}
    assert all((ring[i], ring[(i + 1) % len(ring)]) in claims for i in range(len(ring)))
    group = set(truth["echo_group"]["members"])
    echo = [r for r in shares if r["source"] in group and r["target"] in group and r["joined"] == "false"]
    assert len(echo) == truth["echo_group"]["shares"] == 40 and {r["channel"] for r in echo} == {"moments"}
    staff = {r["member_id"] for r in rows(directory, "members") if r["declared_role"] in ("管理员", "admin", "鼓励官")}
    assert group <= staff and len(group) >= 3
    for strong, invitees in zip(truth["strong_inviters"]["inviters"], truth["strong_inviters"]["invitees"]):
        assert len(invitees) == 15 and all(inviter[m] == strong for m in invitees)
@pytest.fixture(scope="module")
def changed(tmp_path_factory):
    from graphmodel.generate import CHANGES

    directory = tmp_path_factory.mktemp("changed")
    return directory, generate_community(directory, GeneratorOptions(members=2000, seed=7, changes=CHANGES))


def test_planted_change_is_in_the_files_where_truth_says(changed):
    directory, truth = changed
    changes = truth.changes
    members = {r["member_id"]: r for r in rows(directory, "members")}
    interactions = rows(directory, "interactions")
    split = changes["circle_split"]
    left, right = (set(h) for h in split["halves"])
    assert min(len(left), len(right)) >= 20 and members[split["leader"]]["left_at"].startswith(split["at"][:10])
    after = [r for r in interactions if r["at"] >= split["at"][:19]]
    across = [r for r in after if (r["source"] in left and r["target"] in right)
              or (r["source"] in right and r["target"] in left)]
    inside = [r for r in after if r["source"] in left | right and r["target"] in left | right]
    assert not across and len(inside) > 500
    quiet = changes["quiet_leader"]
    assert quiet["member"] in truth.leaders
    assert not [r for r in interactions if quiet["member"] in (r["source"], r["target"]) and r["at"] >= quiet["since"][:19]]
    assert [r for r in interactions if quiet["member"] in (r["source"], r["target"]) and r["at"] < quiet["since"][:19]]
    gone = changes["departures"]["members"]
    assert len(gone) >= 40 and {members[m]["left_reason"] for m in gone} == {"left", "removed"}
    for member in gone[:20]:
        since = members[member]["left_at"]
        assert since > members[member]["joined_at"]
        assert not [r for r in interactions if member in (r["source"], r["target"]) and r["at"] > since]
    assert changes["weak_cohort"]["cohort"] == "joined:2024-05..2024-06"
    assert changes["weak_cohort"]["compare_with"] == "joined:2024-03..2024-04"
    assert truth.options["changes"] == ["quiet_leader", "departures", "circle_split", "weak_cohort"]


def test_without_changes_nobody_leaves_and_an_unknown_change_is_refused(community, tmp_path):
    directory, truth = community
    assert truth.changes == {} and all(r["left_at"] == "" for r in rows(directory, "members"))
    with pytest.raises(ValueError, match="unknown change"):
        generate_community(tmp_path, GeneratorOptions(members=500, changes=("nope",)))

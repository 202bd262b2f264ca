"""Role transitions, leaders gained and lost, role mix: on hand-built run snapshots."""

from datetime import UTC, datetime

from graphmodel.history import (
    NO_ROLE,
    MemberRoleHistory,
    MemberRoleStep,
    RoleSnapshot,
    primary_role,
    role_history,
)


def at(month: int) -> datetime:
    return datetime(2024, month, 1, tzinfo=UTC)


# three runs: s is a seed user who becomes a follower and then a KOL; k is a KOL who goes
# quiet (lurker); f stays a follower; n joins in the second run; x leaves after the first
SNAPSHOTS = [
    RoleSnapshot("r1", at(1), {"seed_user": ["s"], "leader": ["k"], "follower": ["f", "x"],
                               "lurker": ["x"]}),
    RoleSnapshot("r2", at(2), {"seed_user": ["s"], "follower": ["s", "f", "n"],
                               "leader": ["k"]}),
    RoleSnapshot("r3", at(3), {"seed_user": ["s"], "leader": ["s"], "follower": ["f", "n"],
                               "lurker": ["k"]}),
]


def test_primary_role_follows_precedence():
    assert primary_role(["seed_user", "follower"]) == "follower"
    assert primary_role(["lurker", "leader"]) == "leader"
    assert primary_role([]) == NO_ROLE
    assert primary_role(["something_new"]) == "something_new"


def test_transitions_between_consecutive_runs():
    history = role_history("c1", SNAPSHOTS)
    moves = {(t.from_run, t.to_run, t.from_role, t.to_role): (t.members, t.examples)
             for t in history.transitions}
    assert moves == {
        ("r1", "r2", "seed_user", "follower"): (1, ("s",)),
        ("r1", "r2", NO_ROLE, "follower"): (1, ("n",)),
        ("r1", "r2", "follower", NO_ROLE): (1, ("x",)),
        ("r2", "r3", "follower", "leader"): (1, ("s",)),
        ("r2", "r3", "leader", "lurker"): (1, ("k",)),
    }
    assert [t.to_run for t in history.transitions] == ["r2", "r2", "r2", "r3", "r3"]


def test_leaders_gained_and_lost():
    history = role_history("c1", SNAPSHOTS)
    first, second = history.leaders
    assert (first.kept, first.gained, first.lost) == (1, (), ())
    assert (second.from_run, second.to_run) == ("r2", "r3")
    assert (second.kept, second.gained, second.lost) == (0, ("s",), ("k",))


def test_role_mix_per_run():
    history = role_history("c1", SNAPSHOTS)
    assert history.runs == ("r1", "r2", "r3")
    first, second, third = history.mix
    # x is a follower and a lurker in r1: counted once, as a follower
    assert first.members == 4 and first.counts["follower"] == 2 and first.counts["lurker"] == 0
    assert second.counts["follower"] == 3 and second.counts["leader"] == 1
    assert third.counts == {**{r: 0 for r in third.counts}, "leader": 1, "follower": 2, "lurker": 1}
    assert sum(third.counts.values()) == third.members


def test_no_runs_and_one_run():
    assert role_history("c1", []).transitions == ()
    single = role_history("c1", SNAPSHOTS[:1])
    assert single.transitions == () and single.leaders == () and len(single.mix) == 1


def test_member_path_folds_repeats():
    steps = tuple(MemberRoleStep(f"r{i}", at(i), (role,), role)
                  for i, role in enumerate(["seed_user", "seed_user", "follower", "leader"], 1))
    assert MemberRoleHistory("c1", "s", steps).path == ("seed_user", "follower", "leader")

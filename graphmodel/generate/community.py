"""The whole synthetic community, written in the interchange format, with what was planted."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from graphmodel.core.interchange import TABLES
from graphmodel.generate import change
from graphmodel.generate.activity import TYPE_WEIGHTS, TYPES, activity_weights, build_interactions
from graphmodel.generate.events import build_events
from graphmodel.generate.fission import CHANNELS, build_shares
from graphmodel.generate.fraud import FRAUD, plant_fraud
from graphmodel.generate.problems import PROBLEMS, plant_edges, plant_structure
from graphmodel.generate.structure import (
    EXECUTOR,
    LEADER,
    LURKER,
    MANAGER,
    MS_PER_DAY,
    Structure,
    build_structure,
    member_ids,
)

CHUNK = 2_000_000
SURNAMES = np.array(list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"))
GIVEN = np.array(list("伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平"))
LATIN = np.array(["Alex", "Bea", "Chen", "Dana", "Eli", "Fay", "Gus", "Hana", "Ivan", "Jun", "Kai", "Lea"])
THRESHOLDS = np.array(["interest", "identity", "geo", "paid", "composite"])
THRESHOLD_SHARES = np.array([0.45, 0.2, 0.1, 0.15, 0.1])
HIDDEN_LEADER_SHARE = 0.2    # leaders nobody declared
LATE_LEADER_SHARE = 0.3      # declared leaders who became one during the period (roles.csv)


@dataclass(frozen=True)
class GeneratorOptions:
    members: int = 2_000
    seed: int = 7
    interactions_per_member: float = 10.0
    start: str = "2024-01-01"
    end: str = "2024-12-31"
    problems: tuple[str, ...] = ()
    name: str = "示例社群 demo community"
    changes: tuple[str, ...] = ()  # change over time to plant: generate.change.CHANGES


@dataclass
class Truth:
    """What the generator put in, so tests and demos can check it is found."""

    members: int
    outsiders: int
    interactions: int
    shares: int
    events: int
    attendance: int
    circles: int
    leaders: list[str]
    managers: list[str]
    seeds: list[str]
    hidden_leaders: list[str]
    paper_leaders: list[str]
    problems: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    changes: dict = field(default_factory=dict)


def _ms(day: str) -> int:
    return int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp() * 1000)


def _iso(ms: np.ndarray) -> np.ndarray:
    return np.datetime_as_string(ms.astype("datetime64[ms]"), unit="s", timezone="UTC")


def generate_community(directory: str | Path, options: GeneratorOptions) -> Truth:
    unknown = set(options.problems) - set(PROBLEMS)
    if unknown:
        raise ValueError(f"unknown problem(s): {', '.join(sorted(unknown))}; known: {', '.join(PROBLEMS)}")
    if set(options.changes) - set(change.CHANGES):
        raise ValueError(f"unknown change(s): {', '.join(sorted(set(options.changes) - set(change.CHANGES)))}; "
                         f"known: {', '.join(change.CHANGES)}")
    rng = np.random.default_rng(options.seed)
    start, end = _ms(options.start), _ms(options.end)
    s = build_structure(rng, options.members, start, end)
    planted = plant_structure(rng, s, options.problems, end) if options.problems else {}
    events = build_events(rng, s, end)
    changing = np.random.default_rng([options.seed, 25])  # its own stream: the rest is the same without changes
    changed = change.plant_before(changing, s, events, options.changes, start, end,
                                  {c for d in planted.values() for c in [d.get("circle"), *d.get("circles", [])]})
    weights = activity_weights(rng, s)
    interactions = build_interactions(rng, s, events.active_until, int(options.members * options.interactions_per_member),
                                      weights)
    shares = build_shares(rng, s, weights)
    if options.problems:
        interactions, shares = plant_edges(rng, s, interactions, shares, planted, options.problems)
    interactions = change.plant_after(changing, s, interactions, changed) if options.changes else interactions

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    declared, hidden, paper, late = _declared_roles(rng, s)
    if FRAUD in options.problems:
        interactions, shares, planted[FRAUD] = plant_fraud(rng, s, interactions, shares, declared, planted, end)
    _write_members(directory, rng, s, declared, shares.outsiders, changed)
    _write_roles(directory, rng, s, late)
    _write(directory, "interactions", {
        "source": lambda sl: member_ids(interactions.source[sl]), "target": lambda sl: member_ids(interactions.target[sl]),
        "type": lambda sl: TYPES[interactions.kind[sl]], "weight": lambda sl: TYPE_WEIGHTS[interactions.kind[sl]],
        "at": lambda sl: _iso(interactions.at[sl])}, len(interactions.source))
    _write(directory, "shares", {
        "source": lambda sl: member_ids(shares.source[sl]), "target": lambda sl: member_ids(shares.target[sl]),
        "at": lambda sl: _iso(shares.at[sl]), "channel": lambda sl: CHANNELS[shares.channel[sl]],
        "joined": lambda sl: np.where(shares.joined[sl], "true", "false")}, len(shares.source))
    _write(directory, "events", {
        "event_id": lambda sl: np.char.add("e", np.arange(len(events.at))[sl].astype(str)),
        "name": lambda sl: np.where(events.offline[sl], "线下见面会 meetup", "线上分享会 online talk"),
        "kind": lambda sl: np.where(events.offline[sl], "offline", "online"),
        "at": lambda sl: _iso(events.at[sl])}, len(events.at))
    _write(directory, "attendance", {
        "member_id": lambda sl: member_ids(events.attendee[sl]),
        "event_id": lambda sl: np.char.add("e", events.event[sl].astype(str))}, len(events.attendee))

    problems = {}
    for problem, detail in planted.items():
        detail = dict(detail)
        if "circle" in detail:
            detail["members"] = member_ids(np.sort(s.circle_members(detail["circle"]))).tolist()
        if "circles" in detail:
            detail["members"] = [member_ids(np.sort(s.circle_members(c))).tolist() for c in detail["circles"]]
        for key in ("bridge", "chain"):
            if key in detail:
                detail[key] = member_ids(np.array(detail[key])).tolist()
        if "root" in detail:
            detail["root"] = str(member_ids(np.array([detail["root"]]))[0])
        problems[problem] = detail
    truth = Truth(
        members=s.n, outsiders=shares.outsiders, interactions=len(interactions.source),
        shares=len(shares.source), events=len(events.at), attendance=len(events.attendee),
        circles=s.circles,
        leaders=member_ids(np.flatnonzero(s.role == LEADER)).tolist(),
        managers=member_ids(np.flatnonzero(s.role == MANAGER)).tolist(),
        seeds=member_ids(np.flatnonzero(s.seed)).tolist(),
        hidden_leaders=member_ids(hidden).tolist(), paper_leaders=member_ids(paper).tolist(),
        problems=problems, options={**asdict(options), "problems": list(options.problems),
                                    "changes": list(options.changes)},
        changes=change.truth_of(changed, member_ids))
    (directory / "truth.json").write_text(json.dumps(asdict(truth), ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
    return truth


def _declared_roles(rng: np.random.Generator, s: Structure):
    """Declared roles as operators keep them: mostly right, with hidden and paper leaders."""
    declared = np.full(s.n, "", dtype=object)
    declared[s.role == MANAGER] = np.where(rng.random((s.role == MANAGER).sum()) < 0.5, "管理员", "admin")
    leaders = np.flatnonzero(s.role == LEADER)
    hidden = leaders[rng.random(len(leaders)) < HIDDEN_LEADER_SHARE]
    shown = np.setdiff1d(leaders, hidden)
    late = shown[rng.random(len(shown)) < LATE_LEADER_SHARE]
    now = np.setdiff1d(shown, late)
    declared[now] = np.where(rng.random(len(now)) < 0.5, "意见领袖", "KOL")
    executors = np.flatnonzero(s.role == EXECUTOR)
    declared[executors[rng.random(len(executors)) < 0.7]] = "鼓励官"
    lurkers = np.flatnonzero((s.role == LURKER) & ~s.seed)
    paper = rng.choice(lurkers, size=min(len(lurkers), s.n // 1000 + 1), replace=False)
    declared[paper] = "KOL"
    return declared, np.sort(hidden), np.sort(paper), late


def _write_members(directory: Path, rng: np.random.Generator, s: Structure, declared: np.ndarray,
                   outsiders: int, changed: change.Planted) -> None:
    zh = np.char.add(SURNAMES[rng.integers(0, len(SURNAMES), s.n)], GIVEN[rng.integers(0, len(GIVEN), s.n)])
    latin = np.char.add(np.char.add(LATIN[rng.integers(0, len(LATIN), s.n)], " "),
                        np.arange(1, s.n + 1).astype(str))
    names = np.where(rng.random(s.n) < 0.6, zh, latin)
    circle_threshold = rng.choice(len(THRESHOLDS), size=s.circles, p=THRESHOLD_SHARES)
    frame = pd.DataFrame({
        "member_id": member_ids(np.arange(s.n)), "name": names, "joined_at": _iso(s.joined),
        "is_member": "true", "declared_role": declared, "threshold": THRESHOLDS[circle_threshold[s.circle]]})
    # the outsiders who brought people in have a row too (is_member=false); the rest are only referenced
    named = np.arange(min(outsiders, 50))
    frame = pd.concat([frame, pd.DataFrame({
        "member_id": member_ids(-1 - named), "name": np.char.add("外部 outsider ", named.astype(str)),
        "joined_at": "", "is_member": "false", "declared_role": "", "threshold": ""})], ignore_index=True)
    gone = np.concatenate([changed.left_at >= 0, np.zeros(len(named), bool)])
    frame["left_at"] = np.where(gone, _iso(np.maximum(np.concatenate([changed.left_at, np.zeros(len(named),
                                                                                                  np.int64)]), 0)), "")
    frame["left_reason"] = np.where(gone, np.where(np.concatenate([changed.removed, np.zeros(len(named), bool)]),
                                                   "removed", "left"), "")
    frame.to_csv(directory / "members.csv", index=False, columns=list(TABLES["members"].columns))


def _write_roles(directory: Path, rng: np.random.Generator, s: Structure, late: np.ndarray) -> None:
    """Role changes: seed users for their first two months; late leaders were followers first."""
    seeds = np.flatnonzero(s.seed)
    became = s.joined[late] + rng.integers(60, 150, len(late)) * MS_PER_DAY
    frame = pd.DataFrame({
        "member_id": member_ids(np.concatenate([seeds, late, late])),
        "role": ["seed user"] * len(seeds) + ["追随者"] * len(late) + ["意见领袖"] * len(late),
        "since": _iso(np.concatenate([s.joined[seeds], s.joined[late], became])),
        "until": np.concatenate([_iso(s.joined[seeds] + 60 * MS_PER_DAY), _iso(became),
                                 np.full(len(late), "")])})
    frame.to_csv(directory / "roles.csv", index=False, columns=list(TABLES["roles"].columns))


def _write(directory: Path, table: str, columns: dict, rows: int) -> None:
    """Write a table in chunks, each column computed for a slice of rows."""
    path = directory / TABLES[table].csv_name
    order = list(TABLES[table].columns)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(order) + "\n")
        for begin in range(0, rows, CHUNK):
            sl = slice(begin, min(rows, begin + CHUNK))
            frame = pd.DataFrame({c: columns[c](sl) for c in order if c in columns})
            frame.to_csv(handle, index=False, header=False, columns=[c for c in order if c in columns])

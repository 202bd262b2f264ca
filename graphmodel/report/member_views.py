"""What the report's member-level views show, read from the graph, bounded at any size.

- **Ego networks** of every listed leader and connector: their strongest direct ties
  (the first step, at most ``FIRST_STEP``, ranked as ``graphmodel query
  member_neighbourhood`` ranks them) and the strongest ties of those (the second step,
  at most ``SECOND_PER_FIRST`` each and ``SECOND_STEP`` in all), with each member's
  circle and primary role in the run.
- **Cascade trees** of the ``TREES`` largest cascades of the latest fission run,
  generation by generation from the root: per member at most ``CHILDREN`` of those it
  reached (those with the most members below them first), at most ``PER_GENERATION``
  per generation, ``TREE_NODES`` in all; what is not drawn is counted where it hangs.
- **The circles each listed connector ties into** (the map draws connectors there) and
  the names of the circle leaders and cascade roots.

Member figures (circle, roles) are those of the latest analysis run; for a report of an
earlier run they are left out rather than shown from another run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphmodel.history import ROLE_PRECEDENCE
from graphmodel.report.circle_map import MAX_CIRCLES

FIRST_STEP = 12
SECOND_PER_FIRST = 3
SECOND_STEP = 30
SECOND_CANDIDATES = 8     # ties read per first-step member
TREES = 3
CHILDREN = 5
PER_GENERATION = 12
TREE_NODES = 48
GENERATIONS = 12
CONNECTOR_CIRCLES = 4


@dataclass(frozen=True)
class ViewMember:
    member_id: str
    name: str | None
    circle: int | None
    role: str | None          # primary inferred role (ROLE_PRECEDENCE); None when not known for the run
    is_member: bool = True


@dataclass(frozen=True)
class EgoMember:
    member_id: str
    name: str | None
    circle: int | None
    role: str | None
    is_member: bool
    weight: float             # strength of the tie that brought them in
    via: str | None = None    # the first-step member a second-step member is tied to


@dataclass(frozen=True)
class EgoTie:
    a: str
    b: str
    weight: float


@dataclass(frozen=True)
class EgoNetwork:
    centre: ViewMember
    leader_rank: int | None
    connector_rank: int | None
    degree: int               # members the centre is tied to, in all
    first: tuple[EgoMember, ...]
    second: tuple[EgoMember, ...]
    ties: tuple[EgoTie, ...]  # among the first step, and from it to the second


@dataclass(frozen=True)
class TreeMember:
    member_id: str
    name: str | None
    generation: int
    parent: str | None
    reach: int                # members below them in the cascade
    role: str | None
    is_member: bool
    hidden: int = 0           # members they reached that are not drawn
    hidden_reach: int = 0     # those and everyone below them


@dataclass(frozen=True)
class CascadeTree:
    root: str
    size: int
    depth: int
    structural_virality: float | None
    members: tuple[TreeMember, ...]


@dataclass(frozen=True)
class ConnectorCircles:
    member_id: str
    circles: tuple[dict[str, int], ...]   # {circle, members}, most first


@dataclass
class MemberViews:
    ego_networks: list[EgoNetwork] = field(default_factory=list)
    cascade_trees: list[CascadeTree] = field(default_factory=list)
    connector_circles: list[ConnectorCircles] = field(default_factory=list)
    named: list[ViewMember] = field(default_factory=list)   # circle leaders and cascade roots


def primary_role(roles: Iterable[str] | None) -> str | None:
    held = set(roles or ())
    return next((r for r in ROLE_PRECEDENCE if r in held), None)


def gather_member_views(connection, community: str, run: str, leaders: Sequence[Any], connectors: Sequence[Any],
                        circles: Sequence[Any], cascades: Sequence[dict[str, Any]]) -> MemberViews:
    """The member views for the listed ``leaders`` and ``connectors`` (RankedMember rows), the
    leaders of the mapped ``circles`` and the largest of ``cascades`` (rows of ``graphmodel query
    cascades``)."""
    trees = list(cascades[:TREES])
    mapped = sorted(circles, key=lambda c: (-c.size, c.circle_id))[:MAX_CIRCLES]
    circle_leaders = [c.leader for c in mapped if c.leader]
    named_ids = list(dict.fromkeys([*circle_leaders, *(c["root"] for c in trees)]))
    named = {r["member_id"]: _member(r) for r in connection.read("report_members_named", community=community,
                                                                 members=named_ids, run=run)} if named_ids else {}
    circles = connection.read("report_connector_circles", community=community,
                              members=[c.member_id for c in connectors], run=run,
                              limit=CONNECTOR_CIRCLES) if connectors else []
    return MemberViews(
        ego_networks=ego_networks(connection, community, run, leaders, connectors),
        cascade_trees=[cascade_tree(connection, community, run, c, named.get(c["root"])) for c in trees],
        connector_circles=[ConnectorCircles(r["member_id"], tuple(r["circles"])) for r in circles],
        named=list(named.values()))


def ego_networks(connection, community: str, run: str, leaders: Sequence[Any],
                 connectors: Sequence[Any]) -> list[EgoNetwork]:
    ranks: dict[str, dict[str, int]] = {}
    for kind, ranked in (("leader", leaders), ("connector", connectors)):
        for m in ranked:
            ranks.setdefault(m.member_id, {})[kind] = m.rank
    centres = list(ranks)
    if not centres:
        return []
    first = {r["member_id"]: r for r in connection.read("report_ego_ties", community=community, members=centres,
                                                        run=run, limit=FIRST_STEP, degree=True)}
    around = sorted({n["member_id"] for r in first.values() for n in r["neighbours"]})
    second = {r["member_id"]: r["neighbours"] for r in connection.read(
        "report_ego_ties", community=community, members=around, run=run, limit=SECOND_CANDIDATES,
        degree=False)} if around else {}
    return [assemble_ego(first[c], second, ranks[c].get("leader"), ranks[c].get("connector"))
            for c in centres if c in first]


def assemble_ego(row: dict[str, Any], second: dict[str, list[dict[str, Any]]], leader_rank: int | None,
                 connector_rank: int | None) -> EgoNetwork:
    """One ego network from the centre's ties (``row``) and each first-step member's ties."""
    centre = row["member_id"]
    first = [_ego_member(n) for n in row["neighbours"]]
    inner = {m.member_id for m in first}
    outer: dict[str, EgoMember] = {}
    ties: dict[tuple[str, str], float] = {}
    per_first: dict[str, int] = {}
    for m in first:
        for n in second.get(m.member_id, []):
            other = n["member_id"]
            if other in (centre, m.member_id):
                continue
            if other in inner:
                ties[min(m.member_id, other), max(m.member_id, other)] = float(n["weight"])
            elif other in outer:
                ties[m.member_id, other] = float(n["weight"])
            elif len(outer) < SECOND_STEP and per_first.get(m.member_id, 0) < SECOND_PER_FIRST:
                outer[other] = _ego_member(n, via=m.member_id)
                per_first[m.member_id] = per_first.get(m.member_id, 0) + 1
                ties[m.member_id, other] = float(n["weight"])
    return EgoNetwork(centre=_member(row), leader_rank=leader_rank, connector_rank=connector_rank,
                      degree=int(row["degree"]), first=tuple(first), second=tuple(outer.values()),
                      ties=tuple(EgoTie(a, b, w) for (a, b), w in ties.items()))


def cascade_tree(connection, community: str, run: str, cascade: dict[str, Any],
                 root: ViewMember | None) -> CascadeTree:
    """The cascade rooted at ``cascade["root"]``, read generation by generation."""
    root_id = cascade["root"]
    root = root or ViewMember(root_id, None, None, None)
    drawn = [TreeMember(root_id, root.name, 0, None, max(int(cascade["size"]) - 1, 0), root.role, root.is_member)]
    frontier = [root_id] if drawn[0].reach else []
    generation = 0
    while frontier and generation < GENERATIONS and len(drawn) < TREE_NODES:
        generation += 1
        rows = connection.read("report_cascade_children", community=community, parents=frontier, run=run,
                               limit=CHILDREN)
        drawn, frontier = grow_tree(drawn, rows, generation)
    if frontier:  # the caps ended the tree: count what the last members drawn reached
        rows = connection.read("report_cascade_children", community=community, parents=frontier, run=run, limit=0)
        drawn, _ = grow_tree(drawn, rows, generation + 1)
    return CascadeTree(root_id, int(cascade["size"]), int(cascade["depth"]), cascade.get("structural_virality"),
                       tuple(drawn))


def grow_tree(drawn: list[TreeMember], rows: list[dict[str, Any]],
              generation: int) -> tuple[list[TreeMember], list[str]]:
    """Add one generation (``rows``: each parent's children, ``report_cascade_children``) to the
    drawn members, within the caps; each parent counts what it reached and is not drawn.
    Returns the members and the new frontier (drawn members with members below them)."""
    candidates = [(child, row["parent_id"]) for row in rows for child in row["children"]]
    room = min(PER_GENERATION, TREE_NODES - len(drawn))
    # most members below first; ties in the order the parents were drawn, then by id
    order = {m.member_id: i for i, m in enumerate(drawn)}
    candidates.sort(key=lambda pair: (-int(pair[0]["reach"]), order.get(pair[1], 0), pair[0]["member_id"]))
    kept = candidates[:max(room, 0)]
    children: dict[str, list[TreeMember]] = {}
    new = []
    for child, parent in kept:
        member = TreeMember(child["member_id"], child.get("name"), generation, parent, int(child["reach"]),
                            primary_role(child.get("roles")), bool(child.get("is_member", True)))
        children.setdefault(parent, []).append(member)
        new.append(member)
    reached = {row["parent_id"]: int(row["reached"]) for row in rows}
    out = []
    for m in drawn:
        if m.member_id in reached:
            mine = children.get(m.member_id, [])
            hidden = reached[m.member_id] - len(mine)
            hidden_reach = m.reach - sum(c.reach + 1 for c in mine)
            m = TreeMember(m.member_id, m.name, m.generation, m.parent, m.reach, m.role, m.is_member,
                           hidden, max(hidden_reach, hidden))
        out.append(m)
    out.extend(new)
    return out, [c.member_id for c in new if c.reach > 0]


def _member(row: dict[str, Any]) -> ViewMember:
    return ViewMember(row["member_id"], row.get("name"), row.get("circle"), primary_role(row.get("roles")),
                      bool(row.get("is_member", True)))


def _ego_member(n: dict[str, Any], via: str | None = None) -> EgoMember:
    return EgoMember(n["member_id"], n.get("name"), n.get("circle"), primary_role(n.get("roles")),
                     bool(n.get("is_member", True)), float(n["weight"]), via)

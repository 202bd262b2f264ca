"""Circle evolution: each run's circles matched to those of the run before it in time order.

The runs of a community are ordered by the time each looked from (``--as-of``, else its
start), as ``graphmodel history`` orders them; a run analysed as of an earlier date is
matched between its neighbours, and the later neighbour is matched to it again.

Two circles match when their Jaccard overlap (shared members over members of either) is at
least ``circle_match`` (Greene, Doyle & Cunningham 2010 match a step's communities to the
earlier ones this way; Palla, Barabási & Vicsek 2007 use the same relative overlap), or
when most of the smaller one (``CONTAINED``) lies in the larger and that is at least
``CONTAINED_MIN`` of the larger: Jaccard alone misses a circle that grew with newcomers,
or the halves of a split that newcomers joined (a circle of 90 whose halves gained 35
newcomers each shares 45 members with each half: Jaccard 0.29). The events are those of
that literature (and of cdlib's LifeCycle):

- ``form``: a circle that matches none before; ``dissolve``: one that matches none after;
- ``split``: a circle that matches two or more after; ``merge``: two or more that match one;
- ``continue``, ``grow``, ``shrink``: one matches one, and its size stayed within ``GROWTH``
  (a fifth), rose or fell by more.

Each event counts the members before and after (``overlap``: their Jaccard overlap;
``shared``; ``moved``: members of the circles before in none of those after, who went to
another circle or to none; ``joined``: the other way round). Pure numpy over member ids;
``link_circles`` reads and writes the graph side (``(:Circle)-[:BECAME]->(:Circle)`` and
``CircleEvent`` nodes, see ``results``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from graphmodel.analysis.results import Circle, CircleEvent
from graphmodel.graph.database import Database

EVENTS = ("split", "merge", "dissolve", "form", "shrink", "grow", "continue")
GROWTH = 0.2
CONTAINED = 0.5       # of the smaller circle's members, in the larger
CONTAINED_MIN = 0.25  # of the larger circle's members, for the smaller to match by containment
MOVED_LISTED = 20  # members who moved, listed per event


@dataclass(frozen=True)
class CircleSnapshot:
    """The circles of one run as memberships: ``circle[i]`` holds ``member[i]``."""

    run: str
    circle: np.ndarray   # circle id per membership (int)
    member: np.ndarray   # member id per membership (str)

    @classmethod
    def of(cls, run: str, circles: Iterable[tuple[int, Sequence[str]]]) -> CircleSnapshot:
        ids: list[int] = []
        members: list[str] = []
        for circle_id, held in circles:
            ids.extend([int(circle_id)] * len(held))
            members.extend(held)
        return cls(run, np.array(ids, np.int64), np.array(members, dtype=str))

    @property
    def circle_ids(self) -> np.ndarray:
        return np.unique(self.circle)


@dataclass(frozen=True)
class CircleLink:
    """A circle of the run before matched to one of the run after."""

    before: int
    after: int
    event: str       # the event the match is part of (split when it is in a split and a merge)
    overlap: float   # Jaccard overlap
    shared: int


def match_circles(before: CircleSnapshot, after: CircleSnapshot, threshold: float,
                  circle_ids: tuple[Sequence[int], Sequence[int]] | None = None,
                  ) -> tuple[list[CircleEvent], list[CircleLink]]:
    """The events between two runs' circles and the matches they rest on. ``circle_ids``: the
    circles of each run when some have no members listed (they count as empty)."""
    ids_before = np.unique(np.concatenate([before.circle_ids, np.asarray(circle_ids[0] if circle_ids else [],
                                                                          np.int64)]))
    ids_after = np.unique(np.concatenate([after.circle_ids, np.asarray(circle_ids[1] if circle_ids else [],
                                                                        np.int64)]))
    kb, ka = len(ids_before), len(ids_after)
    names, code = np.unique(np.concatenate([before.member, after.member]), return_inverse=True)
    code_before, code_after = code[:len(before.member)], code[len(before.member):]
    of_before = np.full(len(names), -1, np.int64)
    of_before[code_before] = np.searchsorted(ids_before, before.circle)
    of_after = np.full(len(names), -1, np.int64)
    of_after[code_after] = np.searchsorted(ids_after, after.circle)
    size_before = np.bincount(of_before[of_before >= 0], minlength=kb)
    size_after = np.bincount(of_after[of_after >= 0], minlength=ka)

    both = (of_before >= 0) & (of_after >= 0)
    pairs, shared = np.unique(of_before[both] * max(ka, 1) + of_after[both], return_counts=True)
    pb, pa = pairs // max(ka, 1), pairs % max(ka, 1)
    jaccard = shared / (size_before[pb] + size_after[pa] - shared)
    smaller = np.minimum(size_before[pb], size_after[pa])
    larger = np.maximum(size_before[pb], size_after[pa])
    match = (jaccard >= threshold) | ((shared >= CONTAINED * smaller) & (shared >= CONTAINED_MIN * larger))
    pb, pa, shared, jaccard = pb[match], pa[match], shared[match], jaccard[match]
    successors = np.bincount(pb, minlength=kb)
    predecessors = np.bincount(pa, minlength=ka)

    # members by circle, for who moved
    by_before = np.argsort(of_before, kind="stable")
    starts = np.searchsorted(of_before[by_before], np.arange(kb + 1))

    def moved_members(circles_before: list[int], circles_after: list[int]) -> tuple[str, ...]:
        if not circles_before:
            return ()
        rows = np.concatenate([by_before[starts[b]:starts[b + 1]] for b in circles_before])
        gone = rows[~np.isin(of_after[rows], np.asarray(circles_after, np.int64))]
        return tuple(np.sort(names[gone])[:MOVED_LISTED].tolist())

    events: list[tuple[int, int, int, CircleEvent]] = []

    def add(event: str, circles_before: list[int], circles_after: list[int], together: int) -> None:
        members_before = int(size_before[circles_before].sum()) if circles_before else 0
        members_after = int(size_after[circles_after].sum()) if circles_after else 0
        union = members_before + members_after - together
        events.append((EVENTS.index(event), -max(members_before, members_after),
                       (circles_before or circles_after)[0], CircleEvent(
            event=event, before=tuple(int(ids_before[b]) for b in circles_before),
            after=tuple(int(ids_after[a]) for a in circles_after),
            overlap=round(together / union, 4) if union else 0.0, shared=together,
            moved=members_before - together, joined=members_after - together,
            moved_members=moved_members(circles_before, circles_after),
            run_before=before.run, run_after=after.run)))

    links = []
    for b, a, s, j in zip(pb.tolist(), pa.tolist(), shared.tolist(), jaccard.tolist()):
        if successors[b] >= 2:
            kind = "split"
        elif predecessors[a] >= 2:
            kind = "merge"
        else:
            ratio = size_after[a] / size_before[b]
            kind = "grow" if ratio >= 1 + GROWTH else "shrink" if ratio <= 1 - GROWTH else "continue"
            add(kind, [b], [a], s)
        links.append(CircleLink(int(ids_before[b]), int(ids_after[a]), kind, round(j, 4), s))
    for b in np.flatnonzero(successors >= 2).tolist():
        chosen = pa[pb == b]
        add("split", [b], sorted(chosen.tolist()), int(shared[pb == b].sum()))
    for a in np.flatnonzero(predecessors >= 2).tolist():
        chosen = pb[pa == a]
        add("merge", sorted(chosen.tolist()), [a], int(shared[pa == a].sum()))
    for b in np.flatnonzero(successors == 0).tolist():
        add("dissolve", [b], [], 0)
    for a in np.flatnonzero(predecessors == 0).tolist():
        add("form", [], [a], 0)
    return [e for *_, e in sorted(events, key=lambda item: item[:3])], links


# the graph side ---------------------------------------------------------------------

def link_circles(connection: Database, community: str, run: str, circles: Sequence[Circle],
                 threshold: float) -> list[CircleEvent]:
    """Match ``run``'s circles to the finished run before it in time order (and the run after
    it, when ``run`` looked from an earlier time, to ``run``); write the matches and events.
    Returns the events since the run before (none for a community's first run)."""
    [neighbours] = connection.read("analysis_run_neighbours", run=run)
    current = CircleSnapshot.of(run, ((c.circle_id, c.members) for c in circles))
    ids = [c.circle_id for c in circles]
    events: list[CircleEvent] = []
    if neighbours["before"] is not None:
        earlier = read_snapshot(connection, neighbours["before"])
        if earlier is not None:
            events, links = match_circles(earlier[0], current, threshold, (earlier[1], ids))
            write_links(connection, community, earlier[0].run, run, events, links)
    if neighbours["after"] is not None:
        later = read_snapshot(connection, neighbours["after"])
        if later is not None:
            connection.write("analysis_circle_links_delete", run=later[0].run)
            after_events, links = match_circles(current, later[0], threshold, (ids, later[1]))
            write_links(connection, community, run, later[0].run, after_events, links)
    return events


def read_snapshot(connection: Database, run: str) -> tuple[CircleSnapshot, list[int]] | None:
    """A finished run's circles and their members; None when its members are not kept (runs
    written before circles kept them, whose memberships a later run removed)."""
    rows = connection.read("analysis_circle_members", run=run)
    if rows and not any(r["members"] for r in rows):
        return None
    return (CircleSnapshot.of(run, ((r["circle"], r["members"]) for r in rows)),
            [int(r["circle"]) for r in rows])


def write_links(connection: Database, community: str, run_before: str, run_after: str,
                events: list[CircleEvent], links: list[CircleLink]) -> None:
    connection.write("analysis_circle_links_write", community=community, before=run_before, after=run_after,
                     rows=[{"before": k.before, "after": k.after, "event": k.event, "overlap": k.overlap,
                            "shared": k.shared} for k in links])
    connection.write("analysis_circle_events_write", community=community, run=run_after, run_before=run_before,
                     rows=[event_row(e) for e in events])


def event_row(e: CircleEvent) -> dict[str, object]:
    return {"event": e.event, "before": list(e.before), "after": list(e.after), "overlap": e.overlap,
            "shared": e.shared, "moved": e.moved, "joined": e.joined, "moved_members": list(e.moved_members)}


def event_from_row(row: dict) -> CircleEvent:
    """A ``CircleEvent`` from a ``CircleEvent`` node's properties."""
    return CircleEvent(row["event"], tuple(row["before"]), tuple(row["after"]), row["overlap"], row["shared"],
                       row["moved"], row["joined"], tuple(row["moved_members"]), row["run_before"], row["run"])

"""The community model: node labels, relationship types and the role vocabulary.

The graph (also drawn in the README):

    (:Community {id, name, loaded_at})
    (:Member {community, id, name, joined_at, is_member, threshold, declared_roles})
        is_member=false marks an outsider, who also carries the label :Outsider
    (:Member)-[:MEMBER_OF {joined_at, via}]->(:Community)      members only, not outsiders
    (:Member)-[:INTERACTED {key, type, weight, at}]->(:Member)   type: reply|mention|reaction|message|other
    (:Member)-[:SHARED {key, at, channel, joined}]->(:Member)    source shared/invited, target received
    (:Member)-[:HAS_ROLE {community, role, source, since, until, run}]->(:Role {name, en, zh, family})
        source: 'declared' (from input) or 'inferred' (from an analysis run, `run` = its id)
    (:Event {community, id, name, kind, at})-[:OF]->(:Community)
    (:Member)-[:ATTENDED]->(:Event)
    (:AnalysisRun {id, community, started_at, finished_at, as_of, status, parameters, ...})-[:OF]->(:Community)
    (:Circle {community, run, id, size, leader, conductance, density})-[:OF]->(:AnalysisRun)
    (:Member)-[:IN_CIRCLE {run}]->(:Circle)                       the latest run's circles only
    (:Imbalance {community, run, rule, observed, expected, severity, members, message, lever, ...})
        -[:OF]->(:AnalysisRun)
        the Member nodes carry the latest run's figures (influence, betweenness, circle, ...;
        see graphmodel.analysis.results)
    (:FissionRun {id, community, started_at, finished_at, as_of, cutoff, status, version,
                  layering_depth, ..., shares, reached, joins, cascades, largest, max_depth,
                  mean_virality, analysis_run})-[:OF]->(:Community)
    (:Cascade {community, run, root, root_class, size, depth, breadth, reproduction, shares,
               joins, conversion, structural_virality, started_at, last_reached_at})
        -[:OF]->(:FissionRun), (:Cascade)-[:ROOTED_AT]->(:Member)
        one per cascade of a fission run (a snapshot); the Member nodes in the latest
        run's forest carry cascade_root, cascade_generation, cascade_parent (member ids),
        cascade_reach (members below them) and cascade_run (see graphmodel.fission), and
        the latest run's inviters the quality of their invitations (inviter_invited,
        inviter_joined, inviter_activated, inviter_retained, ..., inviter_flags, inviter_run)
    (:FissionFlag {community, run, member, channel, kind, label, label_zh, evidence, evidence_zh,
                   members})-[:OF]->(:FissionRun)      a fraud signal on an inviter or a channel
    (:FissionChannel {community, run, channel, sharers, shares, invited, joined, activated,
                      retained, ..., flagged_joins, flags})-[:OF]->(:FissionRun)
    (:EchoFinding {community, run, kind, group, members, cascades, shares, first_new, last_new,
                   evidence, evidence_zh, lever, lever_zh})-[:OF]->(:FissionRun)   internal echo

A Member node is a person's membership of one community, keyed by
(community, id): the same person id can be a member of several communities,
one node each, so every community's analysis results sit on its own nodes and
never overwrite another's, and every query is scoped by community. Relationship
``key`` properties are unique (constraints) and derived from the row content, so
loads are idempotent.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from graphmodel.core.errors import InvalidIdentifier

NODE_LABELS = ("Community", "Member", "Outsider", "Role", "Event", "AnalysisRun", "GraphModelSchema",
               "FissionRun", "Cascade", "Circle", "Imbalance", "FissionFlag", "FissionChannel", "EchoFinding")
RELATIONSHIP_TYPES = ("MEMBER_OF", "INTERACTED", "SHARED", "HAS_ROLE", "OF", "ATTENDED", "ROOTED_AT",
                      "IN_CIRCLE")
INTERACTION_TYPES = ("reply", "mention", "reaction", "message", "other")
THRESHOLDS = ("identity", "interest", "geo", "paid", "composite")
EVENT_KINDS = ("offline", "online")
DEPARTURE_REASONS = ("left", "removed")  # left of their own accord; removed by an admin


@dataclass(frozen=True)
class Role:
    name: str
    en: str
    zh: str
    family: str
    description_en: str
    description_zh: str
    aliases: tuple[str, ...]

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@cache
def roles() -> dict[str, Role]:
    """The vocabulary, by canonical name."""
    text = resources.files("graphmodel.core.vocabulary").joinpath("roles.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {
        name: Role(name=name, en=entry["en"], zh=entry["zh"], family=entry["family"],
                   description_en=entry["description_en"],
                   description_zh=entry["description_zh"], aliases=tuple(entry["aliases"]))
        for name, entry in data.items()
    }


@cache
def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for role in roles().values():
        for alias in (role.name, role.en, role.zh, *role.aliases):
            index[alias.strip().casefold()] = role.name
    return index


def role_name(text: str) -> str | None:
    """The canonical role for an English or Chinese name or alias, or None."""
    return _alias_index().get(" ".join(text.split()).casefold())


def check_identifier(value: str, allowed: tuple[str, ...], what: str) -> str:
    """Return ``value`` if it is on the whitelist ``allowed``; else raise."""
    if value not in allowed:
        raise InvalidIdentifier(f"{value!r} is not a known {what}; known: {', '.join(allowed)}")
    return value

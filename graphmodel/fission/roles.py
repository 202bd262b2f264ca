"""Who a sharer is: the roles that matter for fission, from declared and inferred roles.

A cascade's root is classified as one of ``ROOT_CLASSES``: an outsider (not a
member when they shared), else a leader (KOL), a manager or a seed user, in
that order when they hold several of these roles, else an ordinary member.
Leaders, managers and seed users form the core whose shares make first-layer
fission; shares by ordinary members make open fission; shares by outsiders
are fission from outside.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROOT_CLASSES = ("leader", "manager", "seed_user", "member", "outsider")
CORE_ROLES = ("leader", "manager", "seed_user")
ROOT_CLASS_LABELS = {
    "leader": ("KOL / leader", "意见领袖"),
    "manager": ("manager", "管理者"),
    "seed_user": ("seed user", "种子用户"),
    "member": ("ordinary member", "普通成员"),
    "outsider": ("outsider", "外部人员"),
}
#: kinds of share, by the sharer's class
SHARE_KINDS = ("first_layer", "open", "outside")


@dataclass(frozen=True)
class RoleBook:
    """Roles of the members who shared, as of the analysed time.

    ``declared`` and ``inferred`` map member id -> role names; ``inferred``
    comes from analysis run ``run`` (None: no run). ``outsiders`` were not
    members at the time.
    """

    declared: dict[str, frozenset[str]] = field(default_factory=dict)
    inferred: dict[str, frozenset[str]] = field(default_factory=dict)
    outsiders: frozenset[str] = frozenset()
    run: str | None = None

    @classmethod
    def from_rows(cls, rows, outsiders=(), run: str | None = None) -> RoleBook:
        """From rows with ``member_id``, ``role`` and ``source`` ('declared'|'inferred')."""
        declared: dict[str, set[str]] = {}
        inferred: dict[str, set[str]] = {}
        for row in rows:
            target = declared if row["source"] == "declared" else inferred
            target.setdefault(row["member_id"], set()).add(row["role"])
        return cls({k: frozenset(v) for k, v in declared.items()},
                   {k: frozenset(v) for k, v in inferred.items()},
                   frozenset(outsiders), run)

    def roles_of(self, member: str) -> frozenset[str]:
        return self.declared.get(member, frozenset()) | self.inferred.get(member, frozenset())

    def root_class(self, member: str) -> str:
        """One of ``ROOT_CLASSES``."""
        if member in self.outsiders:
            return "outsider"
        roles = self.roles_of(member)
        for role in CORE_ROLES:
            if role in roles:
                return role
        return "member"

    def is_leader(self, member: str) -> bool:
        return "leader" in self.roles_of(member)


def share_kind(root_class: str) -> str:
    """'first_layer' (core sharer), 'open' (ordinary member) or 'outside' (outsider)."""
    if root_class == "outsider":
        return "outside"
    return "first_layer" if root_class in CORE_ROLES else "open"

"""The norms a community is measured against: 1:9:90, ~5 % active, Dunbar's 50/150,
two-level layering, novice-only circles, Guimerà-Amaral's brokerage roles.

docs/domain.md says where each comes from; the config file's ``[thresholds]`` table
sets them (docs/settings.md). Both the structure analysis and fission read them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    """The norms the role mix is checked against (docs/domain.md)."""

    members_per_leader: float = 90.0        # 1:9:90: one opinion leader per ~90 members
    leaders_per_member_low: float = 1 / 125  # below: too few leaders (500 members: < 4)
    leaders_per_member_high: float = 1 / 60  # above: too many (500 members: > 8)
    active_share_low: float = 0.03          # ~5% active is normal
    active_share_high: float = 0.20
    lurker_share_high: float = 0.95
    dunbar_small: int = 50                  # below: semi-acquaintance mode
    dunbar_large: int = 150                 # above: split or layer
    layering_depth: int = 2                 # core KOL -> KOL -> members
    novice_days: int = 30                   # a member this new is a novice
    novice_circle_share: float = 0.9        # circles with this share of novices and no leader
    manager_circle_share: float = 0.5       # circles where managers are this share of the active
    hub_z: float = 2.5                      # Guimerà & Amaral 2005
    participation_non_hub: tuple[float, float, float] = (0.05, 0.62, 0.80)
    participation_hub: tuple[float, float] = (0.30, 0.75)

"""A fraud signal on an inviter or a channel (``Flag``) and the kinds there are, with their
names in English and Chinese; ``graphmodel.fission.fraud`` raises them."""

from __future__ import annotations

from dataclasses import dataclass

FLAG_KINDS = {
    "burst": ("joins in bursts", "集中爆发式加入"),
    "star_farm": ("star farm", "星形养号"),
    "quick_leavers": ("invitees who leave soon after joining", "加入即退（薅羊毛）"),
    "ring": ("ring of invitations", "互邀成环"),
    "new_account_chain": ("chain of brand-new accounts", "新号连环邀请"),
    "low_retention": ("retention far below the community's", "留存远低于社群"),
    "flagged_inviters": ("joins from flagged inviters", "加入多来自可疑邀请人"),
}


@dataclass(frozen=True)
class Flag:
    """One fraud signal: its kind (``FLAG_KINDS``), why, and the members it concerns."""

    kind: str
    evidence: str
    evidence_zh: str
    members: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return FLAG_KINDS[self.kind][0]

    @property
    def label_zh(self) -> str:
        return FLAG_KINDS[self.kind][1]

"""A hand-built community of invitations, gamed and genuine, for the fission quality tests.

Written as interchange rows (members, interactions, shares) so that the unit tests
compute on it directly and the integration tests load it through the loader. The
cases, all in 2024 (UTC):

- ``g``, a genuine strong inviter: ten invitees three days apart, each active the day
  after joining, after 35 and after 65 days, with others than ``g``; ``g3`` became a KOL;
- ``b``, a burst: six invitees joining a minute apart (otherwise ordinary, active members);
- ``f``, a star farm: six invitees two hours apart whom nobody but ``f`` ever addressed
  and who never took part;
- ``h``, reward harvesting: four invitees who left a day after joining (one removed);
- ``l``, low retention: twelve invitees active the day after joining, never again;
- ``r1 > r2 > r3 > r1``, a ring, and ``x1``/``x2``, who invited each other;
- ``n1 > n2 > n3 > n4``, brand-new accounts that each invited the next within hours of
  joining and never took part;
- ``ex1``, ``ex2``, ``ex3`` (executors) re-sharing a poster to each other twelve times;
- ``adm``, the manager, who brought in ``r1``..``r3``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

HOUR, DAY = timedelta(hours=1), timedelta(days=1)
END = datetime(2024, 9, 30, 12, tzinfo=UTC)  # the last thing the data holds

FLAGGED = {"b": {"burst"}, "f": {"star_farm"}, "h": {"quick_leavers"}, "l": {"low_retention"},
           "r1": {"ring"}, "r2": {"ring"}, "r3": {"ring"}, "x1": {"ring"}, "x2": {"ring"},
           "n1": {"new_account_chain"}, "n2": {"new_account_chain"}, "n3": {"new_account_chain"}}
GENUINE = "g"
CHANNEL_FLAGS = {"qr_code": {"flagged_inviters"}, "link": {"flagged_inviters", "low_retention"}}
ECHO_MEMBERS = ("ex1", "ex2", "ex3")


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def community() -> dict[str, list[dict]]:
    """The rows of each interchange table (times as aware datetimes)."""
    members: dict[str, dict] = {}
    interactions: list[dict] = []
    shares: list[dict] = []

    def member(mid: str, joined: datetime, role: str = "", left: datetime | None = None, reason: str = "") -> None:
        members[mid] = {"member_id": mid, "name": mid, "joined_at": joined, "is_member": True,
                        "declared_role": role, "left_at": left, "left_reason": reason if left else ""}

    def talk(source: str, target: str, when: datetime, kind: str = "reply") -> None:
        interactions.append({"source": source, "target": target, "type": kind, "weight": 1.0, "at": when})

    def share(source: str, target: str, when: datetime, channel: str, joined: bool = True) -> None:
        shares.append({"source": source, "target": target, "at": when, "channel": channel, "joined": joined})

    def monthly(source: str, target: str, start: datetime) -> None:
        when = start + DAY
        while when < END:
            talk(source, target, when)
            when += 30 * DAY

    member("adm", at(2024, 1, 1), "管理员")
    for mid in ECHO_MEMBERS:
        member(mid, at(2024, 1, 2), "鼓励官")
        monthly("adm", mid, at(2024, 1, 2))
        monthly(mid, "adm", at(2024, 1, 3))
    for mid in ("g", "b", "f", "h", "l"):
        member(mid, at(2024, 1, 5))
        monthly(mid, "adm", at(2024, 1, 5))
    for i in range(1, 4):
        member(f"r{i}", at(2024, 1, 10, 9))
        share("adm", f"r{i}", at(2024, 1, 10, 8), "wechat")
        monthly(f"r{i}", "adm", at(2024, 1, 10))
    for i in range(10):
        mid, joined = f"g{i}", at(2024, 2, 1, 12) + 3 * i * DAY
        member(mid, joined, "KOL" if i == 3 else "")
        share("g", mid, joined - HOUR, "wechat")
        talk(mid, "ex1", joined + DAY)
        talk(mid, f"g{i - 1}" if i else "adm", joined + DAY)
        talk(mid, "adm", joined + 35 * DAY)
        talk(mid, "ex2", joined + 65 * DAY)
    for i in range(6):
        mid, joined = f"b{i}", at(2024, 4, 10, 10, i)
        member(mid, joined)
        share("b", mid, joined - timedelta(seconds=30), "qr_code")
        talk(mid, "g1", joined + 2 * DAY)
        talk(mid, "ex1", joined + 40 * DAY)
        talk(mid, "adm", joined + 70 * DAY)
    for i in range(6):
        mid, joined = f"f{i}", at(2024, 5, 2, 2 * i)
        member(mid, joined)
        share("f", mid, joined - 10 * timedelta(minutes=1), "qr_code")
        talk("f", mid, joined + DAY, "mention")
    for i in range(4):
        mid, joined = f"h{i}", at(2024, 5, 10, 12) + i * DAY
        member(mid, joined, left=joined + DAY, reason="removed" if i == 3 else "left")
        share("h", mid, joined - HOUR, "link")
        talk(mid, "g", joined + 2 * HOUR)
    for i in range(12):
        mid, joined = f"l{i}", at(2024, 2, 10, 12) + 2 * i * DAY
        member(mid, joined)
        share("l", mid, joined - HOUR, "link")
        talk(mid, "g1", joined + DAY)
        talk(mid, "ex2", joined + DAY)
    share("r1", "r2", at(2024, 6, 1), "link")
    share("r2", "r3", at(2024, 6, 2), "link")
    share("r3", "r1", at(2024, 6, 3), "link")
    member("x1", at(2024, 2, 1))
    member("x2", at(2024, 2, 2))
    share("x1", "x2", at(2024, 2, 1, 23), "wechat")
    share("x2", "x1", at(2024, 6, 5), "wechat")
    monthly("x1", "ex1", at(2024, 2, 1))
    monthly("x2", "ex1", at(2024, 2, 2))
    member("n1", at(2024, 6, 10, 8))
    for i in range(2, 5):
        member(f"n{i}", at(2024, 6, 10, 7 + i, 5))
        share(f"n{i - 1}", f"n{i}", at(2024, 6, 10, 7 + i), "wechat")
    for k in range(12):  # ex1 > ex2 > ex3 > ex1 > ...
        share(ECHO_MEMBERS[k % 3], ECHO_MEMBERS[(k + 1) % 3], at(2024, 7, 1) + 2 * k * DAY, "poster", joined=False)
    talk("adm", "ex1", END)
    return {"members": list(members.values()), "interactions": interactions, "shares": shares}


def activity_columns(tables: dict[str, list[dict]]) -> dict[str, list]:
    """What ``fission_member_activity`` returns for these rows, computed plainly here."""
    columns: dict[str, list] = {k: [] for k in ("ids", "joined", "left", "left_reason", "started", "first",
                                                "last", "partners")}
    for row in tables["members"]:
        mid, joined = row["member_id"], row["joined_at"]
        mine = [i["at"] for i in tables["interactions"] if i["source"] == mid]
        since = [t for t in mine if t >= joined]
        heard = sorted({i["source"] for i in tables["interactions"] if i["target"] == mid and i["source"] != mid})
        columns["ids"].append(mid)
        columns["joined"].append(_ms(joined))
        columns["left"].append(_ms(row["left_at"]) if row["left_at"] else None)
        columns["left_reason"].append(row["left_reason"])
        columns["started"].append(len(mine))
        columns["first"].append(_ms(min(since)) if since else None)
        columns["last"].append(_ms(max(mine)) if mine else None)
        columns["partners"].append([] if mine else heard[:2])
    return columns


def _ms(when: datetime) -> int:
    return int(when.timestamp() * 1000)

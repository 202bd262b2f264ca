"""The real data sets in ../shared/data, converted into the interchange format.

    python3 -m bench.shared_data ubuntu-irc  OUT_DIR   # IRC #ubuntu, annotated reply links
    python3 -m bench.shared_data gitter      OUT_DIR   # a Gitter room, "nick:" and "@nick" addressing
    python3 -m bench.shared_data email-eu    OUT_DIR   # SNAP email-Eu-core, who emailed whom
    python3 -m bench.shared_data meetup      OUT_DIR   # a meetup group's roster, with join dates

then ``graphmodel load csv OUT_DIR --community NAME``. The data stay where they are
(``--data`` points elsewhere); nothing here is committed with the project. The Weibo
and Higgs cascades are loaded as shares by ``tests/integration/test_fission_real_data.py``.
"""

from __future__ import annotations

import argparse
import csv
import re
from datetime import UTC, datetime
from pathlib import Path

from graphmodel.core.interchange import InterchangeWriter

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
_IRC_LINE = re.compile(r"^\[(\d\d):(\d\d)\] <([^>]+)> ?(.*)$")
_GITTER_LINE = re.compile(r"^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)\] <([^>]+)> ?(.*)$")


def ubuntu_irc(data: Path, out: Path) -> dict[str, int]:
    """Each annotated link "a b -" (b answers a, lines counted from 0) is a reply from
    b's author to a's; the times are the file's date and the line's hh:mm (UTC). The
    dev and test folders (#ubuntu, annotated by hand) are read."""
    members: set[str] = set()
    replies = []
    for annotation in sorted((data / "ubuntu-irc").glob("*/*.annotation.txt")):
        day = annotation.name[:10]
        raw = annotation.with_name(annotation.name.replace(".annotation.", ".raw."))
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", day) or not raw.is_file():
            continue  # (the new-domains folder holds other channels, in another layout)
        lines = raw.read_text(encoding="utf-8", errors="replace").splitlines()
        said = {}
        for number, line in enumerate(lines):
            match = _IRC_LINE.match(line)
            if match:
                said[number] = (match.group(3), f"{day}T{match.group(1)}:{match.group(2)}:00Z")
                members.add(match.group(3))
        for link in annotation.read_text(encoding="utf-8").splitlines():
            parts = link.split()
            if len(parts) < 2:
                continue
            earlier, later = int(parts[0]), int(parts[1])
            if earlier != later and earlier in said and later in said and said[earlier][0] != said[later][0]:
                replies.append({"source": said[later][0], "target": said[earlier][0], "type": "reply",
                                "at": said[later][1]})
    return _write(out, ({"member_id": m} for m in sorted(members)), replies)


def gitter(data: Path, out: Path) -> dict[str, int]:
    """A message opening with "nick:" or naming "@nick" of someone in the room is a
    reply or a mention of them."""
    lines = (data / "gitter-livechat" / "raw" / "gitter_gitter_chatFormat.ascii.txt").read_text(
        encoding="utf-8", errors="replace").splitlines()
    messages = [(m.group(1), m.group(2), m.group(3)) for m in map(_GITTER_LINE.match, lines) if m]
    nicks = {nick for _at, nick, _text in messages}
    edges = []
    for at, nick, text in messages:
        when = at.replace(" ", "T") + "Z"
        head = text.split(":", 1)[0].strip()
        if head in nicks and head != nick:
            edges.append({"source": nick, "target": head, "type": "reply", "at": when})
        for named in set(re.findall(r"@([\w-]+)", text)) & nicks - {nick, head}:
            edges.append({"source": nick, "target": named, "type": "mention", "at": when})
    return _write(out, ({"member_id": n} for n in sorted(nicks)), edges)


def email_eu(data: Path, out: Path) -> dict[str, int]:
    """Each email (a directed pair of department members) is a message interaction."""
    folder = data / "email-eu-core"
    members = [{"member_id": f"e{line.split()[0]}"}
               for line in (folder / "email-Eu-core-department-labels.txt").read_text().splitlines() if line]
    edges = [{"source": f"e{a}", "target": f"e{b}", "type": "message"}
             for a, b in (line.split()[:2] for line in (folder / "email-Eu-core.txt").read_text().splitlines()
                          if line)]
    return _write(out, members, edges)


def meetup(data: Path, out: Path) -> dict[str, int]:
    """The roster: one member per row, joined on the date the group recorded."""
    with open(data / "crug-meetup-members" / "member_list.csv", encoding="utf-8", newline="") as handle:
        members = [{"member_id": f"crug-{row['Member.ID']}", "joined_at": row["Joined.Group.on"] or None}
                   for row in csv.DictReader(handle)]
    return _write(out, members, [])


def _write(out: Path, members, interactions) -> dict[str, int]:
    with InterchangeWriter(out) as writer:
        writer.write("members", members)
        if interactions:
            writer.write("interactions", interactions)
        return dict(writer.counts)


CONVERTERS = {"ubuntu-irc": ubuntu_irc, "gitter": gitter, "email-eu": email_eu, "meetup": meetup}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name", choices=sorted(CONVERTERS))
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    args = parser.parse_args()
    counts = CONVERTERS[args.name](args.data, args.out)
    print(", ".join(f"{n:,} {table}" for table, n in counts.items()), f"written to {args.out}",
          f"({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)")


if __name__ == "__main__":
    main()

"""A cascade tree as inline SVG, left to right by generation: the root, the first layer it
reached, then open fission (members reached by members). Each member is a dot coloured by
role (hollow: an outsider) with its name; members reached and not drawn are counted as
"+N" where they hang. A tidy layout: leaves one row apart, a parent level with the middle
of its children."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from graphmodel.report.messages import Words
from graphmodel.report.palette import ROLES
from graphmodel.report.svg import element, fit, text_width, title

ROW = 17.0
TOP = 48.0
LEFT = 12.0
WIDTH = 980.0
DOT = 5.0


def draw_cascade(tree: dict[str, Any], words: Words) -> Markup:
    members = tree["members"]
    children: dict[str | None, list[dict[str, Any]]] = {}
    for m in members:
        children.setdefault(m.get("parent"), []).append(m)
    deepest = max((m["generation"] for m in members), default=0)
    columns = deepest + (1 if any(m["hidden"] for m in members) else 0)  # "+N" hang one column further
    column = min(160.0, max(96.0, (WIDTH - LEFT - 100) / max(columns, 1)))
    rows: dict[str, float] = {}
    hidden_rows: dict[str, float] = {}
    leaf = [0]

    def place(m: dict[str, Any]) -> float:
        below = children.get(m["member_id"], [])
        spots = [place(c) for c in below]
        if m["hidden"]:
            hidden_rows[m["member_id"]] = TOP + leaf[0] * ROW
            spots.append(hidden_rows[m["member_id"]])
            leaf[0] += 1
        if not spots:
            spots = [TOP + leaf[0] * ROW]
            leaf[0] += 1
        rows[m["member_id"]] = (spots[0] + spots[-1]) / 2
        return rows[m["member_id"]]

    roots = children.get(None, [])
    for root in roots:
        place(root)
    height = TOP + max(leaf[0], 1) * ROW + 6
    names = {m["member_id"]: m.get("name") or m["member_id"] for m in members}
    x = {m["member_id"]: LEFT + DOT + m["generation"] * column for m in members}
    heads = [element("text", {"class": "tree-head", "x": LEFT + g * column, "y": 32}, _generation(g, words))
             for g in range(deepest + 1)]
    if deepest >= 2:  # open fission: every generation from the second on
        heads.append(element("text", {"class": "tree-span", "x": LEFT + 2 * column, "y": 14},
                             words.t("open_fission") + " →"))
    shown = {m["member_id"]: fit(names[m["member_id"]], column - 18, 10) for m in members}
    # edges leave a member after its name, so no line runs through a name
    out_x = {i: x[i] + DOT + 6 + text_width(text, 10) for i, text in shown.items()}
    edges, dots, labels = [], [], []
    for m in members:
        mx, my = x[m["member_id"]], rows[m["member_id"]]
        parent = m.get("parent")
        if parent in rows:
            px, py = min(out_x[parent], mx - DOT - 8), rows[parent]
            bend = (px + mx) / 2
            edges.append(element("path", {"class": "tree-edge",
                                          "d": f"M{px:.1f},{py:.1f} C{bend:.1f},{py:.1f} {bend:.1f},{my:.1f} "
                                               f"{mx:.1f},{my:.1f}"}))
        if m["hidden"]:
            hy = hidden_rows[m["member_id"]]
            hx = mx + column
            sx = min(out_x[m["member_id"]], hx - DOT - 8)
            edges.append(element("path", {"class": "tree-edge hidden-edge",
                                          "d": f"M{sx:.1f},{my:.1f} C{(sx + hx) / 2:.1f},{my:.1f} "
                                               f"{(sx + hx) / 2:.1f},{hy:.1f} {hx - DOT:.1f},{hy:.1f}"}))
            text = words.t("hidden_members", n=words.fmt.count(m["hidden"]), reach=words.fmt.count(m["hidden_reach"]))
            labels.append(element("text", {"class": "tree-more", "x": hx - DOT + 2, "y": hy + 4},
                                  title(text), "+" + words.fmt.count(m["hidden"])))
        role = m.get("role")
        outsider = not m.get("is_member", True)
        colour = ROLES.get(role or "", "#9e9e9e")
        tip = [f'{names[m["member_id"]]} ({m["member_id"]})', words.t("generation", n=m["generation"])]
        if role:
            tip.append(words.role(role))
        if outsider:
            tip.append(words.t("outsider"))
        if parent:
            tip.append(words.t("reached_by", name=names.get(parent, parent)))
        tip.append(words.t("below", n=words.fmt.count(m["reach"])))
        dots.append(element("circle", {"class": "tree-node", "cx": mx, "cy": my,
                                       "r": DOT + (2 if m["generation"] == 0 else 0),
                                       "fill": "#fff" if outsider else colour,
                                       "stroke": "#555" if outsider else "#fff",
                                       "stroke-width": 1.5 if outsider else 1}, title(" · ".join(tip))))
        labels.append(element("text", {"class": "tree-label" + (" tree-root" if m["generation"] == 0 else ""),
                                       "x": mx + DOT + 4, "y": my + 4}, shown[m["member_id"]]))
    width = LEFT + columns * column + 110
    return element("svg", {"class": "tree", "xmlns": "http://www.w3.org/2000/svg",
                           "viewBox": f"0 0 {max(width, 300):.0f} {height:.0f}", "role": "img",
                           "aria-label": names.get(tree["root"], tree["root"])},
                   *heads, *edges, *dots, *labels)


def role_legend(trees: list[dict[str, Any]], words: Words) -> Markup:
    """A swatch for each role drawn in ``trees``, and one for outsiders."""
    seen = {m.get("role") for tree in trees for m in tree["members"] if m.get("is_member", True)}
    items = [element("span", {"class": "legend-item"},
                     element("svg", {"width": 14, "height": 14, "viewBox": "0 0 14 14", "aria-hidden": "true"},
                             element("circle", {"cx": 7, "cy": 7, "r": 5, "fill": colour})),
                     words.role(role))
             for role, colour in ROLES.items() if role in seen and role != "outsider"]
    items.append(element("span", {"class": "legend-item"},
                         element("svg", {"width": 14, "height": 14, "viewBox": "0 0 14 14", "aria-hidden": "true"},
                                 element("circle", {"cx": 7, "cy": 7, "r": 5, "fill": "#fff", "stroke": "#555",
                                                    "stroke-width": 1.5})), words.t("outsider")))
    return element("div", {"class": "legend"}, words.t("legend_roles") + ":", *items)


def _generation(g: int, words: Words) -> str:
    if g == 0:
        return words.t("generation_0")
    if g == 1:
        return words.t("generation_1")
    return words.t("generation", n=g)

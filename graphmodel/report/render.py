"""Rendering the report document as JSON, Markdown or one self-contained HTML file."""

from __future__ import annotations

import json
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from graphmodel.report import charts
from graphmodel.report.circle_map import circle_map
from graphmodel.report.messages import role_label, t

FORMATS = ("html", "md", "json")


def render(document: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=1, default=str) + "\n"
    lang = document["lang"]
    env = Environment(loader=PackageLoader("graphmodel", "templates"),
                      autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(t=lambda key: t(key, lang), role=lambda name: role_label(name, lang),
                       pct=lambda v: "-" if v is None else f"{v:.1%}",
                       num=lambda v: "-" if v is None else f"{v:,.3f}" if isinstance(v, float) else f"{v:,}")
    context = {"doc": document, "lang": lang}
    if fmt == "md":
        return env.get_template("report.md.j2").render(**context)
    context["charts"] = _charts(document, lang)
    context["map_json"] = json.dumps(circle_map(document), ensure_ascii=False).replace("</", "<\\/")
    return env.get_template("report.html.j2").render(**context)


def _charts(doc: dict[str, Any], lang: str) -> dict[str, str]:
    mix = {r["role"]: r["share"] for r in doc["role_mix"]}
    norm_roles = ("leader", "participant", "lurker")
    others = [r["role"] for r in doc["role_mix"] if r["role"] not in norm_roles]
    order = [*norm_roles, *others]
    out = {"role_mix": charts.bars(
        t("role_mix", lang), [role_label(r, lang) for r in order],
        [(t("observed", lang), [mix.get(r, 0.0) for r in order]),
         (t("norm", lang) + " 1:9:90", [{"leader": 0.01, "participant": 0.09, "lurker": 0.9}.get(r, 0.0)
                                        for r in order])], percent=True)}
    dist = doc["activity"]["distribution"]
    out["activity"] = charts.bars(
        t("activity", lang), [f'{d["from_interactions"]}-{d["to_interactions"]}' for d in dist],
        [(t("members", lang), [d["members"] for d in dist])])
    growth = doc["growth"][-36:]
    out["growth"] = charts.columns(
        t("growth", lang), [g["month"] for g in growth],
        [(t("invited", lang), [g["joined_by_invitation"] for g in growth]),
         (t("joined", lang), [g["joined"] - g["joined_by_invitation"] for g in growth])])
    depths = doc["fission"]["depths"]
    if depths:
        out["cascade_depth"] = charts.bars(
            t("cascade_depth", lang), [str(d["depth"]) for d in depths],
            [(t("cascades", lang), [d["cascades"] for d in depths])])
    return out

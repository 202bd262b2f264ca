"""The one-screen summary: size, active share, a health verdict, the top three gaps with their levers."""

from __future__ import annotations

from typing import Any

from graphmodel.analysis.results import AnalysisResult

SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2, "info": 3}


def health(result: AnalysisResult) -> str:
    """``attention`` with any high-severity finding, ``watch`` with medium ones, else ``healthy``."""
    severities = {f.severity for f in result.imbalances}
    if "high" in severities:
        return "attention"
    if "medium" in severities:
        return "watch"
    return "healthy"


def top_gaps(result: AnalysisResult, lang: str, count: int = 3) -> list[dict[str, Any]]:
    """The most severe findings (one per rule), with the lever for each."""
    seen, gaps = set(), []
    for f in sorted(result.imbalances, key=lambda f: SEVERITY_RANK[f.severity]):
        if f.rule in seen or f.severity == "info":
            continue
        seen.add(f.rule)
        gaps.append({"rule": f.rule, "severity": f.severity,
                     "message": f.message_zh if lang == "zh" else f.message,
                     "lever": f.lever_zh if lang == "zh" else f.lever})
        if len(gaps) == count:
            break
    return gaps

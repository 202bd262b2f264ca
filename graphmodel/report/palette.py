"""The report's colours: one per circle (the same in the map and in every member view),
one per role, and the series colours of the charts."""

from __future__ import annotations

from typing import Any

SERIES = ("#2f6db5", "#e08a2c", "#8a8a8a", "#3a9a5b", "#b54a4a", "#7b5ea7")
NO_CIRCLE = "#c4c4c4"
# primary roles (graphmodel.history.ROLE_PRECEDENCE) and outsiders
ROLES = {"manager": "#6a3d9a", "leader": "#c0392b", "executor": "#e67e22", "connector": "#1f78b4",
         "contributor": "#b8860b", "follower": "#33a02c", "participant": "#66c2a5", "seed_user": "#e7298a",
         "lurker": "#9e9e9e", "outsider": "#ffffff"}
GOLDEN_ANGLE = 137.508


def circle_colour(position: int) -> str:
    """The colour of the circle at ``position`` in size order (largest first): hues a golden
    angle apart, so circles close in size, which sit close on the map, differ most."""
    hue = (position * GOLDEN_ANGLE + 210) % 360
    lightness = (52, 62, 44)[(position // 12) % 3]
    return f"hsl({hue:.0f},58%,{lightness}%)"


def circle_colours(document: dict[str, Any]) -> dict[int, str]:
    """Every circle's colour, by circle id."""
    ordered = sorted(document.get("circles", []), key=lambda c: (-c["size"], c["circle_id"]))
    return {c["circle_id"]: circle_colour(i) for i, c in enumerate(ordered)}

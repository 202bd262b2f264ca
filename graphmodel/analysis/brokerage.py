"""Brokerage: participation coefficient, within-circle degree z-score and the
Guimerà & Amaral (2005) roles, from the undirected ties and the circles.

P_i = 1 - sum_s (k_is / k_i)^2 over circles s; z_i compares i's ties inside
its own circle with the other members of that circle. Hubs have z >= 2.5;
non-hubs are ultra-peripheral (R1, P <= 0.05), peripheral (R2, P <= 0.62),
connectors (R3, P <= 0.80) or kinless (R4); hubs are provincial (R5,
P <= 0.30), connector hubs (R6, P <= 0.75) or kinless hubs (R7).
"""

from __future__ import annotations

import numpy as np

from graphmodel.analysis.arrays import distinct
from graphmodel.analysis.metrics import MemberTable
from graphmodel.analysis.options import Thresholds

GA_ROLES = {1: "ultra-peripheral", 2: "peripheral", 3: "connector", 4: "kinless",
            5: "provincial hub", 6: "connector hub", 7: "kinless hub"}
GA_ROLES_ZH = {1: "极外围", 2: "外围", 3: "连接者", 4: "无归属", 5: "本地枢纽", 6: "连接枢纽", 7: "无归属枢纽"}


def participation_and_z(table: MemberTable) -> None:
    n = len(table)
    circle = table.values["circle_id"]
    a, b = table.tie_a, table.tie_b
    degree = np.bincount(a, minlength=n).astype(float)
    # ties per (node, circle of the neighbour); NO_CIRCLE neighbours count as their own circle each
    neighbour_circle = np.where(circle[b] >= 0, circle[b], circle.max() + 1 + b)
    codes, per = np.unique(a * (neighbour_circle.max() + 1) + neighbour_circle, return_counts=True)
    node = codes // (neighbour_circle.max() + 1)
    share_sq = np.bincount(node, weights=(per / degree[node]) ** 2, minlength=n)
    participation = np.where(degree > 0, 1.0 - share_sq, 0.0)
    own = np.bincount(a, weights=(circle[a] == circle[b]) & (circle[a] >= 0), minlength=n)
    z = np.zeros(n)
    members = circle >= 0
    if members.any():
        k = circle.max() + 1
        count = np.bincount(circle[members], minlength=k)
        mean = np.bincount(circle[members], weights=own[members], minlength=k) / np.maximum(count, 1)
        var = np.bincount(circle[members], weights=own[members] ** 2, minlength=k) / np.maximum(count, 1) - mean ** 2
        std = np.sqrt(np.maximum(var, 0))
        c = circle[members]
        z[members] = np.where(std[c] > 0, (own[members] - mean[c]) / np.where(std[c] > 0, std[c], 1), 0.0)
    table.values.update(degree=degree, participation=participation, within_z=z, own_ties=own)


def ga_roles(table: MemberTable, t: Thresholds) -> np.ndarray:
    p, z = table.values["participation"], table.values["within_z"]
    r1, r2, r3 = t.participation_non_hub
    h1, h2 = t.participation_hub
    hub = z >= t.hub_z
    role = np.select([~hub & (p <= r1), ~hub & (p <= r2), ~hub & (p <= r3), ~hub,
                      hub & (p <= h1), hub & (p <= h2)], [1, 2, 3, 4, 5, 6], 7)
    role[table.values["degree"] == 0] = 1
    table.values["ga_role"] = role
    return role


def neighbour_circles(table: MemberTable) -> np.ndarray:
    """How many distinct circles each member's ties reach."""
    circle = table.values["circle_id"]
    valid = circle[table.tie_b] >= 0
    a, c = table.tie_a[valid], circle[table.tie_b][valid]
    codes = distinct(a * (circle.max() + 2) + c)
    return np.bincount(codes // (circle.max() + 2), minlength=len(table))

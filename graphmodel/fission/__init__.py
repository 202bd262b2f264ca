"""Fission (裂变): cascade trees of shares and invitations, and what drives them.

Modules, smallest first: ``forest`` (earliest-share-wins cascade forests on
arrays), ``virality`` (structural virality, exact in linear time),
``cascades`` (per-cascade metrics), ``roles`` (who a sharer is), ``drivers``
(spreaders, root roles, first-layer vs open fission, connectors, deep
chains), ``critical`` (growth, the headcount critical point, repeated-share
decay), ``source`` (reading the graph), ``analysis`` (end to end) and
``store`` (writing a run back).

    from graphmodel.fission import fission_summary
    summary = fission_summary(connection, "demo", as_of="2024-06-30")
"""

from graphmodel.fission.analysis import (
    FissionOptions,
    FissionResult,
    FissionSummary,
    analyze_fission,
    compute_fission,
)
from graphmodel.fission.cascades import CascadeMetrics, CascadeTree, all_cascades, cascade_tree
from graphmodel.fission.forest import CascadeForest, ShareEdges, build_forest
from graphmodel.fission.store import fission_summary
from graphmodel.fission.virality import structural_virality, wiener_index

__all__ = [
    "CascadeForest", "CascadeMetrics", "CascadeTree", "FissionOptions", "FissionResult",
    "FissionSummary", "ShareEdges", "all_cascades", "analyze_fission", "build_forest",
    "cascade_tree", "compute_fission", "fission_summary", "structural_virality", "wiener_index",
]

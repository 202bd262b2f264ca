"""Fission (裂变): cascade trees of shares and invitations, and what drives them.

Modules, smallest first: ``forest`` (earliest-share-wins cascade forests on
arrays), ``virality`` (structural virality, exact in linear time),
``cascades`` (per-cascade metrics), ``roles`` (who a sharer is), ``drivers``
(spreaders, root roles, first-layer vs open fission, connectors, deep
chains), ``critical`` (growth, the headcount critical point, repeated-share
decay), ``source`` (reading the graph), ``quality`` (what became of the people
invited, per inviter, channel and cascade), ``fraud`` (fraud signals on
inviters and channels), ``echo`` (internal echo among staff and small circles),
``options`` (the ``[fission]`` knobs), ``analysis`` (end to end) and ``store`` (writing a run back).

    from graphmodel.fission import fission_summary
    summary = fission_summary(connection, "demo", as_of="2024-06-30")
"""

from graphmodel.fission.analysis import (
    FissionResult,
    FissionSummary,
    analyze_fission,
    compute_fission,
)
from graphmodel.fission.cascades import CascadeMetrics, CascadeTree, all_cascades, cascade_tree
from graphmodel.fission.echo import EchoFinding
from graphmodel.fission.flags import Flag
from graphmodel.fission.forest import CascadeForest, ShareEdges, build_forest
from graphmodel.fission.options import FissionOptions
from graphmodel.fission.quality import ChannelQuality, InviterQuality, QualityFigures
from graphmodel.fission.store import fission_summary
from graphmodel.fission.virality import structural_virality, wiener_index

__all__ = [
    "CascadeForest", "CascadeMetrics", "CascadeTree", "ChannelQuality", "EchoFinding", "FissionOptions",
    "FissionResult", "FissionSummary", "Flag", "InviterQuality", "QualityFigures", "ShareEdges",
    "all_cascades", "analyze_fission", "build_forest", "cascade_tree", "compute_fission", "fission_summary",
    "structural_virality", "wiener_index",
]

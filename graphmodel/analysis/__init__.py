"""Analysis with GDS: leaders, connectors, circles, inferred roles, role imbalance.

    from graphmodel.analysis import AnalysisOptions, analyze, load_analysis
    result = analyze(connection, "camp-7", AnalysisOptions())
    result.leaders[0].evidence       # "addressed by 38 members in 4 circles ..."
    load_analysis(connection, "camp-7") == the same results, read back from the graph

Modules: ``options`` (parameters and norms), ``projection`` (the GDS graph,
memory checked first), ``metrics`` (GDS algorithms, figures per member),
``circles``, ``brokerage`` (participation, z-score, Guimerà-Amaral roles),
``roles`` (inferred roles, mismatches, evidence), ``imbalance`` (the norms),
``store``/``load`` (the graph side), ``results`` (typed results), ``analysis``.
"""

from graphmodel.analysis.options import AnalysisOptions, Thresholds
from graphmodel.analysis.projection import AnalysisTooLarge
from graphmodel.analysis.results import AnalysisResult
from graphmodel.analysis.run import analyze
from graphmodel.analysis.stored import NoAnalysis, load_analysis

__all__ = ["AnalysisOptions", "AnalysisResult", "AnalysisTooLarge", "NoAnalysis", "Thresholds", "analyze",
           "load_analysis"]

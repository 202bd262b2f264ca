"""Analysis with GDS: leaders, connectors, circles, inferred roles, role imbalance.

The typed results and their place in the graph are in ``results``.
"""

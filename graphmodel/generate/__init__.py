"""A synthetic community in the interchange format that behaves as docs/domain.md describes.

    from graphmodel.generate import GeneratorOptions, generate_community
    truth = generate_community("out/demo", GeneratorOptions(members=2_000, seed=7, problems=PROBLEMS))

Modules: ``structure`` (join order, circles, latent roles), ``activity``
(1:9:90 interactions), ``fission`` (invitation cascades), ``events``
(events, attendance, retention), ``problems`` (planted problems), ``change``
(planted change over time: a leader gone quiet, departures, a split, a weak cohort),
``community`` (the whole, written with ``graphmodel.core.interchange``).
Everything is vectorised with numpy and deterministic for a seed.
"""

from graphmodel.generate.change import CHANGES
from graphmodel.generate.community import GeneratorOptions, Truth, generate_community
from graphmodel.generate.problems import PROBLEMS

__all__ = ["CHANGES", "PROBLEMS", "GeneratorOptions", "Truth", "generate_community"]

"""Empirical and simulation analyses of the benchmark ecosystem: concentration metrics and the
agent-based simulation, arena-rating validation, and benchmark signatures."""

import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)

"""benchgame: LLM benchmarks as games and mechanisms.

The library is organised in layers, each a subpackage (bottom to top):

* :mod:`benchgame.core`: errors, validation, atomic file output, TOML reading, serialisation,
  the registry mechanism;
* :mod:`benchgame.benchmarks_data`: bundled real data and its validating loaders;
* :mod:`benchgame.games`: game classes and certified equilibrium solvers (finite games, the
  leaderboard contest);
* :mod:`benchgame.mechanisms`: evaluation protocols, the model marketplace's choice and payment
  rules, MPG aggregation;
* :mod:`benchgame.analyses`: empirical analyses on data (ecosystem, arena ratings, signatures);
* :mod:`benchgame.proofs_check`: each theorem as a checkable claim;
* :mod:`benchgame.experiments`: leaderboard configurations, sweeps, the designer's search;
* :mod:`benchgame.cli`: the ``benchgame`` command line.

The top level re-exports a few entry points; everything else is reached through its subpackage
(``from benchgame.games import lemke_howson``). Subpackages and entry points load on first use.

Examples
--------
>>> import benchgame as bg
>>> g = bg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
>>> eqs = bg.solve(g)
>>> [e.pure_profile() for e in eqs], eqs.is_unique
([(1, 1)], True)
"""

from __future__ import annotations

import lazy_loader as _lazy

__version__ = "0.1.0"

__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)
__all__ = [*__all__, "__version__"]

"""Leaderboard incentives: the Stackelberg benchmark game with tune-before-test.

The model of Chen, Zhang and Hardt (2026), "Leaderboard Incentives: Model Rankings under
Strategic Post-Training" (arXiv:2603.08371): a designer chooses an evaluation protocol (direct
evaluation or tune-before-test at level Delta), developers with capabilities theta choose
benchmark-specific efforts, and rank-based rewards are paid. Where the paper's statements fail
under its literal assumptions (Proposition 4.3, Theorem 4.6, Proposition 5.6), the solvers use
corrected versions with an added condition on the cost; the docstrings say which.

Developers are indexed 0..n-1 in decreasing capability (the paper's 1..n).

Modules: the game (:mod:`~.contest`, :mod:`~.protocol`, :mod:`~.costs`, :mod:`~.rewards`), score
families (:mod:`~.score_family`, :mod:`~.substitutes`, :mod:`~.generalized_logit`,
:mod:`~.piecewise_linear_scores`, :mod:`~.logit_fit`, :mod:`~.numeric_inverse`), assumption
checks (:mod:`~.assumption_check`, :mod:`~.assumptions`, :mod:`~.effort_advantage`,
:mod:`~.cost_assumptions`, :mod:`~.cost_closed_forms`), pure
equilibria (:mod:`~.thresholds`, :mod:`~.best_response`, :mod:`~.pne_certificate`,
:mod:`~.equilibrium_hypotheses`, :mod:`~.margins`, :mod:`~.pure_analysis`, :mod:`~.dynamics`),
the designer (:mod:`~.catch_up_curves`,
:mod:`~.stabilizing`, :mod:`~.logit_thresholds`, :mod:`~.designer`, :mod:`~.plot`), ranking
fidelity and mixed equilibria (:mod:`~.ranking_metrics`, :mod:`~.fidelity`,
:mod:`~.two_player_mixed`), grid games (:mod:`~.discretized`, :mod:`~.grid_mixed`), and
noisy scores measured on finite test sets (:mod:`~.noisy_scores`, :mod:`~.noisy_rank_payoffs`,
:mod:`~.noisy_pure`).

The names are loaded on first use (declared in ``__init__.pyi``), so importing one module, e.g.
:mod:`~.contest`, does not load the grid and mixed-play solvers.
"""

import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)

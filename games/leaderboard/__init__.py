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
checks (:mod:`~.assumption_check`, :mod:`~.assumptions`, :mod:`~.cost_assumptions`), pure
equilibria (:mod:`~.thresholds`, :mod:`~.best_response`, :mod:`~.pne_certificate`,
:mod:`~.equilibrium_hypotheses`, :mod:`~.margins`, :mod:`~.pure_analysis`, :mod:`~.dynamics`),
the designer (:mod:`~.catch_up_curves`,
:mod:`~.stabilizing`, :mod:`~.logit_thresholds`, :mod:`~.designer`, :mod:`~.plot`), ranking
fidelity and mixed equilibria (:mod:`~.ranking_metrics`, :mod:`~.fidelity`,
:mod:`~.two_player_mixed`), grid games (:mod:`~.discretized`, :mod:`~.grid_mixed`), and
noisy scores measured on finite test sets (:mod:`~.noisy_scores`, :mod:`~.noisy_rank_payoffs`,
:mod:`~.noisy_pure`).
"""

from benchgame.games.leaderboard.assumption_check import AssumptionCheck, default_training_grid
from benchgame.games.leaderboard.assumptions import check_all, check_c1, check_c2, check_c3
from benchgame.games.leaderboard.best_response import BestResponse, best_response
from benchgame.games.leaderboard.catch_up_curves import e_req_curves, min_catch_up_curve
from benchgame.games.leaderboard.contest import Contest, TieRule
from benchgame.games.leaderboard.cost_assumptions import check_convexity, check_strict_cost
from benchgame.games.leaderboard.costs import (
    Cost,
    ExponentialCost,
    FlatStartCost,
    LinearQuadraticCost,
    PiecewiseLinearCost,
    PowerCost,
)
from benchgame.games.leaderboard.designer import DesignerChoice, designer_choice
from benchgame.games.leaderboard.discretized import (
    DiscretizedGame,
    GridPureEquilibria,
    discretize,
    effort_grids,
    grid_pure_equilibria,
)
from benchgame.games.leaderboard.dynamics import Dynamics, best_response_dynamics
from benchgame.games.leaderboard.equilibrium_bounds import NearbyEquilibrium, nearby_equilibrium
from benchgame.games.leaderboard.equilibrium_play import (
    EquilibriumPlay,
    Estimate,
    equilibrium_play,
)
from benchgame.games.leaderboard.fidelity import (
    fidelity_from_samples,
    pure_fidelity,
    two_player_fidelity,
)
from benchgame.games.leaderboard.generalized_logit import GeneralizedLogit
from benchgame.games.leaderboard.grid_convergence import GridConvergence, grid_convergence
from benchgame.games.leaderboard.grid_mixed import (
    GridMixedCheck,
    approximate_mixed,
    grid_mixed_fidelity,
    two_player_mixed_check,
)
from benchgame.games.leaderboard.logit_fit import LogitFit, fit_logit_curves
from benchgame.games.leaderboard.logit_thresholds import logit_closed_form
from benchgame.games.leaderboard.mixed_metrics import play_metrics
from benchgame.games.leaderboard.mixed_play import MixedSolution, solve_mixed
from benchgame.games.leaderboard.noisy_pure import NoisyPureAnalysis, noisy_pure_analysis
from benchgame.games.leaderboard.noisy_rank_payoffs import NoisyRankGame
from benchgame.games.leaderboard.noisy_scores import (
    ObservedScores,
    binomial_scores,
    gaussian_scores,
    point_mass,
)
from benchgame.games.leaderboard.numeric_inverse import (
    BracketError,
    CallableFamily,
    bracketed_inverse,
)
from benchgame.games.leaderboard.piecewise_linear_scores import PiecewiseLinearConcave
from benchgame.games.leaderboard.pne_certificate import PNETest, pne_test
from benchgame.games.leaderboard.protocol import DirectEvaluation, Protocol, TuneBeforeTest
from benchgame.games.leaderboard.pure_analysis import (
    PureAnalysis,
    StabilityWitness,
    analyze_pure,
    lemma_a_hypotheses,
)
from benchgame.games.leaderboard.rank_payoffs import RankGame
from benchgame.games.leaderboard.rank_payoffs_exact import (
    exact_action_values,
    exact_exploitability,
    exact_regrets,
)
from benchgame.games.leaderboard.ranking_metrics import Fidelity, kendall_tau_b
from benchgame.games.leaderboard.rewards import Rewards
from benchgame.games.leaderboard.score_family import ScoreFamily
from benchgame.games.leaderboard.stabilizing import (
    PairThreshold,
    StabilizingThreshold,
    stabilizing_threshold,
)
from benchgame.games.leaderboard.substitutes import Substitutes
from benchgame.games.leaderboard.thresholds import (
    CatchUp,
    CatchUpMatrix,
    adjacent_catch_up,
    catch_up,
    catch_up_matrix,
)
from benchgame.games.leaderboard.two_player_mixed import (
    TwoPlayerMixed,
    two_player_mixed_equilibrium,
)

__all__ = [
    "AssumptionCheck",
    "BestResponse",
    "CallableFamily",
    "CatchUp",
    "CatchUpMatrix",
    "Contest",
    "Cost",
    "DesignerChoice",
    "DirectEvaluation",
    "DiscretizedGame",
    "Dynamics",
    "ExponentialCost",
    "Fidelity",
    "FlatStartCost",
    "GeneralizedLogit",
    "GridMixedCheck",
    "GridPureEquilibria",
    "LinearQuadraticCost",
    "LogitFit",
    "PNETest",
    "PairThreshold",
    "PiecewiseLinearConcave",
    "PiecewiseLinearCost",
    "PowerCost",
    "Protocol",
    "PureAnalysis",
    "Rewards",
    "ScoreFamily",
    "StabilityWitness",
    "StabilizingThreshold",
    "Substitutes",
    "TieRule",
    "TuneBeforeTest",
    "TwoPlayerMixed",
    "adjacent_catch_up",
    "analyze_pure",
    "binomial_scores",
    "gaussian_scores",
    "noisy_pure_analysis",
    "point_mass",
    "approximate_mixed",
    "best_response",
    "best_response_dynamics",
    "BracketError",
    "bracketed_inverse",
    "catch_up",
    "catch_up_matrix",
    "check_all",
    "check_c1",
    "check_c2",
    "check_c3",
    "check_convexity",
    "check_strict_cost",
    "default_training_grid",
    "designer_choice",
    "discretize",
    "e_req_curves",
    "effort_grids",
    "fidelity_from_samples",
    "fit_logit_curves",
    "grid_mixed_fidelity",
    "grid_pure_equilibria",
    "kendall_tau_b",
    "lemma_a_hypotheses",
    "logit_closed_form",
    "min_catch_up_curve",
    "pne_test",
    "pure_fidelity",
    "stabilizing_threshold",
    "two_player_fidelity",
    "two_player_mixed_check",
    "two_player_mixed_equilibrium",
    "EquilibriumPlay",
    "Estimate",
    "GridConvergence",
    "MixedSolution",
    "NearbyEquilibrium",
    "NoisyPureAnalysis",
    "NoisyRankGame",
    "ObservedScores",
    "RankGame",
    "equilibrium_play",
    "exact_action_values",
    "exact_exploitability",
    "exact_regrets",
    "grid_convergence",
    "nearby_equilibrium",
    "play_metrics",
    "solve_mixed",
]

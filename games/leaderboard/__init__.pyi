"""Type stub of :mod:`benchgame.games.leaderboard`: its names, loaded on first use."""

from .assumption_check import AssumptionCheck, default_training_grid
from .assumptions import check_all, check_c1, check_c2
from .best_response import BestResponse, best_response
from .catch_up_curves import e_req_curves, min_catch_up_curve
from .contest import Contest, TieRule
from .cost_assumptions import check_convexity, check_strict_cost
from .costs import (
    Cost,
    ExponentialCost,
    FlatStartCost,
    LinearQuadraticCost,
    PiecewiseLinearCost,
    PowerCost,
)
from .designer import DesignerChoice, designer_choice
from .discretized import (
    DiscretizedGame,
    GridPureEquilibria,
    discretize,
    effort_grids,
    grid_pure_equilibria,
)
from .dynamics import Dynamics, best_response_dynamics
from .effort_advantage import check_c3
from .equilibrium_bounds import NearbyEquilibrium, nearby_equilibrium
from .equilibrium_play import (
    EquilibriumPlay,
    Estimate,
    equilibrium_play,
)
from .fidelity import (
    fidelity_from_samples,
    pure_fidelity,
    two_player_fidelity,
)
from .generalized_logit import GeneralizedLogit
from .grid_convergence import GridConvergence, grid_convergence
from .grid_mixed import (
    GridMixedCheck,
    approximate_mixed,
    grid_mixed_fidelity,
    two_player_mixed_check,
)
from .logit_fit import LogitFit, fit_logit_curves
from .logit_thresholds import logit_closed_form
from .mixed_metrics import play_metrics
from .mixed_play import MixedSolution, solve_mixed
from .noisy_pure import NoisyPureAnalysis, noisy_pure_analysis
from .noisy_rank_payoffs import NoisyRankGame
from .noisy_scores import (
    ObservedScores,
    binomial_scores,
    gaussian_scores,
    point_mass,
)
from .numeric_inverse import (
    BracketError,
    CallableFamily,
    bracketed_inverse,
)
from .piecewise_linear_scores import PiecewiseLinearConcave
from .pne_certificate import PNETest, pne_test
from .protocol import DirectEvaluation, Protocol, TuneBeforeTest
from .pure_analysis import (
    PureAnalysis,
    StabilityWitness,
    analyze_pure,
    lemma_a_hypotheses,
)
from .rank_payoffs import RankGame
from .rank_payoffs_exact import (
    exact_action_values,
    exact_exploitability,
    exact_regrets,
)
from .ranking_metrics import Fidelity, kendall_tau_b, spearman_rho
from .rewards import Rewards
from .score_family import ScoreFamily
from .stabilizing import (
    PairThreshold,
    StabilizingThreshold,
    stabilizing_threshold,
)
from .substitutes import Substitutes
from .thresholds import (
    CatchUp,
    CatchUpMatrix,
    adjacent_catch_up,
    catch_up,
    catch_up_matrix,
)
from .two_player_mixed import (
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
    "spearman_rho",
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

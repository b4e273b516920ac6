"""Leaderboard incentives: the Stackelberg benchmark game with tune-before-test.

Model of Chen, Zhang, Hardt, "Leaderboard Incentives: Model Rankings under Strategic
Post-Training" (arXiv:2603.08371), as reconstructed in the project's specification: a designer
chooses an evaluation protocol (direct evaluation or tune-before-test at level Delta), developers
with capabilities theta choose benchmark-specific efforts, and rank-based rewards are paid.

Developers are indexed 0..n-1 in decreasing capability (the paper's 1..n).
"""

from benchgame.games.leaderboard.assumptions import (
    AssumptionCheck,
    check_all,
    check_c1,
    check_c2,
    check_c3,
    check_convexity,
    check_strict_cost,
    default_training_grid,
)
from benchgame.games.leaderboard.best_response import BestResponse, best_response
from benchgame.games.leaderboard.contest import Contest, TieRule
from benchgame.games.leaderboard.costs import (
    Cost,
    ExponentialCost,
    FlatStartCost,
    LinearQuadraticCost,
    PiecewiseLinearCost,
    PowerCost,
)
from benchgame.games.leaderboard.designer import (
    DesignerChoice,
    PairThreshold,
    StabilizingThreshold,
    designer_choice,
    e_req_curves,
    logit_closed_form,
    min_catch_up_curve,
    stabilizing_threshold,
)
from benchgame.games.leaderboard.discretized import (
    DiscretizedGame,
    GridMixedCheck,
    GridPureEquilibria,
    approximate_mixed,
    discretize,
    effort_grids,
    grid_mixed_fidelity,
    grid_pure_equilibria,
    two_player_mixed_check,
)
from benchgame.games.leaderboard.fidelity import (
    Fidelity,
    TwoPlayerMixed,
    fidelity_from_samples,
    kendall_tau_b,
    pure_fidelity,
    two_player_fidelity,
    two_player_mixed_equilibrium,
)
from benchgame.games.leaderboard.protocol import DirectEvaluation, Protocol, TuneBeforeTest
from benchgame.games.leaderboard.pure_analysis import (
    Dynamics,
    PNETest,
    PureAnalysis,
    StabilityWitness,
    analyze_pure,
    best_response_dynamics,
    lemma_a_hypotheses,
    pne_test,
)
from benchgame.games.leaderboard.rewards import Rewards
from benchgame.games.leaderboard.score_families import (
    BracketError,
    CallableFamily,
    GeneralizedLogit,
    LogitFit,
    PiecewiseLinearConcave,
    ScoreFamily,
    Substitutes,
    fit_logit_curves,
)
from benchgame.games.leaderboard.thresholds import (
    CatchUp,
    CatchUpMatrix,
    adjacent_catch_up,
    bracketed_inverse,
    catch_up,
    catch_up_matrix,
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
]

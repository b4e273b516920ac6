"""Game classes and equilibrium solvers with certificates."""

from games.certificate import (
    DEFAULT_TOL,
    Certificate,
    Deviation,
    ExactVerification,
    certify,
    verify_exact,
)
from games.components import maximal_bicliques
from games.degeneracy import Degeneracy, degeneracy, is_degenerate
from games.equilibrium import Equilibrium, EquilibriumSet, UndecidedError
from games.fictitious_play import fictitious_play
from games.lazy_exports import lazy_exports
from games.lemke_howson import lemke_howson, lemke_howson_all
from games.nfg import dumps_nfg, read_nfg, write_nfg
from games.normal_form import NormalFormGame
from games.producer_game import (
    ExactPureCheck,
    ProducerGame,
    exact_check,
    exact_epsilon_payoffs,
    producer_game,
)
from games.pure import pure_equilibria, pure_equilibrium_mask
from games.regret_matching import regret_matching
from games.replicator import replicator_dynamics
from games.selection import (
    Selection,
    max_entropy,
    select,
    strategy_entropy,
    welfare_maximizing,
)
from games.solve import all_equilibria, solve
from games.stackelberg import LPRecord, SolverError, StackelbergResult, stackelberg
from games.support_enumeration import support_enumeration
from games.validation import InputError
from games.vertex_enumeration import vertex_enumeration
from games.welfare import (
    OptimalWelfare,
    WelfareRatio,
    optimal_welfare,
    price_of_anarchy,
    price_of_stability,
    utilitarian_welfare,
)
from games.zero_sum import LPSolverError, ZeroSumSolution, zero_sum_equilibrium

# the leaderboard model (and the scipy/sympy machinery behind it) loads on first use
_LAZY = {name: "games.leaderboard" for name in (
    "Contest",
    "Rewards",
    "analyze_pure",
    "designer_choice",
    "stabilizing_threshold",
)}
__getattr__, __dir__ = lazy_exports(__name__, _LAZY)

__all__ = [
    "DEFAULT_TOL",
    "Certificate",
    "Contest",
    "Degeneracy",
    "Deviation",
    "Equilibrium",
    "EquilibriumSet",
    "ExactPureCheck",
    "ExactVerification",
    "InputError",
    "LPRecord",
    "LPSolverError",
    "NormalFormGame",
    "OptimalWelfare",
    "ProducerGame",
    "Rewards",
    "Selection",
    "SolverError",
    "StackelbergResult",
    "UndecidedError",
    "WelfareRatio",
    "ZeroSumSolution",
    "all_equilibria",
    "analyze_pure",
    "certify",
    "degeneracy",
    "designer_choice",
    "dumps_nfg",
    "exact_check",
    "exact_epsilon_payoffs",
    "fictitious_play",
    "is_degenerate",
    "lemke_howson",
    "lemke_howson_all",
    "max_entropy",
    "maximal_bicliques",
    "optimal_welfare",
    "price_of_anarchy",
    "price_of_stability",
    "producer_game",
    "pure_equilibria",
    "pure_equilibrium_mask",
    "read_nfg",
    "regret_matching",
    "replicator_dynamics",
    "select",
    "solve",
    "stabilizing_threshold",
    "stackelberg",
    "strategy_entropy",
    "support_enumeration",
    "utilitarian_welfare",
    "verify_exact",
    "vertex_enumeration",
    "welfare_maximizing",
    "write_nfg",
    "zero_sum_equilibrium",
]

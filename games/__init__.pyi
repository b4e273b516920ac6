from .certificate import (
    DEFAULT_TOL,
    Certificate,
    certify,
)
from .components import maximal_bicliques
from .degeneracy import (
    Degeneracy,
    degeneracy,
    is_degenerate,
)
from .equilibrium import (
    Equilibrium,
    EquilibriumSet,
    UndecidedError,
)
from .exact_verification import (
    Deviation,
    ExactVerification,
    verify_exact,
)
from .fictitious_play import fictitious_play
from .leaderboard import (
    Contest,
    Rewards,
    analyze_pure,
    designer_choice,
    stabilizing_threshold,
)
from .lemke_howson import (
    lemke_howson,
    lemke_howson_all,
)
from .nfg_reader import read_nfg
from .nfg_writer import (
    dumps_nfg,
    write_nfg,
)
from .normal_form import NormalFormGame
from .pure import (
    pure_equilibria,
    pure_equilibrium_mask,
)
from .regret_matching import regret_matching
from .replicator import replicator_dynamics
from .selection import (
    Selection,
    max_entropy,
    select,
    strategy_entropy,
    welfare_maximizing,
)
from .solve import (
    all_equilibria,
    solve,
)
from .stackelberg import (
    StackelbergResult,
    stackelberg,
)
from .stackelberg_lp import (
    LPRecord,
    SolverError,
)
from .support_enumeration import support_enumeration
from .vertex_enumeration import vertex_enumeration
from .welfare import (
    OptimalWelfare,
    WelfareRatio,
    optimal_welfare,
    price_of_anarchy,
    price_of_stability,
    utilitarian_welfare,
    welfare_ratio,
)
from .zero_sum import (
    LPSolverError,
    ZeroSumSolution,
    zero_sum_equilibrium,
)

# isort: split
from .correlated import (
    CorrelatedEquilibrium,
    correlated_equilibrium,
)
from .correlated_exact import (
    CorrelatedVerification,
    incentive_constraints,
    verify_correlated,
)
from .logit_qre import (
    LogitPath,
    logit_path,
)
from .multilinear import MultilinearPayoffs
from .simplicial import (
    SimplicialRun,
    simplicial_run,
    simplicial_subdivision,
)

from . import (
    analyses,
    benchmarks_data,
    cli,
    core,
    experiments,
    games,
    mechanisms,
    proofs_check,
)
from .core.validation import InputError
from .experiments.leaderboard_config import load_config
from .experiments.sweeps import run_sweep
from .games import (
    Contest,
    Equilibrium,
    EquilibriumSet,
    NormalFormGame,
    UndecidedError,
    analyze_pure,
    designer_choice,
    read_nfg,
    solve,
)
from .mechanisms.marketplace import Market, evaluate, mtbench101_market
from .mechanisms.protocols import make_protocol, register_protocol
from .proofs_check import get_claim, run_claim

__version__: str

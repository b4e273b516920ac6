"""Model marketplace: choice rules, winrate / weighted winrate and variants, welfare, entry.

Reconstruction of Donahue and Raghavan, "Impacts of Aggregation on Model Diversity and Consumer
Utility" (arXiv:2602.23293).
"""

from benchgame.mechanisms.marketplace.analysis import (
    LeaveOneOut,
    ReplacementTable,
    leave_one_out,
    replacement_table,
)
from benchgame.mechanisms.marketplace.bundled import mtbench101_market
from benchgame.mechanisms.marketplace.choice_registry import (
    CHOICE_RULES,
    parse_rule,
    register_choice_rule,
)
from benchgame.mechanisms.marketplace.choice_rules import (
    DEFAULT_TIE_TOL,
    BradleyTerry,
    ChoiceRule,
    EpsilonUniform,
    Luce,
    Perfect,
    Probit,
    Softmax,
)
from benchgame.mechanisms.marketplace.csv_market import market_from_csv
from benchgame.mechanisms.marketplace.diversity import (
    complementarity,
    coverage,
    crowding,
    near_clone_distance,
    profile_diversity,
)
from benchgame.mechanisms.marketplace.entry import (
    EntryResult,
    budget_line,
    budget_simplex_grid,
    entry,
    entry_budget_line,
    entry_budget_simplex,
    replacement,
)
from benchgame.mechanisms.marketplace.equilibrium_welfare import (
    EquilibriumWelfare,
    WelfareByRule,
    WelfareComparison,
    compare_equilibrium_welfare,
    equilibrium_welfare,
    welfare_by_payment_rule,
)
from benchgame.mechanisms.marketplace.market import Market
from benchgame.mechanisms.marketplace.payments import (
    MarketMetrics,
    PaymentRule,
    evaluate,
    get_payment_rule,
    payment_rules,
    payoffs,
    register_payment_rule,
)
from benchgame.mechanisms.marketplace.producer_game import (
    ExactPureCheck,
    ProducerGame,
    exact_check,
    exact_epsilon_payoffs,
    producer_game,
)
from benchgame.mechanisms.marketplace.thresholds import homogenized_threshold, symbolic_payoffs
from benchgame.mechanisms.marketplace.welfare import task_welfare, welfare

__all__ = [
    "CHOICE_RULES",
    "register_choice_rule",
    "EquilibriumWelfare",
    "ExactPureCheck",
    "ProducerGame",
    "WelfareByRule",
    "WelfareComparison",
    "compare_equilibrium_welfare",
    "equilibrium_welfare",
    "welfare_by_payment_rule",
    "exact_check",
    "exact_epsilon_payoffs",
    "producer_game",
    "mtbench101_market",
    "DEFAULT_TIE_TOL",
    "BradleyTerry",
    "ChoiceRule",
    "EntryResult",
    "EpsilonUniform",
    "LeaveOneOut",
    "Luce",
    "Market",
    "MarketMetrics",
    "PaymentRule",
    "Perfect",
    "Probit",
    "ReplacementTable",
    "Softmax",
    "budget_line",
    "budget_simplex_grid",
    "complementarity",
    "coverage",
    "crowding",
    "entry",
    "entry_budget_line",
    "entry_budget_simplex",
    "evaluate",
    "get_payment_rule",
    "homogenized_threshold",
    "leave_one_out",
    "market_from_csv",
    "near_clone_distance",
    "parse_rule",
    "payment_rules",
    "payoffs",
    "profile_diversity",
    "register_payment_rule",
    "replacement",
    "replacement_table",
    "symbolic_payoffs",
    "task_welfare",
    "welfare",
]

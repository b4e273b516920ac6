"""Model marketplace: choice rules, winrate / weighted winrate and variants, welfare, entry.

Reconstruction of Donahue and Raghavan, "Impacts of Aggregation on Model Diversity and Consumer
Utility" (arXiv:2602.23293).
"""

from mechanisms.marketplace.analysis import (
    LeaveOneOut,
    ReplacementTable,
    leave_one_out,
    replacement_table,
)
from mechanisms.marketplace.choice_rules import (
    DEFAULT_TIE_TOL,
    BradleyTerry,
    ChoiceRule,
    EpsilonUniform,
    Luce,
    Perfect,
    Probit,
    Softmax,
    parse_rule,
)
from mechanisms.marketplace.csv_market import market_from_csv
from mechanisms.marketplace.diversity import (
    complementarity,
    coverage,
    crowding,
    near_clone_distance,
    profile_diversity,
)
from mechanisms.marketplace.entry import (
    EntryResult,
    budget_line,
    budget_simplex_grid,
    entry,
    entry_budget_line,
    entry_budget_simplex,
    replacement,
)
from mechanisms.marketplace.market import Market
from mechanisms.marketplace.payments import (
    MarketMetrics,
    PaymentRule,
    evaluate,
    get_payment_rule,
    payment_rules,
    payoffs,
    register_payment_rule,
)
from mechanisms.marketplace.thresholds import homogenized_threshold, symbolic_payoffs
from mechanisms.marketplace.welfare import task_welfare, welfare

__all__ = [
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

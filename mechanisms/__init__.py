"""Evaluation protocols, payment rules (winrate, weighted winrate) and aggregation rules."""

from mechanisms.marketplace import (
    ChoiceRule,
    EpsilonUniform,
    Market,
    PaymentRule,
    Softmax,
    entry,
    evaluate,
    payoffs,
    register_payment_rule,
    welfare,
)
from mechanisms.mpg import MPGResult, TaxonomyNode, load_tree, mpg_goodness
from mechanisms.protocols import DirectEvaluation, EffortCap, Protocol, TuneBeforeTest
from mechanisms.sweeps import SweepSpec, register_analysis, run_sweep

__all__ = [
    "ChoiceRule",
    "DirectEvaluation",
    "EffortCap",
    "EpsilonUniform",
    "MPGResult",
    "Market",
    "PaymentRule",
    "Protocol",
    "Softmax",
    "SweepSpec",
    "TaxonomyNode",
    "TuneBeforeTest",
    "entry",
    "evaluate",
    "load_tree",
    "mpg_goodness",
    "payoffs",
    "register_analysis",
    "register_payment_rule",
    "run_sweep",
    "welfare",
]

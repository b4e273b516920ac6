"""Evaluation protocols, payment rules (winrate, weighted winrate) and aggregation rules."""

from games.lazy_exports import lazy_exports

_EXPORTS = {
    "ChoiceRule": "mechanisms.marketplace",
    "EpsilonUniform": "mechanisms.marketplace",
    "Market": "mechanisms.marketplace",
    "PaymentRule": "mechanisms.marketplace",
    "Softmax": "mechanisms.marketplace",
    "entry": "mechanisms.marketplace",
    "evaluate": "mechanisms.marketplace",
    "payoffs": "mechanisms.marketplace",
    "register_payment_rule": "mechanisms.marketplace",
    "welfare": "mechanisms.marketplace",
    "MPGResult": "mechanisms.mpg",
    "TaxonomyNode": "mechanisms.mpg",
    "load_tree": "mechanisms.mpg",
    "mpg_goodness": "mechanisms.mpg",
    "DirectEvaluation": "mechanisms.protocols",
    "EffortCap": "mechanisms.protocols",
    "Protocol": "mechanisms.protocols",
    "TuneBeforeTest": "mechanisms.protocols",
    "SweepSpec": "mechanisms.sweeps",
    "register_analysis": "mechanisms.sweeps",
    "run_sweep": "mechanisms.sweeps",
}

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

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

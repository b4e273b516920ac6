from .marketplace import (
    ChoiceRule,
    EpsilonUniform,
    Market,
    PaymentRule,
    Softmax,
    entry,
    evaluate,
    mtbench101_market,
    payoffs,
    producer_game,
    register_payment_rule,
    welfare,
)
from .mpg import (
    MPGResult,
    TaxonomyNode,
    load_tree,
    mpg_goodness,
)
from .protocols import (
    PROTOCOLS,
    EffortCap,
    make_protocol,
    protocol_families,
    register_protocol,
)

from .batch import run_claims
from .claim import (
    Claim,
    Hypothesis,
    Source,
    Status,
    Verdict,
    Witness,
)
from .registry import (
    all_claims,
    claim_ids,
    get_claim,
    load_all,
    register,
)
from .runner import (
    ClaimReport,
    Counterexample,
    ProbeReport,
    instance_rng,
    run_claim,
)

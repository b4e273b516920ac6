"""Each theorem of the source papers as a checkable claim (see :mod:`proofs_check.claim`)."""

from games.lazy_exports import lazy_exports

_EXPORTS = {
    "Claim": "proofs_check.claim",
    "Hypothesis": "proofs_check.claim",
    "Source": "proofs_check.claim",
    "Status": "proofs_check.claim",
    "Verdict": "proofs_check.claim",
    "Witness": "proofs_check.claim",
    "all_claims": "proofs_check.registry",
    "claim_ids": "proofs_check.registry",
    "get_claim": "proofs_check.registry",
    "load_all": "proofs_check.registry",
    "register": "proofs_check.registry",
    "ClaimReport": "proofs_check.runner",
    "Counterexample": "proofs_check.runner",
    "ProbeReport": "proofs_check.runner",
    "instance_rng": "proofs_check.runner",
    "run_claim": "proofs_check.runner",
}

__all__ = [
    "Claim",
    "ClaimReport",
    "Counterexample",
    "Hypothesis",
    "ProbeReport",
    "Source",
    "Status",
    "Verdict",
    "Witness",
    "all_claims",
    "claim_ids",
    "get_claim",
    "instance_rng",
    "load_all",
    "register",
    "run_claim",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

"""Each theorem of the source papers as a checkable claim (see :mod:`proofs_check.claim`)."""

from proofs_check.claim import Claim, Hypothesis, Source, Status, Verdict, Witness
from proofs_check.registry import all_claims, claim_ids, get_claim, load_all, register
from proofs_check.runner import ClaimReport, Counterexample, ProbeReport, instance_rng, run_claim

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

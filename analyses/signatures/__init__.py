"""Benchmark signatures (Wu, Bao, Li, Holtzman, Evans, arXiv:2509.23488): rank screening,
forward-AIC and Lasso selection over any predictor matrix, and overlap measures."""

from benchgame.analyses.signatures.bundled import FamilyOverlap, mmlu_family_overlap
from benchgame.analyses.signatures.overlap import (
    ConfoundTest,
    confound_test,
    performance_overlap,
    semantic_overlap,
    signature_overlap,
)
from benchgame.analyses.signatures.screening import preselect_eta, screen_features, thrush_gamma
from benchgame.analyses.signatures.selection import (
    ForwardPath,
    LassoFit,
    fit_lasso,
    forward_select,
)
from benchgame.analyses.signatures.signature import Signature, extract_signature

__all__ = [
    "ConfoundTest",
    "FamilyOverlap",
    "ForwardPath",
    "LassoFit",
    "Signature",
    "confound_test",
    "extract_signature",
    "fit_lasso",
    "forward_select",
    "mmlu_family_overlap",
    "performance_overlap",
    "preselect_eta",
    "screen_features",
    "semantic_overlap",
    "signature_overlap",
    "thrush_gamma",
]

"""Arena ratings from pairwise battles (Bradley-Terry) and the validation of aggregate scores
against them (correlations, bootstrap intervals, dependent-correlation tests)."""

from benchgame.analyses.arena.bradley_terry import (
    BradleyTerryFit,
    bt_neg_log_likelihood,
    fit_bradley_terry,
    win_matrix,
)
from benchgame.analyses.arena.bundled import ARENA_COLUMN, bundled_arena_fit, obsscaling_with_arena
from benchgame.analyses.arena.correlation import (
    COEFFICIENTS,
    bootstrap_correlations,
    correlation,
    williams_t,
)
from benchgame.analyses.arena.validation import ArenaValidation, validate_against_arena

__all__ = [
    "ARENA_COLUMN",
    "COEFFICIENTS",
    "ArenaValidation",
    "BradleyTerryFit",
    "bootstrap_correlations",
    "bt_neg_log_likelihood",
    "bundled_arena_fit",
    "correlation",
    "fit_bradley_terry",
    "obsscaling_with_arena",
    "validate_against_arena",
    "williams_t",
    "win_matrix",
]

"""The bundled validation data set: ObsScaling instruct scores joined, through the reviewed alias
table, with Bradley-Terry arena ratings fitted from the bundled Chatbot Arena battle counts."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from benchgame.analyses.arena.bradley_terry import BradleyTerryFit, TieRule, fit_bradley_terry
from benchgame.benchmarks_data.aliases import load_aliases
from benchgame.benchmarks_data.leaderbot import load_arena_battles
from benchgame.benchmarks_data.obsscaling import load_obsscaling

__all__ = ["ARENA_COLUMN", "bundled_arena_fit", "obsscaling_with_arena"]

ARENA_COLUMN = "Arena BT Elo"


@lru_cache(maxsize=4)
def bundled_arena_fit(ties: TieRule = "half") -> BradleyTerryFit:
    """Bradley-Terry fit on the bundled battle counts (cached per tie rule)."""
    return fit_bradley_terry(load_arena_battles(), ties=ties)


def obsscaling_with_arena(ties: TieRule = "half") -> pd.DataFrame:
    """ObsScaling table indexed by canonical (Arena) names, plus column ``Arena BT Elo``.

    Models without Arena battles get NaN in that column.
    """
    obs = load_aliases().reindex(load_obsscaling(), "obsscaling")
    elo = bundled_arena_fit(ties).elo.rename(ARENA_COLUMN)
    return obs.join(elo, how="left")

"""The bundled validation data set: ObsScaling instruct scores joined, through the reviewed alias
table, with Bradley-Terry arena ratings fitted from the bundled Chatbot Arena battle counts."""

from __future__ import annotations

from functools import lru_cache

import lazy_loader as lazy

from benchgame.analyses.arena.bradley_terry import BradleyTerryFit, TieRule, fit_bradley_terry
from benchgame.benchmarks_data.aliases import load_aliases
from benchgame.benchmarks_data.leaderbot import load_arena_battles
from benchgame.benchmarks_data.obsscaling import load_obsscaling

pd = lazy.load("pandas")

__all__ = ["ARENA_COLUMN", "bundled_arena_fit", "obsscaling_with_arena"]

ARENA_COLUMN = "Arena BT Elo"


@lru_cache(maxsize=4)
def bundled_arena_fit(ties: TieRule = "half") -> BradleyTerryFit:
    """Bradley-Terry fit on the bundled battle counts (cached per tie rule).

    Parameters
    ----------
    ties : {"half", "drop", "half_ties_drop_both_bad"}
        Tie rule (see :mod:`benchgame.analyses.arena.bradley_terry`).

    Returns
    -------
    BradleyTerryFit
        Ratings of the 129 models of the bundled Chatbot Arena counts.

    References
    ----------
    .. [1] R. A. Bradley and M. E. Terry, "Rank analysis of incomplete block designs: I. The
       method of paired comparisons", Biometrika 39(3/4):324-345, 1952.
    .. [2] S. Ameli, S. Zhuang, I. Stoica and M. W. Mahoney, "A statistical framework for ranking
       LLM-based chatbots", ICLR 2025 (the battle counts, ``suquark/leaderbot``).

    Examples
    --------
    >>> fit = bundled_arena_fit()
    >>> len(fit.ratings), fit.elo.index[0], round(float(fit.elo.iloc[0]), 1)
    (129, 'chatgpt-4o-latest', 1203.9)
    """
    return fit_bradley_terry(load_arena_battles(), ties=ties)


def obsscaling_with_arena(ties: TieRule = "half") -> pd.DataFrame:
    """ObsScaling table indexed by canonical (Arena) names, plus column ``Arena BT Elo``.

    Parameters
    ----------
    ties : {"half", "drop", "half_ties_drop_both_bad"}
        Tie rule of the Bradley-Terry fit.

    Returns
    -------
    pandas.DataFrame
        The ObsScaling columns and ``Arena BT Elo``; models without Arena battles get NaN in
        that column.

    References
    ----------
    .. [1] Y. Ruan, C. J. Maddison and T. Hashimoto, "Observational scaling laws and the
       predictability of language model performance", NeurIPS 2024, arXiv:2405.10938.
    .. [2] L. Spangher et al., "Project MPG: towards a generalized performance benchmark for LLM
       capabilities", arXiv:2410.22368, 2024 (validation of aggregate scores against Chatbot
       Arena).

    Examples
    --------
    >>> df = obsscaling_with_arena()
    >>> df.shape, int(df[ARENA_COLUMN].notna().sum())
    ((27, 10), 19)
    >>> df.loc["gpt-4-0613", ["MMLU", ARENA_COLUMN]].round(3).tolist()
    [0.864, 1051.229]
    """
    obs = load_aliases().reindex(load_obsscaling(), "obsscaling")
    elo = bundled_arena_fit(ties).elo.rename(ARENA_COLUMN)
    return obs.join(elo, how="left")

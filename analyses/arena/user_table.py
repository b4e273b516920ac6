"""A user's score table (models x benchmarks, CSV) with an arena rating fitted from their own
battle counts, in the layout of the bundled validation table.

The scores are read by the data layer's strict reader
(:func:`benchgame.benchmarks_data.score_table.read_score_table`: every cell a finite number or
empty, model names unique), the battles by the leaderbot-format reader
(:func:`benchgame.benchmarks_data.leaderbot.load_arena_battles`), and the Bradley-Terry Elo
joins the scores by exact model name in column ``Arena BT Elo``. Every problem is an
:class:`~benchgame.core.validation.InputError` naming the file, the row and the column.
"""

from __future__ import annotations

import os
from pathlib import Path

import lazy_loader as lazy
import numpy as np

from benchgame.analyses.arena.bradley_terry import TieRule, fit_bradley_terry
from benchgame.analyses.arena.bundled import ARENA_COLUMN
from benchgame.benchmarks_data.leaderbot import load_arena_battles
from benchgame.benchmarks_data.score_table import read_raw_table, read_score_table
from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = ["user_table_with_arena"]


def user_table_with_arena(scores: str | os.PathLike[str],
                          battles: str | os.PathLike[str] | None = None, *,
                          ties: TieRule = "half") -> pd.DataFrame:
    """Scores by model and benchmark, plus the arena Elo fitted from ``battles``.

    Parameters
    ----------
    scores : path-like
        CSV with a header ``model,<benchmark>,...`` and one row per model; empty cells are
        missing scores.
    battles : path-like, optional
        Battle counts in the leaderbot JSON format (``models``, ``X`` pairs, ``Y`` counts
        ``[wins_i, wins_j, ties, both_bad]``); without it the arena column is all missing.
    ties : {"half", "drop", "half_ties_drop_both_bad"}
        Tie rule of the Bradley-Terry fit.

    Returns
    -------
    pandas.DataFrame
        The scores indexed by model name, and column ``Arena BT Elo`` (NaN for models without
        battles).

    Raises
    ------
    benchgame.core.validation.InputError
        If a file cannot be read or is malformed, a score is not a number, the table has a
        column named ``Arena BT Elo`` already, or no model of the battles is in the table.

    References
    ----------
    .. [1] R. A. Bradley and M. E. Terry, "Rank analysis of incomplete block designs: I. The
       method of paired comparisons", Biometrika 39(3/4):324-345, 1952.
    .. [2] L. Spangher et al., "Project MPG", arXiv:2410.22368, 2024 (validation of an aggregate
       against Chatbot Arena).

    Examples
    --------
    >>> import json, tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "s.csv").write_text("model,MMLU,GSM8K\\na,0.7,0.5\\nb,0.6,\\nc,0.4,0.2\\n")
    >>> _ = (d / "b.json").write_text(json.dumps({"models": ["a", "b", "c"],
    ...     "X": [[0, 1], [1, 2], [0, 2]], "Y": [[6, 4, 0, 0], [6, 4, 0, 0], [7, 3, 0, 0]]}))
    >>> t = user_table_with_arena(d / "s.csv", d / "b.json")
    >>> t.round(1)
           MMLU  GSM8K  Arena BT Elo
    model
    a       0.7    0.5        1072.4
    b       0.6    NaN        1000.0
    c       0.4    0.2         927.6
    """
    path = Path(scores)
    header = list(read_raw_table(path).columns)
    table = read_score_table(path, model_column=header[0], missing=("",), dedup="error")
    table.index = table.index.astype(str)
    table = table.rename_axis("model")
    if ARENA_COLUMN in table.columns:
        raise InputError(f"file {path.name!r}, row 1, column {ARENA_COLUMN!r}",
                         "is the name of the fitted arena column",
                         "rename that column of the scores")
    if battles is None:
        return table.assign(**{ARENA_COLUMN: np.nan})
    fit = fit_bradley_terry(load_arena_battles(battles), ties=ties)
    elo = fit.elo.rename(ARENA_COLUMN)
    if not table.index.isin(elo.index).any():
        raise InputError(f"file {Path(battles).name!r}", "names none of the models of the "
                         f"scores (e.g. {list(table.index[:3])})",
                         "use the same model names in both files")
    return table.join(elo, how="left")

"""Loader for the ObsScaling instruction-tuned model table (Ruan, Maddison, Hashimoto 2024).

File: ``benchmarks_data/ryoungj_obsscaling/instruct_llm_benchmark_eval.csv`` (Apache-2.0, from
``ryoungj/ObsScaling`` @ ``4d6e1e4``; see ``PROVENANCE.md`` beside it). 27 models; ``Arena-Elo``
and ``MTBench`` are rescaled to [0, 1] upstream; the seven benchmarks are accuracies in [0, 1].
Empty cells are missing. The file has no repeated model names; ``dedup`` still applies the
explicit rule of :func:`benchgame.benchmarks_data.score_table.read_score_table` to user files.
"""

from __future__ import annotations

import os
from pathlib import Path

import lazy_loader as lazy

from benchgame.benchmarks_data.score_table import Dedup, read_score_table
from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = ["OBSSCALING_BENCHMARKS", "load_obsscaling", "obsscaling_path"]

OBSSCALING_BENCHMARKS: tuple[str, ...] = ("MMLU", "ARC-C", "HellaSwag", "Winogrande",
                                          "TruthfulQA", "GSM8K", "HumanEval")
_COLUMNS = ("Arena-Elo", "MTBench", *OBSSCALING_BENCHMARKS)


def obsscaling_path() -> Path:
    """Path of the bundled ObsScaling CSV.

    Returns
    -------
    pathlib.Path
        ``benchmarks_data/ryoungj_obsscaling/instruct_llm_benchmark_eval.csv`` in the package.

    Examples
    --------
    >>> obsscaling_path().name
    'instruct_llm_benchmark_eval.csv'
    """
    return Path(__file__).resolve().parent / "ryoungj_obsscaling" / \
        "instruct_llm_benchmark_eval.csv"


def load_obsscaling(path: str | os.PathLike[str] | None = None, *,
                    dedup: Dedup = "first") -> pd.DataFrame:
    """Scores of the ObsScaling instruct models, indexed by model name (Arena naming).

    Parameters
    ----------
    path : path-like, optional
        Read this CSV instead of the bundled one.
    dedup : {"first", "last", "mean", "error"}
        Rule for repeated model names.

    Returns
    -------
    pandas.DataFrame
        Columns ``Arena-Elo``, ``MTBench`` and :data:`OBSSCALING_BENCHMARKS` as floats (NaN
        where missing), all in [0, 1].

    Raises
    ------
    benchgame.core.validation.InputError
        If the file is invalid or a score exceeds 1 (naming file, model and column).

    References
    ----------
    .. [1] Y. Ruan, C. J. Maddison and T. Hashimoto, "Observational scaling laws and the
       predictability of language model performance", NeurIPS 2024, arXiv:2405.10938.

    Examples
    --------
    >>> obs = load_obsscaling()
    >>> obs.shape, list(obs.columns[:3])
    ((27, 9), ['Arena-Elo', 'MTBench', 'MMLU'])
    >>> obs.loc["gpt-4-0613", ["MMLU", "GSM8K"]].round(3).tolist()
    [0.864, 0.92]
    """
    df = read_score_table(obsscaling_path() if path is None else path, model_column="Model",
                          score_columns=_COLUMNS, dedup=dedup, nonnegative=True)

    over = df.to_numpy() > 1.0
    if over.any():
        i, j = (int(v[0]) for v in over.nonzero())
        raise InputError(f"file {df.attrs['source']!r}, model {df.index[i]!r}, column "
                         f"{df.columns[j]!r}", f"value {df.iat[i, j]!r} exceeds 1",
                         "scores in this table are fractions in [0, 1]")
    return df

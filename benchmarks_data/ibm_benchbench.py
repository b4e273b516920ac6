"""Loader for the IBM BenchBench leaderboard snapshots (Perlitz et al. 2024, arXiv:2407.13696).

Files: ``benchmarks_data/ibm_benchbench/benchmarks/*.csv`` (40 snapshots) and two per-scenario
tables in ``benchmarks_old/`` (Apache-2.0, from ``IBM/benchbench`` @ ``1dfd46a``; see
``PROVENANCE.md`` beside them). Column 1 is the model name (``model``; ``llm_model`` in the
LVBench table). Missing cells are empty or ``-``. Several tables repeat model names; the rule is
explicit (``dedup``, default ``"first"``: the tables are leaderboards sorted best-first, so the
first row is the best-listed submission). Scores are returned as published: the two tables in
``lower_is_better_benchmarks.txt`` are *not* negated (see :func:`ibm_lower_is_better`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from benchgame.benchmarks_data.score_table import Dedup, read_raw_table, read_score_table
from benchgame.core.validation import InputError

__all__ = ["ibm_benchbench_dir", "ibm_lower_is_better", "ibm_table_names", "load_ibm_table"]


def ibm_benchbench_dir() -> Path:
    """Folder of the bundled IBM BenchBench tables.

    Returns
    -------
    pathlib.Path
        ``benchmarks_data/ibm_benchbench`` inside the installed package.

    Examples
    --------
    >>> ibm_benchbench_dir().name
    'ibm_benchbench'
    """
    return Path(__file__).resolve().parent / "ibm_benchbench"


def ibm_table_names() -> tuple[str, ...]:
    """Names (file stems) of the bundled tables, e.g. ``"chatbot_arena_241104_holistic"``.

    The two per-scenario tables are named ``"old/helm_lite_240829"`` and
    ``"old/hf_open_llm_v2_240829"``.

    Returns
    -------
    tuple of str
        The snapshot names sorted, then the two per-scenario tables.

    References
    ----------
    .. [1] Y. Perlitz, A. Gera, O. Arviv, A. Yehudai, E. Bandel, E. Shnarch, M. Shmueli-Scheuer
       and L. Choshen, "Do these LLM benchmarks agree? Fixing benchmark evaluation with
       BenchBench", arXiv:2407.13696, 2024 (the bundled snapshots).

    Examples
    --------
    >>> names = ibm_table_names()
    >>> len(names), names[-2:]
    (42, ('old/helm_lite_240829', 'old/hf_open_llm_v2_240829'))
    """
    root = ibm_benchbench_dir()
    new = sorted(p.stem for p in (root / "benchmarks").glob("*.csv"))
    old = sorted("old/" + p.stem for p in (root / "benchmarks_old").glob("*.csv"))
    return tuple(new + old)


def ibm_lower_is_better() -> frozenset[str]:
    """Sources (``<name>_<date>`` prefixes) whose scores are better when lower.

    Returns
    -------
    frozenset of str
        The prefixes listed in ``lower_is_better_benchmarks.txt``.

    References
    ----------
    .. [1] Y. Perlitz, A. Gera, O. Arviv, A. Yehudai, E. Bandel, E. Shnarch, M. Shmueli-Scheuer
       and L. Choshen, "Do these LLM benchmarks agree? Fixing benchmark evaluation with
       BenchBench", arXiv:2407.13696, 2024 (the bundled snapshots).

    Examples
    --------
    >>> sorted(ibm_lower_is_better())
    ['helm_airbench_240916', 'llm_trustworthy_241001']
    """
    text = (ibm_benchbench_dir() / "lower_is_better_benchmarks.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def load_ibm_table(name: str | None = None, *, path: str | os.PathLike[str] | None = None,
                   dedup: Dedup = "first") -> pd.DataFrame:
    """One IBM BenchBench table as float scores indexed by model name.

    Parameters
    ----------
    name : str, optional
        A bundled table name from :func:`ibm_table_names` (e.g. ``"livebench_240829_holistic"``).
    path : path-like, optional
        Read this file instead (same format: model column first).
    dedup : {"first", "last", "mean", "error"}
        Rule for repeated model names.

    Returns
    -------
    pandas.DataFrame
        Float scores as published (NaN where missing), indexed by model name.

    Raises
    ------
    benchgame.core.validation.InputError
        If not exactly one of ``name`` and ``path`` is given, ``name`` is not a bundled table, or
        the file is invalid (naming file, row and column).

    References
    ----------
    .. [1] Y. Perlitz, A. Gera, O. Arviv, A. Yehudai, E. Bandel, E. Shnarch, M. Shmueli-Scheuer
       and L. Choshen, "Do these LLM benchmarks agree? Fixing benchmark evaluation with
       BenchBench", arXiv:2407.13696, 2024 (the bundled snapshots).

    Examples
    --------
    >>> live = load_ibm_table("livebench_240829_holistic")
    >>> live.shape, list(live.columns[:3])
    ((70, 7), ['livebench_240725', 'LB_Reasoning', 'LB_Coding'])
    >>> live.index[0]
    'claude-3-5-sonnet-20240620'
    """
    if (name is None) == (path is None):
        raise InputError("name/path", "give exactly one of a bundled table name or a file path")
    if path is None:
        names = ibm_table_names()
        if name not in names:
            raise InputError("name", f"{name!r} is not a bundled IBM BenchBench table",
                             f"use one of {', '.join(names)}")
        sub = ("benchmarks_old", name[4:]) if name.startswith("old/") else ("benchmarks", name)
        path = ibm_benchbench_dir() / sub[0] / f"{sub[1]}.csv"
    raw = read_raw_table(path)
    if raw.shape[1] < 2:
        raise InputError(f"file {Path(path).name!r}", "has fewer than two columns",
                         "the first column is the model name, the others scores")
    model_column = "llm_model" if "llm_model" in raw.columns else "model"
    return read_score_table(path, model_column=model_column, dedup=dedup)

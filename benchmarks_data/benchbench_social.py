"""Loaders for the socialfoundations BenchBench tables (Zhang and Hardt 2024, arXiv:2405.01719).

Files under ``benchmarks_data/socialfoundations_benchbench/`` (MIT, from
``socialfoundations/benchbench`` @ ``658cb69``; see ``PROVENANCE.md`` there):

* ``helm/<group>.tsv``: HELM Classic, 67 models; missing cells are ``-``; no repeated names;
* ``openllm/leaderboard.tsv``: Open LLM Leaderboard v1, 100 rows of 87 models x 6 tasks;
  repeated names are de-duplicated by ``dedup`` (default ``"first"``: the first row in
  leaderboard order, i.e. the higher-ranked entry; exact-duplicate rows are identical anyway);
* ``mmlu/leaderboard.tsv``: 98 evaluation runs of 82 models x 57 MMLU subjects; rule
  ``run="latest"`` (default) keeps, per model, the run with the latest ``split_name`` timestamp
  (``:`` and ``-`` in the time part are treated alike); ``run="first"`` keeps the first row.
  Model names are converted to Hugging Face ids (``details_org__name`` -> ``org/name``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import lazy_loader as lazy
import numpy as np

from benchgame.benchmarks_data.score_table import Dedup, read_raw_table, read_score_table
from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = [
    "HELM_GROUPS",
    "OPENLLM_TASKS",
    "benchbench_social_dir",
    "load_helm_classic",
    "load_mmlu_subjects",
    "load_openllm_v1",
]

HELM_GROUPS: tuple[str, ...] = ("accuracy", "bias", "calibration", "efficiency", "fairness",
                                "robustness", "summarization", "toxicity")
OPENLLM_TASKS: tuple[str, ...] = ("ARC", "HellaSwag", "MMLU", "TruthfulQA", "Winogrande",
                                  "GSM8K")


def benchbench_social_dir() -> Path:
    """Folder of the bundled socialfoundations BenchBench tables.

    Returns
    -------
    pathlib.Path
        ``benchmarks_data/socialfoundations_benchbench`` inside the installed package.

    Examples
    --------
    >>> benchbench_social_dir().name
    'socialfoundations_benchbench'
    """
    return Path(__file__).resolve().parent / "socialfoundations_benchbench"


def load_helm_classic(group: str = "accuracy", *, path: str | os.PathLike[str] | None = None,
                      dedup: Dedup = "first") -> pd.DataFrame:
    """HELM Classic table ``group`` (``Mean win rate`` plus per-scenario metrics), by model.

    Column 1 (``Model/adapter`` or ``Model``) holds the model name; ``-`` cells are missing.
    Values are as published (lower is better for bias, calibration, efficiency and toxicity).

    Parameters
    ----------
    group : str
        One of :data:`HELM_GROUPS` (ignored when ``path`` is given).
    path : path-like, optional
        Read this TSV instead of the bundled one.
    dedup : {"first", "last", "mean", "error"}
        Rule for repeated model names.

    Returns
    -------
    pandas.DataFrame
        Float scores indexed by model name (NaN where missing).

    Raises
    ------
    benchgame.core.validation.InputError
        If ``group`` is unknown or the file is invalid (naming file, row and column).

    References
    ----------
    .. [1] G. Zhang and M. Hardt, "Inherent trade-offs between diversity and stability in
       multi-task benchmarks", ICML 2024, arXiv:2405.01719 (the bundled tables).
    .. [2] P. Liang et al., "Holistic evaluation of language models", Transactions on Machine
       Learning Research, 2023, arXiv:2211.09110.

    Examples
    --------
    >>> helm = load_helm_classic("accuracy")
    >>> helm.shape, list(helm.columns[:2]), helm.index[0]
    ((67, 17), ['Mean win rate', 'MMLU - EM'], 'Llama 2 (70B)')
    """
    if path is None:
        if group not in HELM_GROUPS:
            raise InputError("group", f"is {group!r}", f"use one of {', '.join(HELM_GROUPS)}")
        path = benchbench_social_dir() / "helm" / f"{group}.tsv"
    raw = read_raw_table(path, sep="\t")
    if raw.shape[1] < 2:
        raise InputError(f"file {Path(path).name!r}", "has fewer than two columns",
                         "column 1 is the model name, the others scores")
    # column 1 is the model name ('Model/adapter' or 'Model' depending on the group)
    return read_score_table(path, model_column=raw.columns[0], sep="\t", dedup=dedup)


def load_openllm_v1(path: str | os.PathLike[str] | None = None, *,
                    dedup: Dedup = "first") -> pd.DataFrame:
    """Open LLM Leaderboard v1: ``Average`` and the six task scores (0-100), by HF model id.

    Parameters
    ----------
    path : path-like, optional
        Read this TSV instead of the bundled one.
    dedup : {"first", "last", "mean", "error"}
        Rule for repeated model names (module docstring).

    Returns
    -------
    pandas.DataFrame
        Columns ``Average`` and :data:`OPENLLM_TASKS`, indexed by Hugging Face model id; the
        ``attrs`` record the source, the rule and the repeated names.

    Raises
    ------
    benchgame.core.validation.InputError
        If the file is invalid (naming file, row and column).

    References
    ----------
    .. [1] G. Zhang and M. Hardt, "Inherent trade-offs between diversity and stability in
       multi-task benchmarks", ICML 2024, arXiv:2405.01719 (the bundled tables).
    .. [2] E. Beeching et al., "Open LLM Leaderboard (2023-2024)", Hugging Face, 2023.

    Examples
    --------
    >>> board = load_openllm_v1()
    >>> board.shape, list(board.columns)
    ((87, 7), ['Average', 'ARC', 'HellaSwag', 'MMLU', 'TruthfulQA', 'Winogrande', 'GSM8K'])
    >>> len(board.attrs["duplicates"])
    13
    """
    p = benchbench_social_dir() / "openllm" / "leaderboard.tsv" if path is None else path
    return read_score_table(p, model_column="Model", score_columns=("Average", *OPENLLM_TASKS),
                            sep="\t", dedup=dedup, nonnegative=True)


def load_mmlu_subjects(path: str | os.PathLike[str] | None = None, *,
                       run: Literal["latest", "first"] = "latest") -> pd.DataFrame:
    """MMLU per-subject accuracies (57 columns named by subject), one run per model.

    Parameters
    ----------
    path : path-like, optional
        Read this TSV instead of the bundled one.
    run : {"latest", "first"}
        Which run of a model to keep (module docstring).

    Returns
    -------
    pandas.DataFrame
        57 accuracy columns in [0, 1] named by subject, indexed by Hugging Face id.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``run`` is unknown, a required column is missing, or a value is invalid or above 1.

    References
    ----------
    .. [1] G. Zhang and M. Hardt, "Inherent trade-offs between diversity and stability in
       multi-task benchmarks", ICML 2024, arXiv:2405.01719 (the bundled tables).
    .. [2] D. Hendrycks et al., "Measuring massive multitask language understanding", ICLR 2021,
       arXiv:2009.03300.

    Examples
    --------
    >>> mmlu = load_mmlu_subjects()
    >>> mmlu.shape, list(mmlu.columns[:2])
    ((82, 57), ['abstract_algebra', 'anatomy'])
    """
    if run not in ("latest", "first"):
        raise InputError("run", f"is {run!r}", "use 'latest' or 'first'")
    p = Path(benchbench_social_dir() / "mmlu" / "leaderboard.tsv" if path is None else path)
    raw = read_raw_table(p, sep="\t")
    for c in ("model_name", "split_name"):
        if c not in raw.columns:
            raise InputError(f"file {p.name!r}, column {c!r}", "is missing",
                             f"the table has columns {list(raw.columns)[:5]}...")
    subjects = [c for c in raw.columns if c.startswith("harness|hendrycksTest-")]
    if not subjects:
        raise InputError(f"file {p.name!r}", "has no 'harness|hendrycksTest-<subject>|5' columns",
                         "give the MMLU per-subject table")
    # validates every row and column (numbers, non-negative); keeps the first row per model
    df = read_score_table(p, model_column="model_name", score_columns=subjects, sep="\t",
                          dedup="first", nonnegative=True)
    if run == "latest":
        stamps = raw["split_name"].str.strip().str.replace(":", "-", regex=False)
        latest = (raw.assign(_stamp=stamps, _row=np.arange(len(raw)))
                  .sort_values(["model_name", "_stamp", "_row"])
                  .drop_duplicates("model_name", keep="last")
                  .sort_values("_row"))
        vals = latest[subjects].apply(pd.to_numeric).to_numpy(float)
        df = pd.DataFrame(vals, index=pd.Index(latest["model_name"].str.strip(), name="model"),
                          columns=subjects)
    over = df.to_numpy() > 1.0
    if over.any():
        i, j = (int(v[0]) for v in over.nonzero())
        raise InputError(f"file {p.name!r}, model {df.index[i]!r}, column {df.columns[j]!r}",
                         f"value {df.iat[i, j]!r} exceeds 1", "accuracies lie in [0, 1]")
    df.columns = [c.split("-", 1)[1].rsplit("|", 1)[0] for c in subjects]
    df.index = [m.removeprefix("details_").replace("__", "/", 1) for m in df.index]
    df.index.name = "model"
    df.attrs.update(source=p.name, dedup=f"run={run}")
    return df

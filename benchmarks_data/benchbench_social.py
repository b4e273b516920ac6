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

import numpy as np
import pandas as pd

from benchgame.benchmarks_data.score_table import Dedup, read_raw_table, read_score_table
from benchgame.core.validation import InputError

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
    """Folder of the bundled socialfoundations BenchBench tables."""
    return Path(__file__).resolve().parent / "socialfoundations_benchbench"


def load_helm_classic(group: str = "accuracy", *, path: str | os.PathLike[str] | None = None,
                      dedup: Dedup = "first") -> pd.DataFrame:
    """HELM Classic table ``group`` (``Mean win rate`` plus per-scenario metrics), by model.

    Column 1 (``Model/adapter`` or ``Model``) holds the model name; ``-`` cells are missing.
    Values are as published (lower is better for bias, calibration, efficiency and toxicity).
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
    """Open LLM Leaderboard v1: ``Average`` and the six task scores (0-100), by HF model id."""
    p = benchbench_social_dir() / "openllm" / "leaderboard.tsv" if path is None else path
    return read_score_table(p, model_column="Model", score_columns=("Average", *OPENLLM_TASKS),
                            sep="\t", dedup=dedup, nonnegative=True)


def load_mmlu_subjects(path: str | os.PathLike[str] | None = None, *,
                       run: Literal["latest", "first"] = "latest") -> pd.DataFrame:
    """MMLU per-subject accuracies (57 columns named by subject), one run per model.

    The index is the Hugging Face id. See the module docstring for the run-selection rule.
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

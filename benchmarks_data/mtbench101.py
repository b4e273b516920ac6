"""MT-Bench-101 per-task judge scores (18 models x 13 tasks) and dialogue counts.

Source: Bai et al., "MT-Bench-101" (ACL 2024, arXiv:2402.14762), GitHub mtbench101/mt-bench-101
(Apache-2.0); the table is transcribed from ``assets/leaderboard.png`` (see
``mtbench101/PROVENANCE.md``). The loader validates that every row's mean matches its printed
average within 0.006. The printed bottom "Avg." row is inconsistent with the column means for four
tasks (TS, CC, MR, GR) in the source image; the loader reports these, it does not fail.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import lazy_loader as lazy
import numpy as np

from benchgame.core.serialize import Serializable
from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = ["MTBench101", "load_mtbench101"]

_DIR = Path(__file__).resolve().parent / "mtbench101"


@dataclass(frozen=True)
class MTBench101(Serializable):
    """The MT-Bench-101 table and task metadata.

    Parameters
    ----------
    models : tuple of str
        The 18 models (rows).
    tasks : tuple of str
        The 13 task codes (columns).
    scores : numpy.ndarray, shape (18, 13)
        GPT-4-judge scores on 1-10.
    printed_avg : numpy.ndarray, shape (18,)
        Each model's average as printed.
    n_dialogues : numpy.ndarray, shape (13,)
        Dialogues per task.
    column_avg_mismatch : dict
        Task -> (printed column average, mean of the 18 rows), for tasks off by more than 0.006.

    References
    ----------
    .. [1] G. Bai et al., "MT-Bench-101: a fine-grained benchmark for evaluating large language
       models in multi-turn dialogues", ACL 2024, arXiv:2402.14762.
    """

    models: tuple[str, ...]
    tasks: tuple[str, ...]
    scores: np.ndarray
    printed_avg: np.ndarray
    n_dialogues: np.ndarray
    column_avg_mismatch: dict

    def weights(self, kind: str = "uniform") -> np.ndarray:
        """Task weights: ``"uniform"`` or ``"counts"`` (proportional to dialogue counts).

        Parameters
        ----------
        kind : {"uniform", "counts"}
            The weighting.

        Returns
        -------
        numpy.ndarray, shape (13,)
            Weights summing to 1.

        Raises
        ------
        benchgame.core.validation.InputError
            If ``kind`` is unknown.
        """
        if kind == "uniform":
            return np.full(len(self.tasks), 1.0 / len(self.tasks))
        if kind == "counts":
            return self.n_dialogues / self.n_dialogues.sum()
        raise InputError("weights", f"unknown kind {kind!r}", "use 'uniform' or 'counts'")

    def to_frame(self) -> pd.DataFrame:
        """The scores, one row per model and one column per task.

        Returns
        -------
        pandas.DataFrame
            Index ``model`` (the 18 model names); columns ``task`` (the 13 task codes); the
            GPT-4-judge scores on 1-10.

        Examples
        --------
        >>> load_mtbench101().to_frame().loc[["GPT-4", "Qwen-7B-Chat"], ["CM", "SI", "AR"]]
        task           CM    SI    AR
        model
        GPT-4        8.88  8.99  9.58
        Qwen-7B-Chat 7.65  7.75  8.73
        """
        return pd.DataFrame(self.scores, index=pd.Index(self.models, name="model"),
                            columns=pd.Index(self.tasks, name="task"))


def load_mtbench101(directory: str | Path | None = None, tol: float = 0.006) -> MTBench101:
    """Load and validate the bundled MT-Bench-101 table.

    Parameters
    ----------
    directory : path-like, optional
        Folder with ``mtbench101_leaderboard.csv`` and ``mtbench101_tasks.csv`` (default: the
        bundled one).
    tol : float
        Largest allowed gap between a row's mean and its printed average; column averages off by
        more are reported in ``column_avg_mismatch``.

    Returns
    -------
    MTBench101
        Scores, printed averages, dialogue counts and the column-average mismatches.

    Raises
    ------
    benchgame.core.validation.InputError
        If a file is malformed or a row's mean differs from its printed average by more than
        ``tol``.

    References
    ----------
    .. [1] G. Bai et al., "MT-Bench-101: a fine-grained benchmark for evaluating large language
       models in multi-turn dialogues", ACL 2024, arXiv:2402.14762.

    Examples
    --------
    >>> mt = load_mtbench101()
    >>> mt.scores.shape, mt.tasks[:4]
    ((18, 13), ('CM', 'SI', 'AR', 'TS'))
    >>> sorted(mt.column_avg_mismatch)
    ['CC', 'GR', 'MR', 'TS']
    """
    d = _DIR if directory is None else Path(directory)
    lb, tk = d / "mtbench101_leaderboard.csv", d / "mtbench101_tasks.csv"
    with lb.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    with tk.open(newline="", encoding="utf-8") as fh:
        trows = list(csv.DictReader(fh))
    tasks = tuple(r["code"] for r in trows)
    try:
        scores = np.array([[float(r[t]) for t in tasks] for r in rows])
        avg = np.array([float(r["avg"]) for r in rows])
        counts = np.array([float(r["n_dialogues"]) for r in trows])
        printed_col = np.array([float(r["printed_avg_row"]) for r in trows])
    except (KeyError, ValueError) as exc:
        raise InputError(str(lb), f"malformed MT-Bench-101 table ({exc})",
                         "restore the bundled files") from exc
    models = tuple(r["model"] for r in rows)
    dev = np.abs(scores.mean(axis=1) - avg)
    if np.any(dev > tol):
        k = int(np.argmax(dev))
        raise InputError(str(lb), f"row {k + 2} ({models[k]}): mean {scores[k].mean():.4f} "
                         f"differs from printed avg {avg[k]}", "restore the bundled file")
    colmean = scores.mean(axis=0)
    mismatch = {t: (float(printed_col[k]), round(float(colmean[k]), 4))
                for k, t in enumerate(tasks) if abs(colmean[k] - printed_col[k]) > tol}
    return MTBench101(models, tasks, scores, avg, counts, mismatch)

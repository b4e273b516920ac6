"""Read a user's models x tasks score table (CSV) into a :class:`Market`.

Format: a header row ``model,<task 1>,...,<task m>`` (the first column holds model names; columns
named in ``skip`` such as ``avg`` are ignored), then one row per model with numeric scores.
Scores are divided by ``scale`` (e.g. 10 for 1-10 judge scores) to give qualities in ``[0, 1]``.
The file is read by the data layer's validated reader,
:func:`benchgame.benchmarks_data.score_table.read_score_table` (every cell a finite number,
repeated model names refused), so every problem raises :class:`InputError` on one line naming
the file, the row and the column.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchgame.benchmarks_data.score_table import read_raw_table, read_score_table
from benchgame.core.validation import InputError, require
from benchgame.mechanisms.marketplace.market import Market

__all__ = ["market_from_csv", "weights_from_csv"]

SKIP = ("avg", "average", "Avg")


def market_from_csv(path: str | os.PathLike[str], *, scale: float = 1.0,
                    weights: object | None = None, tasks: Sequence[str] | None = None,
                    vmax: float = 1.0) -> Market:
    """Build a :class:`Market` from a CSV table of per-task scores.

    Qualities are ``Q = scores / scale``; the task weights ``pi`` are uniform unless ``weights``
    is given.

    Parameters
    ----------
    path : path-like
        CSV file: header ``model,<task 1>,...``, then one row per model. The first column holds
        the model names; columns named ``avg``, ``average`` or ``Avg`` are ignored.
    scale : float, default 1.0
        Divisor turning scores into qualities (e.g. 10 for 1-10 judge scores); must be > 0.
    weights : array_like, shape (m,), optional
        One non-negative weight per task column (normalised to sum 1). Default: uniform.
    tasks : sequence of str, optional
        Task columns to use, in this order; a missing one is an error. Default: every column
        after the first, except the ignored average columns.
    vmax : float, default 1.0
        Upper end of the quality range; every ``score / scale`` must lie in ``[0, vmax]``.

    Returns
    -------
    Market
        Models named by the first column, tasks by the header.

    Raises
    ------
    InputError
        If the file cannot be read or parsed, a model name is empty or repeated, a score cell
        is not a finite number, a task column is missing, a quality falls outside
        ``[0, vmax]``, or ``scale`` or ``weights`` is invalid. The message names the file, the
        row (the header is row 1) and the column.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: the marketplace evaluated on
    empirical benchmark data. Reading a user's table is an addition of this library.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> f = Path(tempfile.mkdtemp()) / "scores.csv"
    >>> _ = f.write_text("model,A,B,avg\\nx,8,2,5\\ny,2,9,5.5\\n")
    >>> m = market_from_csv(f, scale=10)
    >>> m.models, m.tasks
    (('x', 'y'), ('A', 'B'))
    >>> m.quality.tolist(), m.weights.tolist()
    ([[0.8, 0.2], [0.2, 0.9]], [0.5, 0.5])
    >>> _ = f.write_text("model,A,B\\nx,8,2\\nx,2,9\\n")
    >>> market_from_csv(f, scale=10)
    Traceback (most recent call last):
    ...
    benchgame.core.validation.InputError: file 'scores.csv', row 3, column 'model': model name ...
    """
    require(np.isfinite(scale) and scale > 0, "scale", f"is {scale}", "give a scale > 0")
    path = Path(path)
    header = list(read_raw_table(path).columns)
    columns = {c.strip(): c for c in header[1:] if c.strip() not in SKIP}
    use = list(columns) if tasks is None else [str(t) for t in tasks]
    table = read_score_table(path, model_column=header[0],
                             score_columns=[columns.get(t, t) for t in use], missing=(),
                             dedup="error")
    require(len(use) >= 1, f"file {path.name!r}, row 1", "has no task columns",
            "write 'model,<task>,...'")
    S = table.to_numpy(float)
    Q = S / scale
    if np.any(Q < 0) or np.any(Q > vmax):
        bad = np.argwhere((Q < 0) | (Q > vmax))[0]
        raise InputError(f"file {path.name!r}, row {int(bad[0]) + 2}, column {use[bad[1]]!r}",
                         f"score {S[tuple(bad)]:g} / {scale:g} is outside [0, {vmax:g}]",
                         "set --scale to the score range (e.g. 10 for 1-10 scores)")
    if weights is None:
        pi = np.full(len(use), 1.0 / len(use))
    else:
        w = np.asarray(weights, dtype=float)
        require(w.shape == (len(use),) and np.all(np.isfinite(w)) and np.all(w >= 0)
                and w.sum() > 0, "weights", f"needs {len(use)} non-negative finite numbers",
                "give one weight per task column")
        pi = w / w.sum()
    return Market(Q, pi, models=tuple(str(m) for m in table.index), tasks=tuple(use),
                  vmax=vmax)


def weights_from_csv(path: str | os.PathLike[str]) -> Any:
    """Read task weights from a CSV ``task,weight`` (one row per task, weights >= 0).

    The weights are returned by task label, so that a :class:`Market` aligns them with its
    tasks by name (and refuses a file whose tasks are not exactly the market's).

    Parameters
    ----------
    path : path-like
        CSV file: a header row (first column the task names, second the weights), then one row
        per task.

    Returns
    -------
    pandas.Series
        Non-negative weights indexed by task name (not normalised).

    Raises
    ------
    InputError
        If the file cannot be read, a task is repeated, a weight is not a finite number >= 0, or
        every weight is zero; the message names the file, the row and the column.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293: the task distribution of the marketplace.
    Reading it from a file is an addition of this library.

    Examples
    --------
    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "weights.csv"
    >>> _ = f.write_text("task,weight\\nB,3\\nA,1\\n")
    >>> weights_from_csv(f).to_dict()
    {'B': 3.0, 'A': 1.0}
    """
    path = Path(path)
    header = list(read_raw_table(path).columns)
    require(len(header) == 2, f"file {path.name!r}, row 1", f"has columns {header}",
            "write a header 'task,weight' and one task per row")
    table = read_score_table(path, model_column=header[0], score_columns=[header[1]],
                             missing=(), dedup="error", nonnegative=True)
    w = table[header[1]].astype(float)
    require(float(w.sum()) > 0, f"file {path.name!r}, column {header[1]!r}",
            "has only zero weights", "give at least one positive weight")
    return w.rename_axis("task").rename("weight")

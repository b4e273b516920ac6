"""Read a user's models x tasks score table (CSV) into a :class:`Market`.

Format: a header row ``model,<task 1>,...,<task m>`` (the first column holds model names; columns
named in ``skip`` such as ``avg`` are ignored), then one row per model with numeric scores.
Scores are divided by ``scale`` (e.g. 10 for 1-10 judge scores) to give qualities in ``[0, 1]``.
Every problem raises :class:`InputError` naming the file, the row and the column.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from benchgame.core.validation import InputError, require
from benchgame.mechanisms.marketplace.market import Market

__all__ = ["read_score_table", "market_from_csv"]


def read_score_table(path: str | Path, *, tasks: Sequence[str] | None = None,
                     skip: Sequence[str] = ("avg", "average", "Avg")
                     ) -> tuple[tuple[str, ...], tuple[str, ...], np.ndarray]:
    """Parse the CSV; returns ``(models, tasks, scores)`` with scores shaped (models, tasks).

    ``tasks``: required task columns (in this order); a missing one is an error.
    """
    path = Path(path)
    field = str(path)
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
    except UnicodeDecodeError as exc:
        raise InputError(field, f"is not UTF-8 text (byte {exc.start})",
                         "save it as UTF-8 (e.g. 'Save as CSV UTF-8')") from None
    except OSError as exc:
        raise InputError(field, f"cannot be read ({exc.strerror})", "give a readable CSV file"
                         ) from exc
    rows = [r for r in rows if any(c.strip() for c in r)]
    require(len(rows) >= 2, field, "has no data rows", "give a header and one row per model")
    header = [h.strip() for h in rows[0]]
    require(len(header) >= 2, field, "row 1 (header): needs a model column and task columns",
            "write 'model,<task>,...'")
    cols = {h: k for k, h in enumerate(header) if k > 0 and h not in skip}
    dup = {h for h in header[1:] if header[1:].count(h) > 1}
    require(not dup, field, f"row 1 (header): duplicate column(s) {sorted(dup)}",
            "give every task column a unique name")
    if tasks is not None:
        missing = [t for t in tasks if t not in cols]
        require(not missing, field, f"row 1 (header): missing task column(s) {missing}",
                "add the column(s) or drop them from the task list")
        use = list(tasks)
    else:
        use = list(cols)
    require(len(use) >= 1, field, "row 1 (header): no task columns", "add task columns")
    models: list[str] = []
    data = np.empty((len(rows) - 1, len(use)))
    for r, row in enumerate(rows[1:], start=2):
        require(len(row) == len(header), field,
                f"row {r}: has {len(row)} cells, the header has {len(header)}",
                "give one cell per column")
        name = row[0].strip()
        require(bool(name), field, f"row {r}, column {header[0]!r}: empty model name",
                "name every model")
        require(name not in models, field, f"row {r}, column {header[0]!r}: duplicate model "
                f"name {name!r}", "give every model a unique name")
        models.append(name)
        for k, t in enumerate(use):
            cell = row[cols[t]].strip()
            try:
                v = float(cell)
            except ValueError:
                raise InputError(field, f"row {r}, column {t!r}: {cell!r} is not a number",
                                 "fill every score cell with a number") from None
            require(math.isfinite(v), field, f"row {r}, column {t!r}: {cell!r} is not finite",
                    "give finite scores")
            data[r - 2, k] = v
    return tuple(models), tuple(use), data


def market_from_csv(path: str | Path, *, scale: float = 1.0, weights: object | None = None,
                    tasks: Sequence[str] | None = None, vmax: float = 1.0) -> Market:
    """A :class:`Market` from a CSV score table: ``Q = scores / scale``, ``pi`` uniform unless
    ``weights`` (one per task, normalised to sum 1) is given."""
    require(np.isfinite(scale) and scale > 0, "scale", f"is {scale}", "give a scale > 0")
    models, cols, S = read_score_table(path, tasks=tasks)
    Q = S / scale
    if np.any(Q < 0) or np.any(Q > vmax):
        bad = np.argwhere((Q < 0) | (Q > vmax))[0]
        raise InputError(str(path), f"row {int(bad[0]) + 2}, column {cols[bad[1]]!r}: score "
                         f"{S[tuple(bad)]:g} / {scale:g} is outside [0, {vmax:g}]",
                         "set --scale to the score range (e.g. 10 for 1-10 scores)")
    if weights is None:
        pi = np.full(len(cols), 1.0 / len(cols))
    else:
        w = np.asarray(weights, dtype=float)
        require(w.shape == (len(cols),) and np.all(np.isfinite(w)) and np.all(w >= 0)
                and w.sum() > 0, "weights", f"needs {len(cols)} non-negative finite numbers",
                "give one weight per task column")
        pi = w / w.sum()
    return Market(Q, pi, models=models, tasks=cols, vmax=vmax)

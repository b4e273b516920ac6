"""The pending cells of a sweep, handed out in batches sized from measured cell times.

A batch is one Dask task. Its size is chosen when it is handed out, from the median time of the
cells finished so far (the first cell of a fresh process pays first-use costs: imports, caches,
so a median of recent cells is used rather than the first one): about ``target`` seconds of
cells, and at most the remaining cells over twice the number of workers, so that batches shrink
towards the end and the workers finish together (guided self-scheduling; Polychronopoulos and
Kuck, "Guided self-scheduling: a practical scheduling scheme for parallel supercomputers",
IEEE Trans. Computers 36(12), 1987). Before any cell is timed a batch is one cell. A fixed
``batch_size`` from the specification overrides the sizing.
"""

from __future__ import annotations

import math
import statistics
from collections import deque
from collections.abc import Iterable, Mapping
from typing import Any

from benchgame.experiments.sweeps.cells import Cell

__all__ = ["BatchQueue"]

_WINDOW = 256
"""Cell times kept for the median (the most recent ones)."""


class BatchQueue:
    """Pending cells, taken in order in batches sized from the cell times observed so far.

    Parameters
    ----------
    cells : iterable of Cell
        The cells still to compute, in sweep order.
    fixed_size : int, optional
        Cells per batch (the specification's ``batch_size``); default: sized by :meth:`take`.

    Examples
    --------
    >>> q = BatchQueue([Cell(i, f"c{i}", {"x": float(i)}, 0) for i in range(40)])
    >>> [c.index for c in q.take(workers=2, target=1.0)]    # nothing timed yet: one cell
    [0]
    >>> q.observe([{"seconds": 0.1}] * 3)
    >>> len(q.take(workers=2, target=1.0))                  # 1 s of 0.1 s cells
    10
    >>> len(q.take(workers=2, target=1.0))                  # 29 left: at most 29 / 4
    8
    >>> q.remaining, q.largest
    (21, 10)
    """

    def __init__(self, cells: Iterable[Cell], fixed_size: int | None = None) -> None:
        self._cells = list(cells)
        self._next = 0
        self._fixed = fixed_size
        self._seconds: deque[float] = deque(maxlen=_WINDOW)
        self.largest = 0
        """Most cells handed out in one batch so far."""

    @property
    def remaining(self) -> int:
        """Cells not yet handed out."""
        return len(self._cells) - self._next

    def observe(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Record the times of finished cells (their rows' ``seconds``).

        Parameters
        ----------
        rows : iterable of mapping
            Result rows of a finished batch.
        """
        self._seconds.extend(float(r["seconds"]) for r in rows)

    def per_cell(self) -> float | None:
        """Median time of the recently observed cells, in seconds (None before any).

        Returns
        -------
        float or None

        Examples
        --------
        >>> q = BatchQueue([])
        >>> q.observe([{"seconds": s} for s in (0.7, 0.02, 0.03)])
        >>> q.per_cell()
        0.03
        """
        return statistics.median(self._seconds) if self._seconds else None

    def size(self, workers: int, target: float) -> int:
        """Cells for the next batch.

        Parameters
        ----------
        workers : int
            Tasks that run at the same time (1: batches are not shrunk towards the end).
        target : float
            Seconds of cells per batch.

        Returns
        -------
        int
            The fixed size if one was given; else 1 before any cell is timed; else
            ``min(ceil(target / per_cell), ceil(remaining / (2 workers)))``, at least 1.

        Examples
        --------
        >>> q = BatchQueue([Cell(i, f"c{i}", {}, 0) for i in range(100)])
        >>> q.observe([{"seconds": 0.01}])
        >>> q.size(workers=1, target=0.2), q.size(workers=2, target=1.0)
        (20, 25)
        """
        if self._fixed is not None:
            return self._fixed
        per_cell = self.per_cell()
        if per_cell is None:
            return 1
        by_time = math.ceil(target / max(per_cell, 1e-6))
        by_balance = math.ceil(self.remaining / (2 * workers)) if workers > 1 else by_time
        return max(1, min(by_time, by_balance))

    def take(self, workers: int, target: float, limit: int | None = None) -> list[Cell]:
        """Hand out the next batch (empty when no cell is left).

        Parameters
        ----------
        workers, target
            As for :meth:`size`.
        limit : int, optional
            At most this many cells.

        Returns
        -------
        list of Cell
        """
        size = self.size(workers, target)
        if limit is not None:
            size = min(size, limit)
        batch = self._cells[self._next:self._next + size]
        self._next += len(batch)
        self.largest = max(self.largest, len(batch))
        return batch

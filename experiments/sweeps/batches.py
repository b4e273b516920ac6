"""One batch of sweep cells: the work of one Dask task.

:func:`run_batch` calls the analysis on each cell of a batch and returns one result row per
cell, a failing cell included (``status = "failed"`` with its error), so that one bad cell never
loses the rest of its batch. :func:`failed_rows` writes the rows of a batch whose task was lost
(its worker died), and :func:`cell_tuples` the plain tuples a task receives.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Mapping
from typing import Any

from benchgame.experiments.sweeps.cells import Cell

__all__ = ["cell_tuples", "failed_rows", "run_batch"]


def _scalar(value: Any, kind: type, name: str) -> Any:
    if value is None:
        return None
    if hasattr(value, "item") and getattr(value, "ndim", 0) == 0:
        value = value.item()           # numpy scalars
    if kind is bool:
        if not isinstance(value, bool):
            raise TypeError(f"outcome {name!r} is {value!r}, not a bool")
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"outcome {name!r} is {value!r}, not an int")
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"outcome {name!r} is {value!r}, not a number")
        return float(value)
    if not isinstance(value, str):
        raise TypeError(f"outcome {name!r} is {value!r}, not a string")
    return value


def run_batch(fn: Callable[[dict, int], Mapping[str, Any]], imports: tuple[str, ...],
              outcomes: Mapping[str, type], cells: list[tuple[int, str, dict, int]]
              ) -> list[dict]:
    """Run the cells of one batch (a Dask task), returning one result row per cell.

    A cell that raises, returns something other than a dict, returns an undeclared column or a
    value of the wrong type is recorded with ``status = "failed"``, its error and null
    outcomes; the other cells are unaffected. Numpy scalars are converted to Python values and
    integers to floats for float columns.

    Parameters
    ----------
    fn : callable
        The analysis' cell function ``fn(params, seed) -> dict``.
    imports : tuple of str
        Modules imported first (on a worker, they register user analyses or protocols).
    outcomes : mapping
        Each declared outcome column and its type (``bool``, ``int``, ``float`` or ``str``).
    cells : list of tuple
        ``(index, cell_id, params, seed)`` per cell.

    Returns
    -------
    list of dict
        Per cell: ``cell, cell_id, <parameters>, seed, status, error, <outcomes>, seconds``
        (wall) and ``cpu_seconds`` (CPU time of the thread; summed in the sweep's timings, not
        stored in the table).

    Examples
    --------
    >>> def square(params, seed):
    ...     return {"value": params["x"] ** 2 + seed}
    >>> rows = run_batch(square, (), {"value": float},
    ...                  [(0, "a", {"x": 2}, 1), (1, "b", {"x": "?"}, 0)])
    >>> [(r["status"], r["value"]) for r in rows]
    [('ok', 5.0), ('failed', None)]
    >>> rows[1]["error"]
    "TypeError: unsupported operand type(s) for ** or pow(): 'str' and 'int'"
    """
    for m in imports:
        importlib.import_module(m)
    rows = []
    for index, cid, params, seed in cells:
        row: dict[str, Any] = {"cell": index, "cell_id": cid, **params, "seed": seed,
                               "status": "ok", "error": ""}
        start = time.perf_counter()
        cpu = time.thread_time()
        try:
            out = fn(dict(params), seed)
            if not isinstance(out, Mapping):
                raise TypeError(f"the analysis returned a {type(out).__name__}, not a dict")
            extra = sorted(set(out) - set(outcomes))
            if extra:
                raise TypeError(f"the analysis returned undeclared column(s) {extra}")
            vals = {k: _scalar(out.get(k), kind, k) for k, kind in outcomes.items()}
        except Exception as exc:  # noqa: BLE001 (a failing cell is data, not a crash)
            vals = dict.fromkeys(outcomes)
            row["status"] = "failed"
            row["error"] = f"{type(exc).__name__}: {exc}"
        row.update(vals)
        row["seconds"] = time.perf_counter() - start
        row["cpu_seconds"] = time.thread_time() - cpu
        rows.append(row)
    return rows


def failed_rows(batch: list[Cell], outcomes: Mapping[str, type], message: str) -> list[dict]:
    """Record every cell of a lost batch as failed.

    Parameters
    ----------
    batch : list of Cell
        The cells of the batch.
    outcomes : mapping
        Each declared outcome column and its type (all are left null).
    message : str
        The error written for every cell.

    Returns
    -------
    list of dict
        Per cell: ``cell, cell_id, <parameters>, seed, status = "failed", error,
        <outcomes> = None, seconds = 0.0``.

    Examples
    --------
    >>> rows = failed_rows([Cell(3, "c3", {"x": 1.0}, 0)], {"value": float}, "task failed")
    >>> rows[0]["cell"], rows[0]["status"], rows[0]["error"], rows[0]["value"]
    (3, 'failed', 'task failed', None)
    """
    return [{"cell": c.index, "cell_id": c.cell_id, **c.params, "seed": c.seed,
             "status": "failed", "error": message, **dict.fromkeys(outcomes), "seconds": 0.0}
            for c in batch]


def cell_tuples(batch: list[Cell]) -> list[tuple[int, str, dict, int]]:
    """Convert the cells of a batch to the plain tuples a task receives.

    Parameters
    ----------
    batch : list of Cell
        The cells of the batch.

    Returns
    -------
    list of tuple
        ``(index, cell_id, params, seed)`` per cell, the ``cells`` argument of
        :func:`run_batch`.

    Examples
    --------
    >>> cell_tuples([Cell(0, "c0", {"x": 1.0}, 2)])
    [(0, 'c0', {'x': 1.0}, 2)]
    """
    return [(c.index, c.cell_id, c.params, c.seed) for c in batch]

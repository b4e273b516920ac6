"""The sweep engine: cells batched into Dask tasks, results stored as they finish.

Execution backends (all Dask; nothing home-made):

* ``workers == 1`` (no scheduler): the Dask *synchronous* scheduler in this process, one batch
  at a time (no cluster to start; exceptions and profilers behave as in plain Python);
* ``workers > 1``: an embedded ``dask.distributed.LocalCluster(n_workers=workers,
  threads_per_worker=1, processes=True)``, started and stopped by the sweep;
* ``scheduler="tcp://host:8786"``: a running ``dask.distributed`` cluster (the workers must be
  able to import benchgame and the modules listed under ``imports``).

Cells are grouped into batches of ``batch_size`` (default: the first pending cell is timed in this
process and the batch is sized so a task takes about 0.2 s, keeping Dask's per-task overhead, of
the order of a millisecond, small; capped so that every worker gets at least four tasks). A cell
that raises is recorded with ``status = "failed"`` and its error; the other cells are unaffected. A
batch lost with a dying worker process (``KilledWorker``) is submitted once more, since it may only
have shared the worker with the batch that killed it; lost again, its cells are recorded as failed.
Each finished batch is written as an atomic Parquet part, so an interruption loses at most the
batches in flight and ``resume=True`` recomputes only missing cells. Cells are deterministic
functions of ``(params, seed)`` and the final table is ordered by cell, so a resumed sweep's table
equals an uninterrupted one (apart from the ``seconds`` timing column).
"""

from __future__ import annotations

import importlib
import logging
import math
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchgame.core.validation import InputError
from benchgame.experiments.sweeps import storage
from benchgame.experiments.sweeps.cells import Cell, expand
from benchgame.experiments.sweeps.registry import Analysis
from benchgame.experiments.sweeps.spec import SweepSpec, load_spec, parse_spec

__all__ = ["SweepResult", "coerce_spec", "run_batch", "run_sweep"]

Progress = Callable[[int, int], None]
TARGET_TASK_SECONDS = 0.2


@dataclass(frozen=True, eq=False)
class SweepResult:
    """Outcome of :func:`run_sweep`.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per cell, in sweep order: ``cell, cell_id, <parameters>, seed, status, error,
        <outcomes>, seconds`` (read back from ``path``).
    failed : int
        Cells with ``status == "failed"``.
    path : pathlib.Path
        The consolidated Parquet file.
    cells, computed, resumed : int
        Cells in the sweep, computed by this run, and taken from earlier parts.
    batch_size : int
    method : str
        The Dask backend used.
    timings : dict
        ``wall`` (s), ``setup`` (cluster start and worker imports), ``compute`` (sum of cell
        times of this run).
    spec : SweepSpec
    """

    table: Any
    failed: int
    path: Path
    cells: int
    computed: int
    resumed: int
    batch_size: int
    method: str
    timings: Mapping[str, float] = field(default_factory=dict)
    spec: SweepSpec | None = None

    @property
    def ok(self) -> bool:
        return self.failed == 0


def coerce_spec(spec: SweepSpec | Mapping[str, Any] | str | os.PathLike[str], *,
                allow_imports: bool = False) -> SweepSpec:
    """A :class:`SweepSpec` from a spec, a dict (parsed TOML) or the path of a TOML file.

    A dict or file that lists ``imports`` needs ``allow_imports=True``; a :class:`SweepSpec`
    object was already accepted and its modules are imported.
    """
    if isinstance(spec, SweepSpec):
        for m in spec.imports:
            importlib.import_module(m)
        return spec
    if isinstance(spec, Mapping):
        return parse_spec(spec, allow_imports=allow_imports)
    if isinstance(spec, (str, os.PathLike)):
        return load_spec(spec, allow_imports=allow_imports)
    raise InputError("spec", f"is a {type(spec).__name__}",
                     "give a SweepSpec, a dict or the path of a TOML file")


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
    """Run the cells of one batch (a Dask task); one result row per cell, failures included.

    ``outcomes`` maps each declared outcome column to its type; a cell returning an undeclared
    column or a value of the wrong type is recorded as failed.
    """
    for m in imports:
        importlib.import_module(m)
    rows = []
    for index, cid, params, seed in cells:
        row: dict[str, Any] = {"cell": index, "cell_id": cid, **params, "seed": seed,
                               "status": "ok", "error": ""}
        start = time.perf_counter()
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
        rows.append(row)
    return rows


def _failed_rows(batch: list[Cell], outcomes: Mapping[str, type], message: str) -> list[dict]:
    return [{"cell": c.index, "cell_id": c.cell_id, **c.params, "seed": c.seed,
             "status": "failed", "error": message, **dict.fromkeys(outcomes), "seconds": 0.0}
            for c in batch]


def _batches(cells: list[Cell], size: int) -> list[list[Cell]]:
    return [cells[k:k + size] for k in range(0, len(cells), size)]


def _payload(batch: list[Cell]) -> list[tuple[int, str, dict, int]]:
    return [(c.index, c.cell_id, c.params, c.seed) for c in batch]


def run_sweep(spec: SweepSpec | Mapping[str, Any] | str | os.PathLike[str], *,
              workers: int | None = None, scheduler: str | None = None, resume: bool = False,
              overwrite: bool = False, progress: Progress | None = None,
              output: str | os.PathLike[str] | None = None,
              allow_imports: bool = False) -> SweepResult:
    """Run a sweep and write its Parquet table.

    Parameters
    ----------
    spec : SweepSpec, dict or path
        The specification (see :mod:`benchgame.experiments.sweeps.spec`).
    workers : int, optional
        Local worker processes (default: the number of CPUs). 1 uses Dask's synchronous
        scheduler in this process. Ignored when ``scheduler`` is given.
    scheduler : str, optional
        Address of a running ``dask.distributed`` scheduler.
    resume : bool
        Keep the cells already stored (parts of an interrupted run, or the final table) and
        compute only the others.
    overwrite : bool
        Delete earlier results first.
    progress : callable ``(cells_done, cells_total) -> None``, optional
        Called once at the start (with the resumed count) and after every finished batch.
    output : path, optional
        Overrides the specification's ``output``.
    allow_imports : bool, default False
        Consent to import the modules a dict or file specification lists under ``imports``.

    Returns
    -------
    SweepResult

    Raises
    ------
    InputError
        Bad specification, or the output exists without ``resume``/``overwrite``; nothing is
        written in that case.
    """
    start = time.perf_counter()
    sp = coerce_spec(spec, allow_imports=allow_imports)
    if output is not None:
        sp = sp.with_output(output)
    if scheduler is None:
        workers = (os.cpu_count() or 1) if workers is None else workers
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
            raise InputError("workers", f"is {workers!r}", "give an integer >= 1")
    elif not isinstance(scheduler, str) or not scheduler:
        raise InputError("scheduler", f"is {scheduler!r}", "give an address like "
                         "tcp://127.0.0.1:8786")
    a = sp.get_analysis()
    cells = expand(sp, a)
    schema = storage.arrow_schema(a)
    out_path = sp.output
    storage.check_output(out_path, resume, overwrite)
    remote = _connect(scheduler) if scheduler is not None else None  # fail before writing
    # ---- from here on files are written ----
    if overwrite:
        storage.clear(out_path)
    done = storage.read_done(out_path, schema) if resume else schema.empty_table()
    done_ids = set(done.column("cell_id").to_pylist())
    order = {c.cell_id: c.index for c in cells}
    resumed = len(done_ids & set(order))
    pending = [c for c in cells if c.cell_id not in done_ids]
    storage.write_manifest(out_path, {"schema": "benchgame.sweep.manifest/1",
                                      "spec": sp.to_dict(), "cells": len(cells)})
    outcomes = {k: o.kind for k, o in a.outcomes.items()}
    total = len(cells)
    count = resumed
    if progress is not None:
        progress(count, total)
    compute = 0.0

    def store(rows: list[dict]) -> None:
        nonlocal count, compute
        storage.write_part(out_path, rows, schema)
        count += len(rows)
        compute += sum(r["seconds"] for r in rows)
        if progress is not None:
            progress(count, total)

    n_workers = 1 if scheduler is None and workers == 1 else (workers or 1)
    size = sp.batch_size
    if size is None and pending:
        probe = run_batch(a.fn, sp.imports, outcomes, _payload(pending[:1]))
        store(probe)
        pending = pending[1:]
        per_cell = max(probe[0]["seconds"], 1e-5)
        size = max(1, min(math.ceil(TARGET_TASK_SECONDS / per_cell),
                          math.ceil(len(pending) / (4 * n_workers)) or 1))
    size = size or 1
    batches = _batches(pending, size)
    setup = 0.0
    if not batches:
        method = "nothing left to compute"
    elif scheduler is None and workers == 1:
        method = "dask synchronous scheduler"
        _run_synchronous(a, sp, outcomes, batches, store)
    else:
        method = (f"dask.distributed at {scheduler}" if scheduler is not None else
                  f"dask.distributed LocalCluster(n_workers={workers}, threads_per_worker=1, "
                  "processes=True)")
        setup = _run_distributed(a, sp, outcomes, batches, store, workers, remote)
    if remote is not None and not batches:
        remote.close()
    table = storage.consolidate(out_path, schema, order, sp.to_dict())
    df = table.to_pandas()
    failed = int((df["status"] == "failed").sum())
    return SweepResult(df, failed, out_path, total, total - resumed, resumed, size, method,
                       {"wall": time.perf_counter() - start, "setup": setup,
                        "compute": compute}, sp)


def _run_synchronous(a: Analysis, sp: SweepSpec, outcomes: Mapping[str, type],
                     batches: list[list[Cell]], store: Callable[[list[dict]], None]) -> None:
    import dask

    for batch in batches:
        task = dask.delayed(run_batch, pure=False)(a.fn, sp.imports, outcomes, _payload(batch))
        (rows,) = dask.compute(task, scheduler="synchronous")
        store(rows)


def _modules(a: Analysis, sp: SweepSpec) -> tuple[str, ...]:
    mod = getattr(a.fn, "__module__", None)
    return tuple(sp.imports) + ((mod,) if mod and mod != "__main__" else ())


def _warm(modules: tuple[str, ...]) -> None:
    """Import the analysis' modules on a worker before tasks arrive (counted as setup)."""
    for m in modules:
        importlib.import_module(m)


def _connect(scheduler: str) -> Any:
    """A client of the running dask.distributed scheduler at ``scheduler`` (InputError if none)."""
    from dask.distributed import Client

    try:
        return Client(scheduler, timeout="10s")
    except OSError as exc:
        raise InputError("scheduler", f"cannot connect to {scheduler!r} ({exc})",
                         "start the scheduler or check the address") from None


def _run_distributed(a: Analysis, sp: SweepSpec, outcomes: Mapping[str, type],
                     batches: list[list[Cell]], store: Callable[[list[dict]], None],
                     workers: int | None, client: Any = None) -> float:
    """Run ``batches`` on ``client`` (a connected remote scheduler), or on a LocalCluster of
    ``workers`` processes started here; returns the set-up seconds. Closes the client."""
    from dask.distributed import Client, LocalCluster, as_completed

    t0 = time.perf_counter()
    cluster = None
    if client is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        client.run(_warm, _modules(a, sp))
        setup = time.perf_counter() - t0
        batch_of = {}
        retried: set[int] = set()

        def submit(k: int) -> Any:
            fut = client.submit(run_batch, a.fn, sp.imports, outcomes, _payload(batches[k]),
                                pure=False)
            batch_of[fut.key] = k
            return fut

        pending = as_completed([submit(k) for k in range(len(batches))])
        for fut in pending:
            k = batch_of.pop(fut.key)
            try:
                rows = fut.result()
            except Exception as exc:  # noqa: BLE001 (a lost task fails its cells only)
                if type(exc).__name__ == "KilledWorker" and k not in retried:
                    # a worker died while holding this batch, possibly because of another
                    # batch: run it once more on its own before recording it as failed
                    retried.add(k)
                    fut.release()
                    pending.add(submit(k))
                    continue
                rows = _failed_rows(batches[k], outcomes, f"task failed: {type(exc).__name__}: "
                                    f"{exc}")
            fut.release()
            store(rows)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return setup


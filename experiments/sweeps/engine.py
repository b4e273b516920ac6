"""The sweep engine: cells batched into Dask tasks, results stored as they finish.

Execution backends (all Dask; nothing home-made):

* ``workers == 1`` (no scheduler): the Dask *synchronous* scheduler in this process, one batch
  at a time (no cluster to start; exceptions and profilers behave as in plain Python);
* ``workers > 1``: an embedded ``dask.distributed.LocalCluster(n_workers=workers,
  threads_per_worker=1, processes=True)``, started and stopped by the sweep;
* ``scheduler="tcp://host:8786"``: a running ``dask.distributed`` cluster (the workers must be
  able to import benchgame and the modules listed under ``imports``).

Cells are grouped into batches of ``batch_size`` (default: sized as they are handed out from
the median time of the cells finished so far, about 0.2 s of cells per task in this process and
1 s on a cluster, where each task also costs a round trip and a Parquet part, and smaller towards
the end so that the workers finish together; :mod:`~benchgame.experiments.sweeps.batch_queue`).
The worker count, when not given, and where cells run while an embedded cluster starts are
chosen in :mod:`~benchgame.experiments.sweeps.execution`. A cell
that raises is recorded with ``status = "failed"`` and its error; the other cells are unaffected. A
batch lost with a dying worker process (``KilledWorker``) is submitted once more, since it may only
have shared the worker with the batch that killed it; lost again, its cells are recorded as failed.
Each finished batch is written as an atomic Parquet part, so an interruption loses at most the
batches in flight and ``resume=True`` recomputes only missing cells (and failed ones, unless
``keep_failed=True``). Cells are deterministic functions of ``(params, seed)`` and the final table
is ordered by cell, so a resumed sweep's table equals an uninterrupted one (apart from the
``seconds`` timing column).

Data safety: nothing is written before the whole specification validates; one run at a time
writes an output (:mod:`~benchgame.experiments.sweeps.output_lock`); ``resume=True`` refuses a
specification whose cells differ from the stored one; ``overwrite=True`` computes into a separate
folder and replaces the table only when every cell is stored; only files this tool wrote are ever
replaced (:mod:`~benchgame.experiments.sweeps.output_state`).

A batch is run by :func:`benchgame.experiments.sweeps.batches.run_batch` (re-exported here) and
the backends are in :mod:`benchgame.experiments.sweeps.dask_backends`.
"""

from __future__ import annotations

import importlib
import os
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchgame.core.serialize import to_jsonable
from benchgame.core.validation import InputError
from benchgame.experiments.sweeps import output_state, storage
from benchgame.experiments.sweeps.batches import run_batch
from benchgame.experiments.sweeps.cells import Cell, expand
from benchgame.experiments.sweeps.dask_backends import connect
from benchgame.experiments.sweeps.execution import (
    CLUSTER_PAYS_OFF_SECONDS,
    auto_workers,
    execute,
)
from benchgame.experiments.sweeps.output_lock import output_lock
from benchgame.experiments.sweeps.spec import SweepSpec, load_spec, parse_spec

__all__ = ["CLUSTER_PAYS_OFF_SECONDS", "SweepResult", "auto_workers", "coerce_spec", "run_batch",
           "run_sweep"]

Progress = Callable[[int, int], None]


@dataclass(frozen=True, eq=False)
class SweepResult:
    """Outcome of :func:`run_sweep`.

    Parameters
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
        Cells in the largest Dask task (the specification's ``batch_size`` when it fixes one).
    method : str
        The Dask backend used.
    timings : mapping, default {}
        Seconds: ``wall``; on a cluster ``setup`` (its start, the workers' imports and a first
        cell on every worker), ``tail`` (from the first worker left without a task to the last
        result), ``close`` (waiting for the cluster to stop after the final table is written),
        ``setup_cells_cpu`` and ``setup_process_cpu`` (CPU times of the cells computed during
        the setup and of this process during it); ``write`` (storing the parts),
        ``consolidate`` (the final table), ``compute`` and ``cpu`` (sums of the cells' wall and
        CPU times in this run); and ``setup_cells``, the cells computed during the setup.
    spec : SweepSpec, optional
        The specification that was run.
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
        """Whether every cell finished without error."""
        return self.failed == 0

    def to_frame(self) -> Any:
        """The sweep's table, one row per cell.

        Returns
        -------
        pandas.DataFrame
            ``table`` indexed by ``cell`` (the cell's number in sweep order): columns
            ``cell_id, <parameters>, seed, status, error, <outcomes>, seconds``.

        Examples
        --------
        >>> import tempfile
        >>> from pathlib import Path
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     res = run_sweep({"analysis": "leaderboard", "output": str(Path(tmp) / "t.parquet"),
        ...                      "seeds": 1, "parameters": {"delta": [0.0, 1000.0],
        ...                      "developers": [3], "threshold": [False]}}, workers=1)
        >>> res.to_frame()[["delta", "seed", "status", "works"]]
               delta  seed status  works
        cell
        0        0.0     0     ok  False
        1     1000.0     0     ok   True
        """
        return self.table.set_index("cell")

    def to_dict(self) -> dict:
        """A summary of the run as JSON-safe data (the table itself is in the Parquet file).

        Returns
        -------
        dict
            ``path``, ``cells``, ``computed``, ``resumed``, ``failed``, ``ok``,
            ``batch_size``, ``method``, ``timings``, ``columns`` (of the table) and ``spec``
            (the specification, ``None`` when not recorded).

        Examples
        --------
        >>> import tempfile
        >>> from pathlib import Path
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     res = run_sweep({"analysis": "leaderboard", "output": str(Path(tmp) / "t.parquet"),
        ...                      "seeds": 1, "parameters": {"delta": [0.0, 1000.0],
        ...                      "developers": [3], "threshold": [False]}}, workers=1)
        >>> d = res.to_dict()
        >>> d["cells"], d["failed"], d["ok"], d["spec"]["analysis"]
        (2, 0, True, 'leaderboard')
        """
        return to_jsonable({"path": self.path, "cells": self.cells, "computed": self.computed,
                            "resumed": self.resumed, "failed": self.failed, "ok": self.ok,
                            "batch_size": self.batch_size, "method": self.method,
                            "timings": self.timings, "columns": list(self.table.columns),
                            "spec": None if self.spec is None else self.spec.to_dict()})


def coerce_spec(spec: SweepSpec | Mapping[str, Any] | str | os.PathLike[str], *,
                allow_imports: bool = False) -> SweepSpec:
    """Turn a specification, a dict (parsed TOML) or the path of a TOML file into a SweepSpec.

    A dict or file that lists ``imports`` needs ``allow_imports=True``; a :class:`SweepSpec`
    object was already accepted and its modules are imported.

    Parameters
    ----------
    spec : SweepSpec, mapping, str or os.PathLike
        The specification, as an object, a parsed document or a TOML file.
    allow_imports : bool, default False
        Consent to import the modules a dict or file lists under ``imports``.

    Returns
    -------
    SweepSpec
        The validated specification.

    Raises
    ------
    InputError
        If ``spec`` is of another type, or is not a valid specification.

    Examples
    --------
    >>> sweep = coerce_spec({"analysis": "leaderboard", "output": "lb.parquet",
    ...                      "parameters": {"delta": [0.0]}})
    >>> coerce_spec(sweep) is sweep, sweep.seeds
    (True, (0,))
    """
    if isinstance(spec, SweepSpec):
        for m in spec.imports:
            importlib.import_module(m)
        return spec
    if isinstance(spec, Mapping):
        return parse_spec(spec, allow_imports=allow_imports)
    if isinstance(spec, (str, os.PathLike)):
        return load_spec(spec, allow_imports=allow_imports)
    raise InputError("spec", f"is a {spec.__class__.__name__}",
                     "give a SweepSpec, a dict or the path of a TOML file")


def _batches(cells: list[Cell], size: int) -> list[list[Cell]]:
    return [cells[k:k + size] for k in range(0, len(cells), size)]


def run_sweep(spec: SweepSpec | Mapping[str, Any] | str | os.PathLike[str], *,
              workers: int | None = None, scheduler: str | None = None, resume: bool = False,
              overwrite: bool = False, progress: Progress | None = None,
              output: str | os.PathLike[str] | None = None,
              allow_imports: bool = False, keep_failed: bool = False) -> SweepResult:
    """Run a sweep and write its Parquet table.

    Parameters
    ----------
    spec : SweepSpec, mapping, str or os.PathLike
        The specification, as an object, a parsed document or a TOML file (see
        :mod:`benchgame.experiments.sweeps.spec`).
    workers : int, optional
        Local worker processes. 1 uses Dask's synchronous scheduler in this process. Default
        (:func:`auto_workers`): two cells are timed here, then 1 when the faster time times
        the remaining cells is below ``CLUSTER_PAYS_OFF_SECONDS`` (10 s), else the number of
        CPUs, with cells running here until the cluster has started. Ignored when
        ``scheduler`` is given.
    scheduler : str, optional
        Address of a running ``dask.distributed`` scheduler.
    resume : bool, default False
        Keep the cells already stored (parts of an interrupted run, or the final table) and
        compute only the others; refused when the specification's cells differ from the
        stored one's.
    overwrite : bool, default False
        Replace earlier results: they stay in place until every cell of this run is stored.
    progress : callable, optional
        ``progress(cells_done, cells_total)``, called once at the start (with the resumed
        count) and after every finished batch.
    output : str or os.PathLike, optional
        Overrides the specification's ``output``.
    allow_imports : bool, default False
        Consent to import the modules a dict or file specification lists under ``imports``.
    keep_failed : bool, default False
        With ``resume``, keep stored failed cells instead of computing them again.

    Returns
    -------
    SweepResult
        The final table (also written to the specification's ``output``), with counts, the
        backend and timings.

    Raises
    ------
    InputError
        Bad specification, the output exists without ``resume``/``overwrite``, ``resume``
        with another specification, another run writing the output, or an output path that
        is not this tool's; nothing is written in that case.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     res = run_sweep({"analysis": "leaderboard", "output": str(Path(tmp) / "lb.parquet"),
    ...                      "seeds": 2, "parameters": {"delta": [0.0, 1000.0],
    ...                                                 "developers": [3], "threshold": [False]}},
    ...                     workers=1)
    ...     print(res.cells, res.failed, res.method, res.path.name, res.path.is_file())
    ...     print(res.table[["delta", "seed", "pure_status", "works"]].to_string(index=False))
    4 0 dask synchronous scheduler lb.parquet True
     delta  seed pure_status  works
       0.0     0        none  False
       0.0     1        none  False
    1000.0     0      unique   True
    1000.0     1        none  False
    """
    start = time.perf_counter()
    sp = coerce_spec(spec, allow_imports=allow_imports)
    if output is not None:
        sp = sp.with_output(output)
    if scheduler is None:
        if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int)
                                    or workers < 1):
            raise InputError("workers", f"is {workers!r}", "give an integer >= 1")
    elif not isinstance(scheduler, str) or not scheduler:
        raise InputError("scheduler", f"is {scheduler!r}", "give an address like "
                         "tcp://127.0.0.1:8786")
    a = sp.get_analysis()
    cells = expand(sp, a)
    schema = storage.arrow_schema(a)
    storage.check_cells(cells, schema)
    out_path = sp.output
    storage.check_output(out_path, resume, overwrite)
    with output_lock(out_path):
        return _locked_run(sp, a, cells, schema, workers, scheduler, resume, overwrite,
                           keep_failed, progress, start)


def _locked_run(sp: SweepSpec, a: Any, cells: list[Cell], schema: Any, workers: int | None,
                scheduler: str | None, resume: bool, overwrite: bool, keep_failed: bool,
                progress: Progress | None, start: float) -> SweepResult:
    out_path = sp.output
    spec_doc = sp.to_dict()
    state = output_state.survey(out_path)
    output_state.check_request(out_path, state, spec_doc, resume, overwrite)
    remote = connect(scheduler) if scheduler is not None else None  # fail before writing
    # ---- from here on files are written ----
    output_state.clean(out_path, state)
    work = output_state.beside(out_path, "staging" if overwrite else "parts")
    done = (storage.read_done(out_path, schema, work) if resume else schema.empty_table())
    ok = [s == "ok" or keep_failed for s in done.column("status").to_pylist()]
    done_ids = {cid for cid, k in zip(done.column("cell_id").to_pylist(), ok, strict=True) if k}
    order = {c.cell_id: c.index for c in cells}
    resumed = len(done_ids & set(order))
    pending = [c for c in cells if c.cell_id not in done_ids]
    run = uuid.uuid4().hex
    storage.write_manifest(work, {"schema": output_state.MANIFEST_SCHEMA, "spec": spec_doc,
                                  "cells": len(cells), "run": run})
    outcomes = {k: o.kind for k, o in a.outcomes.items()}
    total = len(cells)
    count = resumed
    if progress is not None:
        progress(count, total)
    compute = cpu = write = 0.0

    def store(rows: list[dict]) -> None:
        nonlocal count, compute, cpu, write
        writing = time.perf_counter()
        storage.write_part(work, rows, schema)
        write += time.perf_counter() - writing
        count += len(rows)
        compute += sum(r["seconds"] for r in rows)
        cpu += sum(r.get("cpu_seconds", 0.0) for r in rows)
        if progress is not None:
            progress(count, total)

    consolidated = 0.0

    def consolidate() -> Any:
        nonlocal consolidated
        t = time.perf_counter()
        table = storage.consolidate(out_path, schema, order, spec_doc, work,
                                    include_table=not overwrite, run=run)
        consolidated = time.perf_counter() - t
        return table

    method, size, timings, table = execute(a, sp, outcomes, pending, store, workers, scheduler,
                                           remote, then=consolidate)
    output_state.finish(out_path, work)
    df = table.to_pandas()
    failed = int((df["status"] == "failed").sum())
    end = time.perf_counter()
    return SweepResult(df, failed, out_path, total, total - resumed, resumed, size, method,
                       {"wall": end - start, **timings, "compute": compute, "cpu": cpu,
                        "write": write, "consolidate": consolidated}, sp)

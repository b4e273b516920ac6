"""Execution of sweep batches on Dask: the synchronous scheduler, or a ``dask.distributed``
cluster (an embedded ``LocalCluster`` or a running scheduler).

Each batch is one task running :func:`~benchgame.experiments.sweeps.batches.run_batch`; its
rows go to the ``store`` callback as soon as the task finishes, so an interrupted sweep loses at
most the batches in flight. Batches are taken from a
:class:`~benchgame.experiments.sweeps.batch_queue.BatchQueue` as they are submitted, two per
worker thread at a time, so their sizes follow the cell times measured so far. On a cluster, a
batch lost with a dying worker (``KilledWorker``) is
submitted once more, since it may only have shared the worker with the batch that killed it;
lost again, its cells are recorded as failed. The embedded cluster listens on 127.0.0.1 only,
over TLS with credentials made for it (:func:`local_cluster_security`).
"""

from __future__ import annotations

import gc
import importlib
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from benchgame.core.validation import InputError
from benchgame.experiments.sweeps.batch_queue import BatchQueue
from benchgame.experiments.sweeps.batches import cell_tuples, failed_rows, run_batch
from benchgame.experiments.sweeps.cells import Cell
from benchgame.experiments.sweeps.local_cluster import LocalClusterStart, local_cluster_security
from benchgame.experiments.sweeps.registry import Analysis
from benchgame.experiments.sweeps.spec import SweepSpec

__all__ = ["compute_here", "connect", "local_cluster_security", "modules_to_import",
           "run_distributed", "run_synchronous"]

Store = Callable[[list[dict]], None]
TARGET_TASK_SECONDS = 0.2
"""Batch length in this process (the progress bar and the stored parts advance this often)."""
CLUSTER_TASK_SECONDS = 1.0
"""Batch length on a cluster: each task also costs a round trip and a Parquet part."""
IN_FLIGHT_PER_WORKER = 2
"""Tasks queued per worker thread: one running, one ready to start when it finishes."""


def compute_here(a: Analysis, sp: SweepSpec, outcomes: Mapping[str, type],
                 batch: list[Cell]) -> list[dict]:
    """Run one batch in this process on Dask's synchronous scheduler.

    Parameters
    ----------
    a : Analysis
        The analysis of the sweep.
    sp : SweepSpec
        The specification (its ``imports`` are imported by the task).
    outcomes : mapping
        Each declared outcome column and its type.
    batch : list of Cell
        The cells of the batch.

    Returns
    -------
    list of dict
        The rows of :func:`~benchgame.experiments.sweeps.batches.run_batch`.
    """
    import dask

    task = dask.delayed(run_batch, pure=False)(a.fn, sp.imports, outcomes, cell_tuples(batch))
    (rows,) = dask.compute(task, scheduler="synchronous")
    return rows


def run_synchronous(a: Analysis, sp: SweepSpec, outcomes: Mapping[str, type],
                    queue: BatchQueue, store: Store,
                    stop: Callable[[], bool] | None = None) -> int:
    """Run batches of about 0.2 s one at a time in this process (Dask synchronous scheduler).

    Parameters
    ----------
    a : Analysis
        The analysis of the sweep.
    sp : SweepSpec
        The specification (its ``imports`` are imported by each task).
    outcomes : mapping
        Each declared outcome column and its type.
    queue : BatchQueue
        The pending cells; batches are taken from it in order.
    store : callable
        Called with the rows of each batch as soon as it finishes.
    stop : callable, optional
        Asked before each batch; the run ends when it returns True (default: when the queue
        is empty).

    Returns
    -------
    int
        Cells computed.
    """
    done = 0
    while queue.remaining and not (stop is not None and stop()):
        rows = compute_here(a, sp, outcomes, queue.take(1, TARGET_TASK_SECONDS))
        queue.observe(rows)
        store(rows)
        done += len(rows)
    return done


def modules_to_import(a: Analysis, sp: SweepSpec) -> tuple[str, ...]:
    """The modules a worker imports before running cells of this sweep.

    Parameters
    ----------
    a : Analysis
        The analysis of the sweep (its function's module).
    sp : SweepSpec
        The specification (its ``imports``, which the user consented to).

    Returns
    -------
    tuple of str
        The specification's ``imports``, then the analysis function's module (unless it is
        ``__main__``, which workers cannot import by name).
    """
    mod = getattr(a.fn, "__module__", None)
    return tuple(sp.imports) + ((mod,) if mod and mod != "__main__" else ())


def _warm(modules: tuple[str, ...]) -> None:
    """Import the analysis' modules on a worker before tasks arrive (counted as setup)."""
    for m in modules:
        importlib.import_module(m)


def connect(scheduler: str) -> Any:
    """Connect a client to the running ``dask.distributed`` scheduler at ``scheduler``.

    Parameters
    ----------
    scheduler : str
        Address of the scheduler, e.g. ``"tcp://127.0.0.1:8786"``.

    Returns
    -------
    dask.distributed.Client
        The connected client (closed by :func:`run_distributed`).

    Raises
    ------
    InputError
        If no scheduler answers within 10 seconds.
    """
    from urllib.parse import urlsplit

    from dask.distributed import Client

    try:  # refuse a malformed address at once rather than after a 10 s timeout
        parts = urlsplit(scheduler if "://" in scheduler else f"tcp://{scheduler}")
        # in-process schedulers (inproc://host/pid/n) have no port
        has_port = parts.port is not None or parts.scheme == "inproc"
        ok = bool(parts.hostname) and has_port and not any(c.isspace() for c in scheduler)
    except ValueError:
        ok = False
    if not ok:
        raise InputError("--scheduler", f"is {scheduler!r}, not a scheduler address",
                         "give host:port with a port in 1..65535, e.g. tcp://10.0.0.5:8786")
    try:
        return Client(scheduler, timeout="10s")
    except (OSError, ValueError, OverflowError, TypeError) as exc:  # unreachable or malformed
        reason = str(exc)
    # Close the half-made client now: left to a later garbage collection, its __del__ can run
    # inside another Client's start-up and deadlock on the event-loop lock.
    gc.collect()
    raise InputError("--scheduler", f"cannot connect to {scheduler!r} ({reason})",
                     "start the scheduler or give its address, e.g. tcp://10.0.0.5:8786")


def run_distributed(a: Analysis, sp: SweepSpec, outcomes: Mapping[str, type],
                    queue: BatchQueue, store: Store, workers: int | None, client: Any = None,
                    compute_while_starting: bool = False,
                    then: Callable[[], Any] | None = None) -> tuple[dict[str, float], Any]:
    """Run the pending cells on a ``dask.distributed`` cluster, storing each batch as it finishes.

    Batches are taken from ``queue`` as workers free up (two tasks queued per worker thread),
    so their sizes follow the measured cell times: about 1 s of cells each, smaller towards the
    end so that the workers finish together.

    Parameters
    ----------
    a : Analysis
        The analysis of the sweep.
    sp : SweepSpec
        The specification (its ``imports`` are imported by every worker first).
    outcomes : mapping
        Each declared outcome column and its type.
    queue : BatchQueue
        The pending cells.
    store : callable
        Called with the rows of each batch as soon as it finishes (in completion order).
    workers : int or None
        Worker processes of the ``LocalCluster`` started here when ``client`` is None.
    client : dask.distributed.Client, optional
        A client connected to a running scheduler (:func:`connect`); it is closed at the end.
    compute_while_starting : bool, default False
        Run batches in this process while the local cluster starts (a crash of a cell then
        stops the sweep, as with one worker).
    then : callable, optional
        Run here after the last batch is stored, while the cluster stops (the sweep's final
        table is written meanwhile).

    Returns
    -------
    tuple
        The timings, in seconds: ``setup`` (starting the cluster, the workers' imports and the
        first cell on every worker, which pays its process' first-use costs), ``tail`` (from
        the first worker thread left without a task to the last result), ``close`` (waiting
        for the client and cluster to stop after ``then``), and ``setup_cells``, the cells
        computed during the setup (here while the cluster started, and the workers' first
        cells), ``setup_cells_cpu`` (their CPU time) and ``setup_process_cpu`` (this process'
        CPU time during the setup); and the value of ``then()`` (None without it).
    """
    from dask.distributed import as_completed, wait

    t0, cpu0 = time.perf_counter(), time.process_time()
    start = LocalClusterStart(workers or 1, modules_to_import(a, sp)) if client is None else None
    here, here_cpu = 0, 0.0
    tail_from = None
    try:
        if start is not None:
            if compute_while_starting:
                here = run_synchronous(a, sp, outcomes, queue, store, stop=start.ready)
                here_cpu = time.process_time() - cpu0
            client = start.client()
        else:
            client.run(_warm, modules_to_import(a, sp))
        nthreads = client.nthreads()
        threads = sum(nthreads.values()) or 1
        batch_of: dict[str, list[Cell]] = {}
        retried: set[int] = set()
        pending = as_completed()

        def submit(batch: list[Cell], **where: Any) -> Any:
            fut = client.submit(run_batch, a.fn, sp.imports, outcomes, cell_tuples(batch),
                                pure=False, **where)
            batch_of[fut.key] = batch
            return fut

        def finish(fut: Any) -> list[dict] | None:
            batch = batch_of.pop(fut.key)
            try:
                rows = fut.result()
            except Exception as exc:  # noqa: BLE001 (a lost task fails its cells only)
                fut.release()
                if type(exc).__name__ == "KilledWorker" and batch[0].index not in retried:
                    # a worker died while holding this batch, possibly because of another
                    # batch: run it once more before recording it as failed
                    retried.add(batch[0].index)
                    pending.add(submit(batch))
                    return None
                return failed_rows(batch, outcomes, f"task failed: {type(exc).__name__}: {exc}")
            fut.release()
            queue.observe(rows)
            return rows

        # set-up ends with one cell on every worker: its first cell pays the process'
        # first-use costs (lazily imported modules, compiled-code caches); the rows are kept
        first = [submit(queue.take(threads, CLUSTER_TASK_SECONDS, limit=1), workers=[w],
                        allow_other_workers=True) for w in nthreads if queue.remaining]
        wait(first)
        for fut in first:
            rows = finish(fut)
            if rows is not None:
                store(rows)
                here += len(rows)
                here_cpu += sum(r.get("cpu_seconds", 0.0) for r in rows)
        setup, setup_process = time.perf_counter() - t0, time.process_time() - cpu0
        while queue.remaining and pending.count() < IN_FLIGHT_PER_WORKER * threads:
            pending.add(submit(queue.take(threads, CLUSTER_TASK_SECONDS)))
        for fut in pending:
            rows = finish(fut)
            if rows is None:
                continue
            if queue.remaining:  # the next batch goes out before this one is written
                pending.add(submit(queue.take(threads, CLUSTER_TASK_SECONDS)))
            elif tail_from is None and pending.count() < threads:
                tail_from = time.perf_counter()
            store(rows)
        end = time.perf_counter()
    except BaseException:
        _close(start, client)
        raise
    # every result is stored: the cluster stops while ``then`` runs here
    with ThreadPoolExecutor(1, thread_name_prefix="benchgame-cluster-close") as pool:
        closed = pool.submit(_close, start, client)
        result = then() if then is not None else None
        waiting = time.perf_counter()
        closed.result()
    return ({"setup": setup, "setup_cells": float(here), "setup_cells_cpu": here_cpu,
             "setup_process_cpu": setup_process,
             "tail": 0.0 if tail_from is None else end - tail_from,
             "close": time.perf_counter() - waiting}, result)


def _close(start: LocalClusterStart | None, client: Any) -> None:
    if start is not None:
        start.close()
    elif client is not None:
        client.close()

"""Execution of sweep batches on Dask: the synchronous scheduler, or a ``dask.distributed``
cluster (an embedded ``LocalCluster`` or a running scheduler).

Each batch is one task running :func:`~benchgame.experiments.sweeps.batches.run_batch`; its
rows go to the ``store`` callback as soon as the task finishes, so an interrupted sweep loses at
most the batches in flight. On a cluster, a batch lost with a dying worker (``KilledWorker``) is
submitted once more, since it may only have shared the worker with the batch that killed it;
lost again, its cells are recorded as failed. The embedded cluster listens on 127.0.0.1 only,
over TLS with credentials made for it (:func:`local_cluster_security`).
"""

from __future__ import annotations

import gc
import importlib
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any

from benchgame.core.validation import InputError
from benchgame.experiments.sweeps.batches import cell_tuples, failed_rows, run_batch
from benchgame.experiments.sweeps.cells import Cell
from benchgame.experiments.sweeps.registry import Analysis
from benchgame.experiments.sweeps.spec import SweepSpec

__all__ = ["connect", "local_cluster_security", "run_distributed", "run_synchronous"]

Store = Callable[[list[dict]], None]


def run_synchronous(a: Analysis, sp: SweepSpec, outcomes: Mapping[str, type],
                    batches: list[list[Cell]], store: Store) -> None:
    """Run the batches one at a time in this process with Dask's synchronous scheduler.

    Parameters
    ----------
    a : Analysis
        The analysis of the sweep.
    sp : SweepSpec
        The specification (its ``imports`` are imported by each task).
    outcomes : mapping
        Each declared outcome column and its type.
    batches : list of list of Cell
        The batches to run, in order.
    store : callable
        Called with the rows of each batch as soon as it finishes.
    """
    import dask

    for batch in batches:
        task = dask.delayed(run_batch, pure=False)(a.fn, sp.imports, outcomes,
                                                   cell_tuples(batch))
        (rows,) = dask.compute(task, scheduler="synchronous")
        store(rows)


def _modules(a: Analysis, sp: SweepSpec) -> tuple[str, ...]:
    mod = getattr(a.fn, "__module__", None)
    return tuple(sp.imports) + ((mod,) if mod and mod != "__main__" else ())


def _warm(modules: tuple[str, ...]) -> None:
    """Import the analysis' modules on a worker before tasks arrive (counted as setup)."""
    for m in modules:
        importlib.import_module(m)


def local_cluster_security() -> dict[str, Any]:
    """Keyword arguments that confine an embedded ``LocalCluster`` to this sweep.

    The scheduler and workers listen on the loopback interface only (``127.0.0.1``), and speak
    TLS with a certificate made for this cluster alone
    (``distributed.security.Security.temporary()``, which needs ``cryptography``): every
    connection must present it, so another local user or process cannot submit tasks (which
    would run code as the user running the sweep) or read results.

    Returns
    -------
    dict
        ``host``, ``protocol`` and ``security`` for ``LocalCluster``.

    Examples
    --------
    >>> kw = local_cluster_security()
    >>> kw["host"], kw["protocol"], kw["security"].require_encryption
    ('127.0.0.1', 'tls://', True)
    """
    from distributed.security import Security

    return {"host": "127.0.0.1", "protocol": "tls://", "security": Security.temporary()}


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
                    batches: list[list[Cell]], store: Store,
                    workers: int | None, client: Any = None) -> float:
    """Run the batches on a ``dask.distributed`` cluster, storing each as it finishes.

    Parameters
    ----------
    a : Analysis
        The analysis of the sweep.
    sp : SweepSpec
        The specification (its ``imports`` are imported by every worker first).
    outcomes : mapping
        Each declared outcome column and its type.
    batches : list of list of Cell
        The batches to run; each is one task.
    store : callable
        Called with the rows of each batch as soon as it finishes (in completion order).
    workers : int or None
        Worker processes of the ``LocalCluster`` started here when ``client`` is None.
    client : dask.distributed.Client, optional
        A client connected to a running scheduler (:func:`connect`); it is closed at the end.

    Returns
    -------
    float
        Set-up seconds: starting the cluster, importing the analysis' modules on the workers
        and running one cell on each (its first-use costs; the row is not stored).
    """
    from dask.distributed import Client, LocalCluster, as_completed

    t0 = time.perf_counter()
    cluster = None
    if client is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR,
                               **local_cluster_security())
        client = Client(cluster)
    try:
        client.run(_warm, _modules(a, sp))
        # one cell on every worker, so that first-use costs (modules loaded lazily, cached
        # derivations) are paid once per worker before the batches, as set-up
        try:  # a cell that kills its worker is left to the batches' own handling
            client.run(run_batch, a.fn, sp.imports, outcomes, cell_tuples(batches[0][:1]))
        except Exception:  # noqa: BLE001
            pass
        setup = time.perf_counter() - t0
        batch_of = {}
        retried: set[int] = set()

        def submit(k: int) -> Any:
            fut = client.submit(run_batch, a.fn, sp.imports, outcomes, cell_tuples(batches[k]),
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
                rows = failed_rows(batches[k], outcomes, f"task failed: {type(exc).__name__}: "
                                   f"{exc}")
            fut.release()
            store(rows)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return setup

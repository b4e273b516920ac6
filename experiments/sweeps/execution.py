"""Where a sweep's pending cells run: the worker count, the timed first cells, the backend.

Without a worker count, the first two pending cells are timed in this process (the first pays
the process's first-use costs, the second is the estimate) and the sweep runs here when the
remaining cells are estimated under :data:`CLUSTER_PAYS_OFF_SECONDS`; otherwise an embedded
cluster of one worker per CPU starts in the background while cells go on running here, and takes
over the remaining cells once its workers are up. With an explicit ``workers > 1`` every cell
runs on the workers (a cell that crashes its process loses only its batch).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

from benchgame.experiments.sweeps.batch_queue import BatchQueue
from benchgame.experiments.sweeps.cells import Cell
from benchgame.experiments.sweeps.dask_backends import (
    TARGET_TASK_SECONDS,
    Store,
    compute_here,
    run_distributed,
    run_synchronous,
)
from benchgame.experiments.sweeps.registry import Analysis
from benchgame.experiments.sweeps.spec import SweepSpec

__all__ = ["CLUSTER_PAYS_OFF_SECONDS", "auto_workers", "execute", "probe"]

CLUSTER_PAYS_OFF_SECONDS = 10.0
"""Below this much estimated compute a sweep without ``workers`` runs in this process."""


def auto_workers(estimate: float | None) -> int:
    """Worker processes for a sweep that does not say: 1 below ``CLUSTER_PAYS_OFF_SECONDS``.

    Starting the embedded cluster (processes, TLS, imports on every worker) costs seconds, so
    a sweep whose cells take less than :data:`CLUSTER_PAYS_OFF_SECONDS` in all (a timed cell's
    time times the number of cells) runs on the synchronous scheduler; a longer one, or one whose
    size is unknown (a fixed ``batch_size`` skips the timing), on one process per CPU.

    Parameters
    ----------
    estimate : float or None
        Estimated compute of the pending cells, in seconds.

    Returns
    -------
    int

    Examples
    --------
    >>> auto_workers(2.0)
    1
    >>> auto_workers(1e6) == (os.cpu_count() or 1)
    True
    """
    if estimate is not None and estimate < CLUSTER_PAYS_OFF_SECONDS:
        return 1
    return os.cpu_count() or 1


def probe(a: Analysis, sp: SweepSpec, outcomes: Mapping[str, type], queue: BatchQueue,
          store: Store) -> float | None:
    """Time up to two cells in this process and estimate the compute of the remaining ones.

    The first cell of a process pays first-use costs (lazy imports, caches), so the estimate is
    the faster of the two times the remaining cells. The timed cells are stored.

    Parameters
    ----------
    a : Analysis
        The analysis of the sweep.
    sp : SweepSpec
        The specification.
    outcomes : mapping
        Each declared outcome column and its type.
    queue : BatchQueue
        The pending cells (the timed ones are taken from it).
    store : callable
        Called with the rows of each timed cell.

    Returns
    -------
    float or None
        Estimated seconds of the remaining cells; None when no cell was pending.
    """
    seconds = []
    for _ in range(2):
        if not queue.remaining:
            break
        rows = compute_here(a, sp, outcomes, queue.take(1, TARGET_TASK_SECONDS, limit=1))
        queue.observe(rows)
        store(rows)
        seconds.append(max(rows[0]["seconds"], 1e-5))
    return min(seconds) * queue.remaining if seconds else None


def execute(a: Analysis, sp: SweepSpec, outcomes: Mapping[str, type], pending: list[Cell],
            store: Store, workers: int | None, scheduler: str | None, client: Any = None,
            then: Callable[[], Any] = lambda: None) -> tuple[str, int, dict[str, float], Any]:
    """Compute the pending cells on the chosen backend, storing each batch as it finishes.

    Parameters
    ----------
    a : Analysis
        The analysis of the sweep.
    sp : SweepSpec
        The specification (a fixed ``batch_size`` skips the timing).
    outcomes : mapping
        Each declared outcome column and its type.
    pending : list of Cell
        The cells to compute, in sweep order.
    store : callable
        Called with the rows of each finished batch.
    workers : int or None
        Local worker processes (None: :func:`auto_workers` on the :func:`probe` estimate).
    scheduler : str or None
        Address of the running scheduler ``client`` is connected to.
    client : dask.distributed.Client, optional
        A client connected to ``scheduler``.
    then : callable, optional
        Run once every cell is stored (while a cluster stops), e.g. writing the final table.

    Returns
    -------
    tuple
        The backend's description, the largest batch (cells per task), the timings of
        :func:`~benchgame.experiments.sweeps.dask_backends.run_distributed` (``setup``,
        ``setup_cells``, ``setup_cells_cpu``, ``setup_process_cpu``, ``tail``, ``close``;
        zeros in this process) and ``then()``.
    """
    queue = BatchQueue(pending, fixed_size=sp.batch_size)
    timings = dict.fromkeys(("setup", "setup_cells", "setup_cells_cpu", "setup_process_cpu",
                             "tail", "close"), 0.0)
    timed = False
    if scheduler is None and workers is None:
        timed = sp.batch_size is None
        workers = auto_workers(probe(a, sp, outcomes, queue, store) if timed else None)
    if not queue.remaining:
        if client is not None:
            client.close()
        method = "nothing left to compute" if not pending else "dask synchronous scheduler"
    elif scheduler is None and workers == 1:
        method = "dask synchronous scheduler"
        run_synchronous(a, sp, outcomes, queue, store)
    else:
        method = (f"dask.distributed at {scheduler}" if scheduler is not None else
                  f"dask.distributed LocalCluster(n_workers={workers}, threads_per_worker=1, "
                  "processes=True) on 127.0.0.1 over TLS")
        timings, result = run_distributed(a, sp, outcomes, queue, store, workers, client,
                                          compute_while_starting=timed, then=then)
        return method, sp.batch_size or queue.largest or 1, timings, result
    return method, sp.batch_size or queue.largest or 1, timings, then()

"""The embedded ``dask.distributed.LocalCluster`` of a sweep, started in the background.

Starting a local cluster (TLS credentials, worker processes, their imports) takes seconds, so
:class:`LocalClusterStart` starts it in a background thread and the sweep goes on meanwhile
(cells run in this process when the worker count was chosen by timing, and the caller asks
:meth:`LocalClusterStart.ready` between batches). Each worker imports the analysis' modules while
it starts (Dask worker ``preload``), so its first task does not wait for them. A worker that
has closed normally at the end of the sweep ends its process at once
(:mod:`~benchgame.experiments.sweeps.worker_exit`) instead of tearing down its imported modules,
which took 0.3-3 s per sweep. The cluster listens on 127.0.0.1 only, over TLS with credentials
made for it (:func:`local_cluster_security`).
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from benchgame.experiments.sweeps import worker_exit

__all__ = ["LocalClusterStart", "local_cluster_security"]


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


def _start(workers: int, preload: tuple[str, ...]) -> tuple[Any, Any]:
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR,
                           preload=[*preload, worker_exit.__name__],
                           **local_cluster_security())
    try:
        return cluster, Client(cluster)
    except BaseException:
        cluster.close()
        raise


class LocalClusterStart:
    """A ``LocalCluster`` of single-threaded worker processes, starting in a background thread.

    Parameters
    ----------
    workers : int
        Worker processes.
    preload : tuple of str
        Modules every worker imports while it starts (the analysis' module and the
        specification's ``imports``, which the user consented to).

    Examples
    --------
    >>> start = LocalClusterStart(1, ())
    >>> client = start.client()        # waits until the worker is connected
    >>> start.ready(), client.submit(sum, [1, 2]).result()
    (True, 3)
    >>> start.close()
    """

    def __init__(self, workers: int, preload: tuple[str, ...]) -> None:
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="benchgame-cluster-start")
        self._started = self._pool.submit(_start, workers, preload)

    def ready(self) -> bool:
        """Whether the start has finished (successfully or not), without waiting.

        Returns
        -------
        bool
        """
        return self._started.done()

    def client(self) -> Any:
        """The client of the started cluster, waiting for the start to finish.

        Returns
        -------
        dask.distributed.Client

        Raises
        ------
        Exception
            Whatever stopped the cluster from starting.
        """
        return self._started.result()[1]

    def close(self) -> None:
        """Close the client and the cluster (after the start has finished)."""
        try:
            cluster, client = self._started.result()
        except Exception:  # noqa: BLE001 (a failed start cleaned up after itself)
            return
        finally:
            self._pool.shutdown()
        client.close()
        cluster.close()

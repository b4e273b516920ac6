"""The embedded Dask cluster listens on loopback only, over TLS with credentials of its own: a
client without them (plain TCP, or another certificate) cannot connect."""

from __future__ import annotations

import logging

import pytest

from benchgame.experiments.sweeps.dask_backends import local_cluster_security


def test_cluster_settings_are_loopback_and_tls():
    kw = local_cluster_security()
    assert kw["host"] == "127.0.0.1" and kw["protocol"] == "tls://"
    sec = kw["security"]
    assert sec.require_encryption
    assert sec.tls_ca_file and sec.tls_scheduler_cert and sec.tls_worker_cert
    assert local_cluster_security()["security"].tls_ca_file != sec.tls_ca_file  # per cluster


def _connect(address: str, **connection_args) -> None:
    """Open (and close) a raw comm to ``address``, giving up after 20 s.

    Raw comms, not ``distributed.Client``: a Client that failed to connect is closed by its
    ``__del__`` on a later garbage collection, which can deadlock with another Client's start.
    """
    import asyncio

    from distributed.comm import connect

    async def attempt() -> None:
        comm = await connect(address, timeout="10s", **connection_args)
        await comm.close()

    asyncio.run(asyncio.wait_for(attempt(), 20))


def test_a_client_without_the_credentials_cannot_connect():
    from distributed import Client, LocalCluster
    from distributed.security import Security

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None, silence_logs=logging.ERROR,
                      **local_cluster_security()) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tls://127.0.0.1:")
        with Client(cluster) as ours:                          # the sweep's own client
            assert ours.submit(sum, [1, 2, 3]).result() == 6
        # this cluster's credentials connect
        _connect(address, **cluster.security.get_connection_args("client"))
        # refused (or, under load, timed out: never connected) without them
        with pytest.raises((TypeError, OSError)):              # no credentials at all
            _connect(address)
        other = Security.temporary().get_connection_args("client")
        with pytest.raises(OSError):                           # credentials of another cluster
            _connect(address, **other)
        with pytest.raises(OSError):                           # plain TCP to the TLS port
            _connect(address.replace("tls://", "tcp://"))

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
        # refused (or, under load, timed out: never connected) without this cluster's credentials
        with pytest.raises((TypeError, OSError)):              # no credentials at all
            Client(address, timeout="10s")
        with pytest.raises(OSError):                           # credentials of another cluster
            Client(address, security=Security.temporary(), timeout="10s")
        with pytest.raises(OSError):                           # plain TCP to the TLS port
            Client(address.replace("tls://", "tcp://"), timeout="10s")

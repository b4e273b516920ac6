"""Several claims checked at once, in worker processes when more than one core is free.

``run_claims(claims, examples, seed, jobs=N)`` runs each claim as :func:`run_claim` does and
returns the reports in the order of ``claims``, whatever order the workers finish them in: a
claim's report depends only on the claim, the number of examples and the seed (instance ``k`` is
drawn from ``default_rng([seed, k])``, never from global state), so ``jobs=2`` gives the reports
``jobs=1`` gives, their ``elapsed`` times aside.

Claims are handed out one at a time, in the order given, to ``N`` worker processes. On Linux the
workers are forked from this process after the claims are registered (no re-import); elsewhere
they are spawned. A worker returns its report with each counterexample's instance pickled; an
instance that does not pickle (it holds a function) is regenerated here from its seed and index
(or witness name), as a user reproduces it. A claim whose worker fails (a worker that dies, a
spawned worker that does not know a claim registered here) is run again in this process, so the
report is the one a sequential run gives; an interrupt stops the workers.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from functools import partial
from types import MappingProxyType
from typing import Any

from benchgame.core.validation import InputError
from benchgame.proofs_check.claim import Claim, Status
from benchgame.proofs_check.registry import get_claim
from benchgame.proofs_check.runner import (
    ClaimReport,
    Counterexample,
    ProbeReport,
    check_run_arguments,
    instance_rng,
    run_claim,
)

__all__ = ["MAX_JOBS", "check_jobs", "default_jobs", "run_claims", "usable_cores"]

MAX_JOBS = 256
"""The most worker processes :func:`run_claims` accepts."""

Progress = Callable[[str, int], None]


def usable_cores() -> int:
    """The number of CPU cores this process may run on.

    Returns
    -------
    int
        The size of the process's CPU affinity set where the system reports it (a container or
        ``taskset`` may allow fewer cores than the machine has), else ``os.cpu_count()``.

    Examples
    --------
    >>> usable_cores() >= 1
    True
    """
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def default_jobs(n_claims: int) -> int:
    """Worker processes for ``n_claims`` claims when the user does not say: one per usable core.

    Parameters
    ----------
    n_claims : int
        Claims to run (more workers than claims would idle).

    Returns
    -------
    int
        ``min(usable_cores(), n_claims, MAX_JOBS)``, at least 1.

    Examples
    --------
    >>> default_jobs(1)
    1
    """
    return max(1, min(usable_cores(), int(n_claims), MAX_JOBS))


def check_jobs(jobs: Any, field: str = "jobs") -> int:
    """``jobs`` as a number of worker processes, or an :class:`InputError` naming ``field``.

    Parameters
    ----------
    jobs : object
        The value given.
    field : str
        The name reported (``"--jobs"`` on the command line).

    Returns
    -------
    int
        ``jobs``, an integer from 1 to :data:`MAX_JOBS`.

    Raises
    ------
    InputError
        If ``jobs`` is not such an integer.

    Examples
    --------
    >>> check_jobs(2)
    2
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or not 1 <= jobs <= MAX_JOBS:
        raise InputError(field, f"is {jobs!r}", f"give an integer from 1 to {MAX_JOBS} (this "
                         f"machine has {usable_cores()} usable cores; 1 runs the claims in this "
                         "process)")
    return jobs


def _start_method() -> str:
    """``fork`` on Linux (the workers share the registered claims and loaded modules), else
    ``spawn`` (forking a process that uses the system's frameworks is unsafe on macOS)."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return "spawn"


def _pickled(instance: Any) -> bytes | None:
    """The instance pickled, or ``None`` when it does not pickle (it holds a lambda, say)."""
    try:
        return pickle.dumps(instance, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # pickle raises several types; the instance is then regenerated
        return None


def _cex_data(cex: Counterexample | None) -> tuple | None:
    if cex is None:
        return None
    return (cex.index, cex.witness, _pickled(cex.instance), dict(cex.description),
            cex.violated, dict(cex.numbers), cex.failed_hypotheses)


_FORKED: list[Claim] = []
"""The claims of the run in progress, which forked workers inherit (a claim need not be
registered to run in one); spawned workers start with this list empty and look claims up by id."""


def _run_in_worker(index: int, claim_id: str, examples: int | None, seed: int,
                   probe: bool) -> tuple:
    """A worker's run of one claim: the report's fields, the instances pickled."""
    claim = (_FORKED[index] if index < len(_FORKED) and _FORKED[index].id == claim_id
             else get_claim(claim_id))
    r = run_claim(claim, examples, seed, probe=probe)
    probe_data = (None if r.probe is None else
                  (r.probe.tried, _cex_data(r.probe.counterexample), r.probe.error))
    return (r.found.value, r.tried, r.examples, _cex_data(r.counterexample), probe_data,
            r.error, r.elapsed)


def _instance(claim: Claim, seed: int, index: int | None, witness: str | None,
              violating: bool) -> Any:
    """The instance a report names: a witness by name, or generated instance ``index``."""
    if index is None:
        return next(w.instance for w in claim.witnesses
                    if w.name == witness and w.violating == violating)
    gen = claim.generate_violating if violating else claim.generate
    assert gen is not None  # a generated counterexample came from this generator
    return gen(instance_rng(seed, index))


def _cex(claim: Claim, seed: int, data: tuple | None, violating: bool) -> Counterexample | None:
    if data is None:
        return None
    index, witness, pickled, description, violated, numbers, failed = data
    try:
        instance = pickle.loads(pickled)  # noqa: S301 - pickled by this run's worker
    except Exception:  # not pickled (None), or its class is unknown here
        instance = _instance(claim, seed, index, witness, violating)
    return Counterexample(seed=seed, index=index, witness=witness, instance=instance,
                          description=MappingProxyType(description), violated=violated,
                          numbers=MappingProxyType(numbers), failed_hypotheses=failed)


def _report(claim: Claim, seed: int, data: tuple) -> ClaimReport:
    found, tried, examples, cex, probe, error, elapsed = data
    probe_report = None if probe is None else ProbeReport(
        tried=probe[0], counterexample=_cex(claim, seed, probe[1], True), error=probe[2])
    return ClaimReport(claim=claim, found=Status(found), tried=tried, seed=seed,
                       examples=examples, counterexample=_cex(claim, seed, cex, False),
                       probe=probe_report, error=error, elapsed=elapsed)


def _instances_checked(r: ClaimReport) -> int:
    return r.tried + (0 if r.probe is None else r.probe.tried)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now (after an interrupt)."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in workers:
        proc.terminate()


def _in_workers(claims: list[Claim], examples: int | None, seed: int, probe: bool, jobs: int,
                progress: Progress | None) -> list[ClaimReport]:
    ctx = multiprocessing.get_context(_start_method())
    reports: list[ClaimReport | None] = [None] * len(claims)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
    _FORKED[:] = claims
    try:
        # with fork, every worker starts at the first submit, before any thread of the pool
        pending: dict[Future, int] = {
            pool.submit(_run_in_worker, i, c.id, examples, seed, probe): i
            for i, c in enumerate(claims)}
        _FORKED.clear()
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                i = pending.pop(fut)
                claim = claims[i]
                if fut.exception() is None:
                    rep = _report(claim, seed, fut.result())
                else:  # the sequential run's report (or its exception)
                    rep = run_claim(claim, examples, seed, probe=probe)
                reports[i] = rep
                if progress is not None:
                    progress(claim.id, _instances_checked(rep))
    except BaseException:
        _FORKED.clear()
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return [r for r in reports if r is not None]


def run_claims(
    claims: Sequence[Claim | str],
    examples: int | None = None,
    seed: int = 0,
    *,
    jobs: int | None = 1,
    probe: bool = True,
    progress: Progress | None = None,
) -> list[ClaimReport]:
    """Check several claims, in ``jobs`` worker processes, each as :func:`run_claim` does.

    Parameters
    ----------
    claims : sequence of Claim or str
        The claims or their registered ids.
    examples : int, optional
        Generated instances per claim (default: each claim's ``default_examples``).
    seed : int
        Run seed; the same seed gives the same reports whatever ``jobs`` is.
    jobs : int or None, default 1
        Worker processes; ``1`` runs the claims one after the other in this process, ``None``
        uses one per usable core (:func:`default_jobs`). Never more than the claims.
    probe : bool
        Run each claim's violation probe (default True).
    progress : callable ``(claim_id, k) -> None``, optional
        Told that ``k`` more instances of ``claim_id`` were checked: after each instance in
        this process, once per claim (all its instances) with workers.

    Returns
    -------
    list of ClaimReport
        One report per claim, in the order of ``claims``.

    Raises
    ------
    InputError
        If ``jobs``, ``examples`` or ``seed`` is out of range, or a claim id is unknown.

    References
    ----------
    ``benchgame verify`` runs every registered claim this way (``--jobs``).

    Examples
    --------
    >>> from benchgame.proofs_check import all_claims
    >>> claims = all_claims("marketplace.winrate")
    >>> one = run_claims(claims, seed=3)
    >>> two = run_claims(claims, seed=3, jobs=2)
    >>> [r.to_dict()["found"] for r in two] == [r.to_dict()["found"] for r in one]
    True
    >>> [r.claim.id for r in two] == [c.id for c in claims]
    True
    """
    items = [get_claim(c) if isinstance(c, str) else c for c in claims]
    n_jobs = default_jobs(len(items)) if jobs is None else min(check_jobs(jobs), len(items))
    check_run_arguments(examples, seed)
    if n_jobs > 1:
        return _in_workers(items, examples, int(seed), probe, n_jobs, progress)
    return [run_claim(c, examples, seed, probe=probe,
                      progress=None if progress is None else partial(progress, c.id))
            for c in items]

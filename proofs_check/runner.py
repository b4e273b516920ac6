"""Seeded, reproducible checking of claims.

``run_claim(claim, examples=N, seed=S)`` tries the claim's witnesses, then ``N`` generated
instances meeting its hypotheses (instance ``k`` drawn from ``default_rng([S, k])``), and stops at
the first counterexample. For a claim expected to hold it then runs the *violation probe*: the
same on instances that break a hypothesis, which must produce a counterexample, showing that the
check can fail. A report is ``ok`` when the status found equals the expected one and, for claims
expected to hold, the probe found its counterexample.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import numpy as np

from benchgame.core.serialize import html_repr, to_jsonable
from benchgame.core.validation import InputError
from benchgame.proofs_check.claim import Claim, Status
from benchgame.proofs_check.registry import get_claim

__all__ = [
    "ClaimReport",
    "Counterexample",
    "ProbeReport",
    "check_run_arguments",
    "instance_rng",
    "run_claim",
]


def instance_rng(seed: int, index: int) -> np.random.Generator:
    """The generator for instance ``index`` of run ``seed`` (independent streams).

    Parameters
    ----------
    seed : int
        The run's seed (``benchgame verify --seed``).
    index : int
        The instance number within the run.

    Returns
    -------
    numpy.random.Generator
        ``numpy.random.default_rng([seed, index])``: a counterexample reported as instance
        ``index`` of seed ``seed`` is regenerated from it.

    Examples
    --------
    >>> float(instance_rng(0, 3).random()) == float(instance_rng(0, 3).random())
    True
    """
    return np.random.default_rng([int(seed), int(index)])


@dataclass(frozen=True)
class Counterexample:
    """A concrete instance on which the claimed property fails.

    Parameters
    ----------
    seed : int
        The run's seed.
    index : int or None
        The generated instance number (reproduce with ``instance_rng(seed, index)``), or
        ``None`` for a fixed witness.
    witness : str or None
        The fixed witness's name, if the instance is one.
    instance : object
        The instance itself.
    description : mapping
        The instance as JSON-safe data.
    violated : str
        The inequality or property that fails.
    numbers : mapping
        The numbers behind the violation.
    failed_hypotheses : tuple of str
        The claim's hypotheses the instance does not meet (empty for a counterexample to a
        claim's statement within its hypotheses).
    """

    seed: int
    index: int | None
    witness: str | None
    instance: Any
    description: Mapping[str, Any]
    violated: str
    numbers: Mapping[str, Any]
    failed_hypotheses: tuple[str, ...]

    def summary(self) -> str:
        where = (f"witness {self.witness!r}" if self.witness
                 else f"seed {self.seed}, instance {self.index}")
        nums = ", ".join(f"{k}={_short(v)}" for k, v in list(self.numbers.items())[:6])
        return f"{where}: {self.violated}" + (f" ({nums})" if nums else "")

    def to_dict(self) -> dict:
        return {
            "seed": self.seed,
            "index": self.index,
            "witness": self.witness,
            "instance": to_jsonable(self.description),
            "violated": self.violated,
            "numbers": to_jsonable(self.numbers),
            "failed_hypotheses": list(self.failed_hypotheses),
        }


@dataclass(frozen=True)
class ProbeReport:
    """Run of the check on hypothesis-violating instances (the claim's violation probe).

    A claim expected to hold is accepted only when this probe finds a counterexample: a check
    that cannot fail certifies nothing.

    Parameters
    ----------
    tried : int
        Instances checked.
    counterexample : Counterexample or None
        The first instance on which the property failed.
    error : str, default ""
        The error raised while probing, if any.
    """

    tried: int
    counterexample: Counterexample | None
    error: str = ""

    @property
    def found_counterexample(self) -> bool:
        return self.counterexample is not None

    def to_dict(self) -> dict:
        return {
            "tried": self.tried,
            "found_counterexample": self.found_counterexample,
            "counterexample": (None if self.counterexample is None
                               else self.counterexample.to_dict()),
            "error": self.error,
        }


@dataclass(frozen=True)
class ClaimReport:
    """Outcome of :func:`run_claim`.

    Parameters
    ----------
    claim : Claim
        The claim checked.
    found : Status
        ``HOLDS`` when no instance violated the property, ``REFUTED`` with a counterexample,
        ``ERROR`` when the check raised.
    tried : int
        Instances checked (witnesses included).
    seed : int
        The run's seed.
    examples : int
        Generated instances asked for.
    counterexample : Counterexample or None
        The first violating instance within the hypotheses.
    probe : ProbeReport or None
        The violation probe's run (claims expected to hold).
    error : str
        The error message when ``found`` is ``ERROR``.
    elapsed : float
        Seconds taken.
    """

    _repr_html_ = html_repr

    claim: Claim
    found: Status
    tried: int
    seed: int
    examples: int
    counterexample: Counterexample | None
    probe: ProbeReport | None
    error: str
    elapsed: float

    @property
    def ok(self) -> bool:
        if self.found is not self.claim.expected:
            return False
        if self.claim.expected is Status.HOLDS:
            return self.probe is not None and self.probe.found_counterexample
        return True

    def to_dict(self) -> dict:
        c = self.claim
        return {
            "id": c.id,
            "statement": c.statement,
            "source": c.source.to_dict(),
            "expected": c.expected.value,
            "found": self.found.value,
            "ok": self.ok,
            "instances_tried": self.tried,
            "examples": self.examples,
            "seed": self.seed,
            "counterexample": (None if self.counterexample is None
                               else self.counterexample.to_dict()),
            "violation_probe": None if self.probe is None else self.probe.to_dict(),
            "error": self.error,
            "elapsed_seconds": round(self.elapsed, 4),
        }


def _short(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.6g}"
    s = str(v)
    return s if len(s) <= 60 else s[:57] + "..."


def _instances(claim: Claim, examples: int, seed: int, violating: bool
               ) -> Iterator[tuple[int | None, str | None, Any]]:
    for w in claim.witnesses:
        if w.violating == violating:
            yield None, w.name, w.instance
    gen = claim.generate_violating if violating else claim.generate
    if gen is None:
        return
    for k in range(examples):
        yield k, None, gen(instance_rng(seed, k))


def _search(claim: Claim, examples: int, seed: int, violating: bool,
            progress: Callable[[int], None] | None) -> tuple[int, Counterexample | None, str]:
    """Try instances until a counterexample; returns (tried, counterexample, error)."""
    tried = 0
    try:
        for index, wname, inst in _instances(claim, examples, seed, violating):
            failed = claim.failed_hypotheses(inst)
            where = f"witness {wname!r}" if wname else f"instance {index} (seed {seed})"
            if violating and not failed:
                return tried, None, (f"generate_violating produced {where} that meets every "
                                     "hypothesis; fix the generator")
            if not violating and failed:
                return tried, None, (f"generate produced {where} that breaks hypotheses "
                                     f"{list(failed)}; fix the generator")
            verdict = claim.check(inst)
            tried += 1
            if progress is not None:
                progress(1)
            if not verdict.holds:
                return tried, Counterexample(
                    seed=seed, index=index, witness=wname, instance=inst,
                    description=MappingProxyType(dict(claim.describe(inst))),
                    violated=verdict.violated, numbers=verdict.numbers,
                    failed_hypotheses=failed,
                ), ""
    except Exception as exc:  # the report must say what broke, not crash the whole run
        tb = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return tried, None, f"check raised {tb}"
    return tried, None, ""


def check_run_arguments(examples: int | None, seed: int) -> None:
    """Refuse a negative number of examples or a seed outside ``[0, 2**63)``.

    Parameters
    ----------
    examples : int or None
        Generated instances per claim (``None``: each claim's default).
    seed : int
        The run's seed.

    Raises
    ------
    InputError
        Naming ``examples`` or ``seed``.

    Examples
    --------
    >>> check_run_arguments(None, 0)
    """
    if examples is not None and int(examples) < 0:
        raise InputError("examples", f"is {int(examples)}", "give a number of instances >= 0")
    if not (0 <= int(seed) < 2**63):
        raise InputError("seed", f"is {seed}", "give an integer in [0, 2**63)")


def run_claim(
    claim: Claim | str,
    examples: int | None = None,
    seed: int = 0,
    *,
    probe: bool = True,
    progress: Callable[[int], None] | None = None,
) -> ClaimReport:
    """Check ``claim`` on its witnesses and ``examples`` generated instances.

    Parameters
    ----------
    claim : Claim or str
        The claim or its registered id.
    examples : int, optional
        Generated instances to try (default ``claim.default_examples``), both for the main run
        and for the violation probe.
    seed : int
        Run seed; the same seed reproduces the same instances and counterexample.
    probe : bool
        Run the violation probe (default True).
    progress : callable, optional
        Called with ``1`` after each instance checked.

    Returns
    -------
    ClaimReport
    """

    if isinstance(claim, str):
        claim = get_claim(claim)
    check_run_arguments(examples, seed)
    n = claim.default_examples if examples is None else int(examples)
    start = time.perf_counter()
    tried, cex, error = _search(claim, n, int(seed), False, progress)
    found = Status.ERROR if error else (Status.REFUTED if cex is not None else Status.HOLDS)
    probe_report = None
    if probe and not error and (claim.generate_violating is not None
                                or any(w.violating for w in claim.witnesses)):
        ptried, pcex, perr = _search(claim, n, int(seed), True, progress)
        probe_report = ProbeReport(tried=ptried, counterexample=pcex, error=perr)
    return ClaimReport(
        claim=claim, found=found, tried=tried, seed=int(seed), examples=n,
        counterexample=cex, probe=probe_report, error=error,
        elapsed=time.perf_counter() - start,
    )

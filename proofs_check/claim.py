"""Theorem statements as checkable claims.

A :class:`Claim` turns one mathematical statement "for every instance meeting hypotheses H,
property P holds" into code:

* ``hypotheses``: named predicates ``H_k(instance) -> bool``;
* ``generate(rng)``: an instance meeting every hypothesis;
* ``generate_violating(rng)``: an instance breaking at least one hypothesis, used to show the
  check can fail (a check that cannot fail certifies nothing);
* ``check(instance) -> Verdict``: whether P holds on the instance, with the numbers behind it and,
  when it fails, the violated inequality;
* ``witnesses``: fixed named instances tried first (e.g. a paper's counterexample);
* ``expected``: :data:`Status.HOLDS` for true statements, :data:`Status.REFUTED` for statements
  that are false as written (the literal form of a flawed theorem).

Running a claim (:func:`benchgame.proofs_check.runner.run_claim`) is seeded and reproducible:
instance ``k`` of seed ``s`` is drawn from ``numpy.random.default_rng([s, k])``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

import numpy as np

__all__ = [
    "Claim",
    "Hypothesis",
    "Source",
    "Status",
    "Verdict",
    "Witness",
]


class Status(str, enum.Enum):
    """Outcome of checking a claim."""

    HOLDS = "HOLDS"
    """No counterexample among the instances tried."""
    REFUTED = "REFUTED"
    """A concrete counterexample was found."""
    ERROR = "ERROR"
    """The check could not be carried out (a generator broke its contract, or code raised)."""


Form = Literal["literal", "corrected", "reconstruction", "general", "false"]


@dataclass(frozen=True)
class Source:
    """Where a claim comes from.

    Attributes
    ----------
    paper : str
        Short citation ("Chen, Zhang, Hardt 2026") or "general" for textbook facts.
    item : str
        The numbered item ("Theorem 4.6(a)", "Nash 1951").
    arxiv : str or None
        arXiv identifier.
    form : {"literal", "corrected", "reconstruction", "general", "false"}
        ``literal``: the statement as the paper writes it; ``corrected``: with the repaired
        hypotheses; ``reconstruction``: a statement about a reconstructed model; ``general``: a
        textbook fact; ``false``: a deliberately false statement kept to exercise refutation.
    note : str
        Free text (e.g. which spec section it encodes).
    """

    paper: str
    item: str
    arxiv: str | None = None
    form: Form = "general"
    note: str = ""

    def to_dict(self) -> dict:
        return {"paper": self.paper, "item": self.item, "arxiv": self.arxiv, "form": self.form,
                "note": self.note}


@dataclass(frozen=True)
class Hypothesis:
    """One named hypothesis of a claim, as a checkable predicate on instances."""

    name: str
    description: str
    predicate: Callable[[Any], bool]

    def holds(self, instance: Any) -> bool:
        return bool(self.predicate(instance))


@dataclass(frozen=True)
class Verdict:
    """Result of checking the property on one instance.

    Attributes
    ----------
    holds : bool
    violated : str
        The inequality or statement that failed, in words with symbols (empty when it holds).
    numbers : Mapping
        The numbers behind the verdict (both sides of the inequality, gaps, tolerances).
    """

    holds: bool
    violated: str = ""
    numbers: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def ok(cls, **numbers: Any) -> Verdict:
        return cls(True, "", MappingProxyType(numbers))

    @classmethod
    def fail(cls, violated: str, **numbers: Any) -> Verdict:
        return cls(False, violated, MappingProxyType(numbers))

    @classmethod
    def from_condition(cls, condition: bool, violated: str, **numbers: Any) -> Verdict:
        """``ok`` if ``condition`` else ``fail(violated)``, with the same numbers either way."""
        return cls.ok(**numbers) if condition else cls.fail(violated, **numbers)


@dataclass(frozen=True)
class Witness:
    """A fixed, named instance tried before generated ones (e.g. a paper's counterexample)."""

    name: str
    instance: Any
    violating: bool = False
    """True if the witness breaks a hypothesis (it then belongs to the violation probe)."""


def _default_describe(instance: Any) -> Mapping[str, Any]:
    if hasattr(instance, "to_dict"):
        return instance.to_dict()
    if isinstance(instance, Mapping):
        return dict(instance)
    return {"repr": repr(instance)}


@dataclass(frozen=True)
class Claim:
    """A theorem-like statement with generators and a checker. See the module docstring.

    Attributes
    ----------
    id : str
        Dotted identifier, ``domain.item.form`` (e.g. ``"leaderboard.thm4_6a.literal"``).
    statement : str
        The statement in words and symbols.
    source : Source
    expected : Status
        HOLDS or REFUTED.
    hypotheses : tuple of Hypothesis
    generate : callable ``rng -> instance``
        Draws an instance meeting every hypothesis.
    check : callable ``instance -> Verdict``
    generate_violating : callable ``rng -> instance`` or None
        Draws an instance breaking at least one hypothesis. Required for claims expected to hold.
    witnesses : tuple of Witness
    describe : callable ``instance -> Mapping``
        JSON-able description used in reports (default: ``instance.to_dict()``).
    tags : tuple of str
    default_examples : int
        Instances tried by default (``benchgame verify`` without ``--examples``).
    """

    id: str
    statement: str
    source: Source
    expected: Status
    hypotheses: tuple[Hypothesis, ...]
    generate: Callable[[np.random.Generator], Any]
    check: Callable[[Any], Verdict]
    generate_violating: Callable[[np.random.Generator], Any] | None = None
    witnesses: tuple[Witness, ...] = ()
    describe: Callable[[Any], Mapping[str, Any]] = _default_describe
    tags: tuple[str, ...] = ()
    default_examples: int = 50

    def __post_init__(self) -> None:
        from benchgame.core.validation import InputError

        if self.expected not in (Status.HOLDS, Status.REFUTED):
            raise InputError("expected", f"is {self.expected!r}", "use Status.HOLDS or "
                             "Status.REFUTED")
        if self.expected is Status.HOLDS and self.generate_violating is None and not any(
            w.violating for w in self.witnesses
        ):
            raise InputError(
                f"claim {self.id}: generate_violating",
                "is missing for a claim expected to hold",
                "give a generator of instances that break a hypothesis, so the check is shown "
                "to be able to fail",
            )

    def failed_hypotheses(self, instance: Any) -> tuple[str, ...]:
        """Names of the hypotheses that ``instance`` does not meet."""
        return tuple(h.name for h in self.hypotheses if not h.holds(instance))

    @property
    def domain(self) -> str:
        return self.id.split(".", 1)[0]

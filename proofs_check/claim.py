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
  that are false as written (the literal form of a flawed theorem);
* ``aliases``: earlier ids of the same claim, kept so that old ids keep naming it.

Running a claim (:func:`benchgame.proofs_check.runner.run_claim`) is seeded and reproducible:
instance ``k`` of seed ``s`` is drawn from ``numpy.random.default_rng([s, k])``.
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from benchgame.core.validation import InputError
from benchgame.proofs_check.verdict import Verdict

__all__ = [
    "Claim",
    "Hypothesis",
    "Source",
    "Status",
    "Verdict",
    "Witness",
]


class Status(str, enum.Enum):
    """Outcome of checking a claim.

    Parameters
    ----------
    value : str
        ``"HOLDS"``, ``"REFUTED"`` or ``"ERROR"``.

    Examples
    --------
    >>> Status("REFUTED") is Status.REFUTED
    True
    >>> Status.HOLDS.value
    'HOLDS'
    """

    HOLDS = "HOLDS"
    """No counterexample among the instances tried."""
    REFUTED = "REFUTED"
    """A concrete counterexample was found."""
    ERROR = "ERROR"
    """The check could not be carried out (a generator broke its contract, or code raised)."""


# Statuses are looked up by value only; the functional-API arguments of ``Enum.__call__`` are not
# part of this type's interface.
Status.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [inspect.Parameter("value", inspect.Parameter.POSITIONAL_ONLY)])


Form = Literal["literal", "corrected", "reconstruction", "general", "false"]


@dataclass(frozen=True)
class Source:
    """Where a claim comes from: the paper and the numbered item it makes checkable.

    Parameters
    ----------
    paper : str
        Short citation ("Chen, Zhang, Hardt 2026") or a textbook reference for general facts.
    item : str
        The numbered item ("Theorem 4.6(a)", "Proposition 5.6"), or a plain description when the
        paper's numbering is not known.
    arxiv : str or None
        The arXiv identifier (e.g. ``"2603.08371"``).
    form : {"literal", "corrected", "reconstruction", "general", "false"}
        How the claim relates to the item. ``literal``: the statement as the paper writes it;
        ``corrected``: with the repaired hypotheses; ``reconstruction``: a statement about a
        reconstructed model; ``general``: a textbook fact; ``false``: a deliberately false
        statement kept to exercise refutation.
    note : str
        Free text: the counterexample that refutes a literal form, what a corrected form adds,
        or how a reconstruction reads the paper.

    Examples
    --------
    >>> src = Source("Chen, Zhang, Hardt 2026", "Proposition 4.3", arxiv="2603.08371",
    ...              form="literal")
    >>> src.to_dict()["item"]
    'Proposition 4.3'
    """

    paper: str
    item: str
    arxiv: str | None = None
    form: Form = "general"
    note: str = ""

    def to_dict(self) -> dict:
        """Return the source as a JSON-able dictionary.

        Returns
        -------
        dict
            Keys ``paper``, ``item``, ``arxiv``, ``form`` and ``note``.
        """
        return {"paper": self.paper, "item": self.item, "arxiv": self.arxiv, "form": self.form,
                "note": self.note}


@dataclass(frozen=True)
class Hypothesis:
    """One named hypothesis of a claim, as a checkable predicate on instances.

    Parameters
    ----------
    name : str
        Short identifier, reported in ``failed_hypotheses`` (e.g. ``"strict_cost_S"``).
    description : str
        The hypothesis in words and symbols.
    predicate : callable ``instance -> bool``
        True when the instance meets the hypothesis.

    Examples
    --------
    >>> positive = Hypothesis("positive", "x > 0", lambda x: x > 0)
    >>> positive.holds(2.0), positive.holds(-1.0)
    (True, False)
    """

    name: str
    description: str
    predicate: Callable[[Any], bool]

    def holds(self, instance: Any) -> bool:
        """Whether ``instance`` meets the hypothesis.

        Parameters
        ----------
        instance : object
            An instance of the claim.

        Returns
        -------
        bool
            ``predicate(instance)`` as a Python bool.
        """
        return bool(self.predicate(instance))


@dataclass(frozen=True)
class Witness:
    """A fixed, named instance tried before generated ones (e.g. a paper's counterexample).

    Parameters
    ----------
    name : str
        What the instance is, as shown to users (e.g. ``"matching pennies"``).
    instance : object
        The instance.
    violating : bool
        True if the witness breaks a hypothesis (it then belongs to the violation probe).

    Examples
    --------
    >>> Witness("x = 10", 10.0).violating
    False
    """

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
    """A theorem-like statement with generators and a checker (see the module docstring).

    Parameters
    ----------
    id : str
        Dotted identifier ``domain.subject.form``, the subject naming what is tested and, when
        the statement is a numbered item of a paper, that item (e.g.
        ``"leaderboard.thm4_6a_zero_effort_equilibrium.literal"``).
    statement : str
        The statement in words and symbols.
    source : Source
        The paper and item the claim makes checkable.
    expected : Status
        :data:`Status.HOLDS` or :data:`Status.REFUTED`.
    hypotheses : tuple of Hypothesis
        The hypotheses every generated instance must meet.
    generate : callable ``rng -> instance``
        Draws an instance meeting every hypothesis.
    check : callable ``instance -> Verdict``
        Decides whether the property holds on an instance.
    generate_violating : callable ``rng -> instance`` or None
        Draws an instance breaking at least one hypothesis. Required for claims expected to
        hold (unless a violating witness is given).
    witnesses : tuple of Witness
        Fixed instances tried before generated ones.
    describe : callable ``instance -> Mapping``
        JSON-able description used in reports (default: ``instance.to_dict()``).
    tags : tuple of str
        Free labels (e.g. ``"simulation"``).
    default_examples : int
        Instances tried by default (``benchgame verify`` without ``--examples``).
    aliases : tuple of str
        Earlier ids of this claim. A registry resolving ids should accept them as well, so that
        a renamed claim keeps answering to its old id.

    Raises
    ------
    InputError
        If ``expected`` is neither HOLDS nor REFUTED, if a claim expected to hold has no way
        to produce a hypothesis-violating instance, or if ``aliases`` contains ``id``.

    See Also
    --------
    benchgame.proofs_check.run_claim : Check a claim on seeded instances.

    Examples
    --------
    >>> from benchgame.proofs_check import run_claim
    >>> claim = Claim(
    ...     id="example.square_positive.general",
    ...     statement="x > 0 implies x**2 > 0",
    ...     source=Source(paper="textbook", item="squares of positive reals"),
    ...     expected=Status.HOLDS,
    ...     hypotheses=(Hypothesis("positive", "x > 0", lambda x: x > 0),),
    ...     generate=lambda rng: float(rng.uniform(0.1, 5.0)),
    ...     check=lambda x: Verdict.from_condition(x * x > 0, "x**2 > 0", x=x),
    ...     generate_violating=lambda rng: 0.0,
    ...     aliases=("example.p1.general",),
    ... )
    >>> claim.domain, claim.failed_hypotheses(0.0)
    ('example', ('positive',))
    >>> report = run_claim(claim, examples=5, seed=0)
    >>> report.found is Status.HOLDS, report.probe.found_counterexample
    (True, True)
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
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
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
        if isinstance(self.aliases, str):
            raise InputError(f"claim {self.id}: aliases", f"is the string {self.aliases!r}",
                             "give a tuple of earlier ids")
        object.__setattr__(self, "aliases", tuple(self.aliases))
        if self.id in self.aliases:
            raise InputError(f"claim {self.id}: aliases", "contains the claim's own id",
                             "list only earlier ids")

    def failed_hypotheses(self, instance: Any) -> tuple[str, ...]:
        """Names of the hypotheses that ``instance`` does not meet.

        Parameters
        ----------
        instance : object
            An instance of the claim.

        Returns
        -------
        tuple of str
            The names, in the order of ``hypotheses`` (empty when all hold).
        """
        return tuple(h.name for h in self.hypotheses if not h.holds(instance))

    @property
    def domain(self) -> str:
        """The first component of the id (``"leaderboard"``, ``"general"``, ...)."""
        return self.id.split(".", 1)[0]

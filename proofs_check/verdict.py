"""The verdict of a claim's check on one instance: whether the property holds, and why not.

A claim's ``check(instance)`` (:class:`benchgame.proofs_check.claim.Claim`) returns a
:class:`Verdict`; :mod:`benchgame.proofs_check.claim` re-exports it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from benchgame.core.serialize import Serializable

__all__ = ["Verdict"]


@dataclass(frozen=True)
class Verdict(Serializable):
    """Result of checking the property on one instance.

    Parameters
    ----------
    holds : bool
        Whether the property holds on the instance.
    violated : str
        The inequality or statement that failed, in words with symbols (empty when it holds).
    numbers : Mapping
        The numbers behind the verdict (both sides of the inequality, gaps, tolerances).

    Examples
    --------
    >>> v = Verdict.from_condition(3.0 < 4.0, "x < 4", x=3.0)
    >>> v.holds, dict(v.numbers)
    (True, {'x': 3.0})
    >>> Verdict.fail("x < 4", x=5.0).violated
    'x < 4'
    >>> Verdict.fail("x < 4", x=5.0).to_dict()
    {'holds': False, 'violated': 'x < 4', 'numbers': {'x': 5.0}}
    """

    holds: bool
    violated: str = ""
    numbers: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def ok(cls, **numbers: Any) -> Verdict:
        """A verdict saying the property holds.

        Parameters
        ----------
        **numbers
            The numbers behind the verdict.

        Returns
        -------
        Verdict
            ``holds=True`` with an empty ``violated``.
        """
        return cls(True, "", MappingProxyType(numbers))

    @classmethod
    def fail(cls, violated: str, **numbers: Any) -> Verdict:
        """A verdict saying the property fails.

        Parameters
        ----------
        violated : str
            The inequality or statement that failed.
        **numbers
            The numbers behind the verdict.

        Returns
        -------
        Verdict
            ``holds=False``.
        """
        return cls(False, violated, MappingProxyType(numbers))

    @classmethod
    def from_condition(cls, condition: bool, violated: str, **numbers: Any) -> Verdict:
        """``ok`` if ``condition`` else ``fail(violated)``, with the same numbers either way.

        Parameters
        ----------
        condition : bool
            Whether the property holds.
        violated : str
            The statement reported when it does not.
        **numbers
            The numbers behind the verdict.

        Returns
        -------
        Verdict
            ``Verdict.ok(**numbers)`` or ``Verdict.fail(violated, **numbers)``.
        """
        return cls.ok(**numbers) if condition else cls.fail(violated, **numbers)

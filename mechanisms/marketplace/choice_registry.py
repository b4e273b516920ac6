"""Choice rules by name: the registry behind ``parse_rule``, the command line and sweeps."""

from __future__ import annotations

from collections.abc import Callable

from benchgame.core.registry import Registry
from benchgame.core.validation import InputError
from benchgame.mechanisms.marketplace.choice_rules import (
    BradleyTerry,
    ChoiceRule,
    EpsilonUniform,
    Luce,
    Perfect,
    Probit,
    Softmax,
)

__all__ = ["CHOICE_RULES", "parse_rule", "register_choice_rule"]


CHOICE_RULES: Registry[Callable[[float | None], ChoiceRule]] = Registry(
    "rule", register_hint="register_choice_rule(name, make)")
"""The registered choice rules: ``name -> make(parameter or None) -> ChoiceRule``."""


def register_choice_rule(name: str, make: Callable[[float | None], ChoiceRule], *,
                         replace: bool = False) -> Callable[[float | None], ChoiceRule]:
    """Register a choice rule under ``name`` for :func:`parse_rule`, the CLI and sweeps.

    Parameters
    ----------
    name : str
        The name users write (``NAME`` or ``NAME:VALUE``).
    make : callable
        ``make(value) -> ChoiceRule``; ``value`` is the number after the colon, or ``None``
        when the user gave none (raise :class:`InputError` if the rule needs one).
    replace : bool, default False
        Replace a rule registered under the same name.

    Returns
    -------
    callable
        ``make``.

    Examples
    --------
    >>> _ = register_choice_rule("sharp", lambda v: Softmax(100.0 if v is None else v),
    ...                          replace=True)
    >>> parse_rule("sharp").beta, parse_rule("sharp:5").beta
    (100.0, 5.0)
    >>> CHOICE_RULES.unregister("sharp")
    """
    if not callable(make):
        raise InputError("rule", f"maker for {name!r} is {make!r}",
                         "give a callable make(value) -> ChoiceRule")
    return CHOICE_RULES.register(name, make, replace=replace)


def _needs(name: str, make: Callable[[float], ChoiceRule]) -> Callable[[float | None], ChoiceRule]:
    def build(value: float | None) -> ChoiceRule:
        if value is None:
            raise InputError("rule", f"rule {name!r} needs a parameter", f"write {name}:VALUE")
        return make(value)
    return build


def _perfect(value: float | None) -> ChoiceRule:
    if value is not None:
        raise InputError("rule", "rule 'perfect' takes no parameter", "write perfect")
    return Perfect()


register_choice_rule("perfect", _perfect)
for _name, _cls in (("epsilon", EpsilonUniform), ("softmax", Softmax), ("luce", Luce),
                    ("probit", Probit), ("bt", BradleyTerry)):
    register_choice_rule(_name, _needs(_name, _cls))


def parse_rule(spec: str) -> ChoiceRule:
    """A choice rule from its text form ``NAME`` or ``NAME:VALUE``.

    Parameters
    ----------
    spec : str
        ``"perfect"``, ``"epsilon:0.1"``, ``"softmax:20"``, ``"luce:1"``, ``"probit:0.1"``,
        ``"bt:5"``, or a name registered with :func:`register_choice_rule`.

    Returns
    -------
    ChoiceRule

    Raises
    ------
    InputError
        On an unknown name, a missing or non-numeric parameter.

    Examples
    --------
    >>> parse_rule("softmax:20")
    Softmax(beta=20.0)
    """
    name, _, arg = spec.strip().partition(":")
    name = name.lower()
    try:
        val = float(arg) if arg else None
    except ValueError as exc:
        raise InputError("rule", f"parameter {arg!r} is not a number",
                         "write e.g. softmax:20 or epsilon:0.1") from exc
    return CHOICE_RULES.get(name)(val)

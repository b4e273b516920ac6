"""Evaluation protocols by name, for sweeps and the designer's search.

A protocol family is a factory ``(delta, cap) -> Protocol`` (:mod:`mechanisms.protocols`):

* ``tbt``: tune-before-test ``x(e) = delta + e`` (``cap`` unused);
* ``direct``: direct evaluation ``x(e) = e`` (``delta`` and ``cap`` unused);
* ``effort_cap``: [RECON] ``x(e) = delta + min(e, cap)``.

Users add their own protocol with :func:`register_protocol` (in a module listed under
``imports`` of the sweep specification, so the workers know it too).
"""

from __future__ import annotations

from collections.abc import Callable

from games.validation import InputError
from mechanisms.protocols import DirectEvaluation, EffortCap, Protocol, TuneBeforeTest

__all__ = ["make_protocol", "protocol_families", "register_protocol"]

Factory = Callable[[float, float], Protocol]
_REGISTRY: dict[str, Factory] = {
    "tbt": lambda delta, cap: TuneBeforeTest(delta),
    "direct": lambda delta, cap: DirectEvaluation(),
    "effort_cap": lambda delta, cap: EffortCap(cap, delta),
}


def register_protocol(name: str, factory: Factory, *, replace: bool = False) -> None:
    """Register ``factory(delta, cap) -> Protocol`` as the protocol family ``name``."""
    if not isinstance(name, str) or not name or not callable(factory):
        raise InputError("protocol", f"cannot register {name!r}",
                         "give a name and a factory (delta, cap) -> Protocol")
    if name in _REGISTRY and not replace:
        raise InputError("protocol", f"{name!r} is already registered",
                         "choose another name or pass replace=True")
    _REGISTRY[name] = factory


def protocol_families() -> tuple[str, ...]:
    return tuple(sorted(_REGISTRY))


def make_protocol(name: str, delta: float, cap: float) -> Protocol:
    """The protocol of family ``name`` at level ``delta`` (and effort cap ``cap``)."""
    if name not in _REGISTRY:
        raise InputError("protocol", f"is {name!r}",
                         f"use one of {', '.join(protocol_families())} or register_protocol()")
    p = _REGISTRY[name](float(delta), float(cap))
    if not isinstance(p, Protocol):
        raise InputError("protocol", f"factory {name!r} returned a {type(p).__name__}",
                         "return a mechanisms.protocols.Protocol")
    return p

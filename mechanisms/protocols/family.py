"""The protocol registry: protocol families by name, with their declared parameters."""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from benchgame.core.registry import Registry
from benchgame.core.validation import InputError
from benchgame.games.leaderboard.protocol import DirectEvaluation, Protocol, TuneBeforeTest
from benchgame.mechanisms.protocols.effort_cap import EffortCap
from benchgame.mechanisms.protocols.held_out import HeldOutTransfer
from benchgame.mechanisms.protocols.noisy import NoisyProtocol

__all__ = ["PROTOCOLS", "ProtocolFamily", "make_protocol", "protocol_families",
           "register_protocol"]


@dataclass(frozen=True)
class ProtocolFamily:
    """A named family of protocols: ``factory(delta, **parameters) -> Protocol``.

    Parameters
    ----------
    name : str
        The registered name.
    factory : callable
        Called as ``factory(delta, **parameters)`` with the tune-before-test level ``delta``
        (a float ``>= 0``) and the declared parameters.
    parameters : mapping of str to float or None
        Parameters beside ``delta`` and their defaults; ``None`` marks a required parameter.
    uses_delta : bool, default True
        Whether the family depends on ``delta`` at all (``direct`` does not).
    description : str, default ""
        One line for listings.
    default_delta : float or None, default 0
        The level used when a configuration gives none (``None``: the level is required).
    """

    name: str
    factory: Callable[..., Protocol]
    parameters: Mapping[str, float | None] = field(default_factory=dict)
    uses_delta: bool = True
    description: str = ""
    default_delta: float | None = 0.0

    def make(self, delta: float = 0.0, field_prefix: str = "protocol", **params: Any) -> Protocol:
        """The protocol at level ``delta`` with the given parameters.

        Parameters
        ----------
        delta : float, default 0
            Tune-before-test level (ignored when the family does not use it).
        field_prefix : str, default "protocol"
            Prefix of field names in errors (e.g. ``protocols[1]`` in a configuration).
        **params : float
            The family's parameters; unknown names are errors, missing ones take their defaults.

        Returns
        -------
        Protocol

        Raises
        ------
        InputError
            On an unknown or missing parameter, or a factory that does not return a Protocol.
        """
        unknown = sorted(set(params) - set(self.parameters))
        if unknown:
            raise InputError(f"{field_prefix}.{unknown[0]}",
                             f"is not a parameter of protocol {self.name!r}",
                             "its parameters are: delta"
                             + "".join(f", {p}" for p in self.parameters))
        values: dict[str, float] = {}
        for p, default in self.parameters.items():
            v = params.get(p, default)
            if v is None:
                raise InputError(f"{field_prefix}.{p}", "is missing",
                                 f"protocol {self.name!r} needs {p}")
            values[p] = v
        proto = self.factory(delta, **values)
        if not isinstance(proto, Protocol):
            raise InputError(field_prefix, f"factory {self.name!r} returned a "
                             f"{type(proto).__name__}",
                             "return a benchgame.games.leaderboard.protocol.Protocol")
        return proto

    def label(self, delta: float, **params: Any) -> str:
        """A short label such as ``effort_cap(cap=2, Delta=0)``."""
        parts = [f"{k}={v:g}" if isinstance(v, (int, float)) else f"{k}={v}"
                 for k, v in params.items()]
        if self.uses_delta:
            parts.append(f"Delta={delta:g}")
        return f"{self.name}({', '.join(parts)})" if parts else self.name


PROTOCOLS: Registry[ProtocolFamily] = Registry(
    "protocol", register_hint="benchgame.mechanisms.protocols.register_protocol(name, factory)")


def register_protocol(name: str, factory: Callable[..., Protocol], *,
                      parameters: Mapping[str, float | None] | None = None,
                      uses_delta: bool = True, description: str = "",
                      default_delta: float | None = 0.0,
                      replace: bool = False) -> ProtocolFamily:
    """Register a protocol family under ``name``.

    Parameters
    ----------
    name : str
        The name to use in TOML configurations, sweep specifications and the API.
    factory : callable
        ``factory(delta, **parameters) -> Protocol``.
    parameters : mapping of str to float or None, optional
        Parameters beside ``delta`` with their defaults (``None``: required). By default they
        are read from the factory's signature (keyword parameters after ``delta``).
    uses_delta : bool, default True
        Whether the protocol depends on the tune-before-test level.
    description : str, optional
        One line for listings.
    default_delta : float or None, default 0
        Level used when a configuration gives none (``None``: configurations must give it).
    replace : bool, default False
        Replace an existing family of that name.

    Returns
    -------
    ProtocolFamily

    Raises
    ------
    InputError
        If the name is taken or the factory is not callable.

    Examples
    --------
    A protocol that reads scores after half the designer's tuning:

    >>> from benchgame.games.leaderboard import TuneBeforeTest
    >>> fam = register_protocol("half_tbt", lambda delta: TuneBeforeTest(delta / 2),
    ...                         replace=True)
    >>> make_protocol("half_tbt", 4.0).level
    2.0
    >>> PROTOCOLS.unregister("half_tbt")
    """
    if not callable(factory):
        raise InputError("protocol", f"factory for {name!r} is {factory!r}",
                         "give a callable factory(delta, **parameters) -> Protocol")
    if parameters is None:
        parameters = _signature_parameters(factory)
    fam = ProtocolFamily(name, factory, dict(parameters), uses_delta, description, default_delta)
    PROTOCOLS.register(name, fam, replace=replace)
    return fam


def _signature_parameters(factory: Callable[..., Any]) -> dict[str, float | None]:
    try:
        sig = inspect.signature(factory)
    except (TypeError, ValueError):
        return {}
    out: dict[str, float | None] = {}
    for p in list(sig.parameters.values())[1:]:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        out[p.name] = None if p.default is p.empty else p.default
    return out


def protocol_families() -> tuple[str, ...]:
    """Names of the registered protocol families.

    Returns
    -------
    tuple of str
    """
    return PROTOCOLS.names()


def make_protocol(name: str, delta: float = 0.0, field_prefix: str = "protocol",
                  **params: Any) -> Protocol:
    """The protocol of family ``name`` at level ``delta``.

    Parameters
    ----------
    name : str
        A registered family (:func:`protocol_families`).
    delta : float, default 0
        Tune-before-test level, finite and ``>= 0``.
    field_prefix : str, default "protocol"
        Prefix of field names in errors.
    **params : float
        The family's parameters (e.g. ``cap`` for ``effort_cap``).

    Returns
    -------
    Protocol

    Examples
    --------
    >>> make_protocol("effort_cap", 1.0, cap=2.0).effective_training([0.5, 5.0])
    array([1.5, 3. ])
    """
    fam = PROTOCOLS.get(name, f"{field_prefix}.type" if field_prefix != "protocol" else None)
    d = float(delta)
    if not math.isfinite(d) or d < 0:
        raise InputError(f"{field_prefix}.delta", f"is {delta}", "give a level >= 0")
    return fam.make(d, field_prefix, **params)


register_protocol("direct", lambda delta: DirectEvaluation(), uses_delta=False,
                  description="direct evaluation, x(e) = e")
register_protocol("tbt", TuneBeforeTest, description="tune-before-test, x(e) = delta + e",
                  default_delta=None)
register_protocol("effort_cap", lambda delta, cap: EffortCap(cap, delta),
                  description="x(e) = delta + min(e, cap)")
register_protocol("held_out", lambda delta, transfer: HeldOutTransfer(transfer, delta),
                  description="held-out transfer, x(e) = delta + B (1 - exp(-e / B)), "
                              "B = transfer")
register_protocol("noisy_binomial", lambda delta, m: NoisyProtocol(m, delta),
                  description="x(e) = delta + e, score = accuracy on m test questions "
                              "(binomial)")
register_protocol("noisy_gaussian",
                  lambda delta, m, resolution=0.0: NoisyProtocol(
                      m, delta, "gaussian", resolution or None),
                  description="x(e) = delta + e, score ~ N(s, s(1-s)/m) reported on a grid of "
                              "step resolution (0: 1/(4m))")

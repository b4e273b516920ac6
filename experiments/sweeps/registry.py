"""Registry of sweep analyses: pure functions ``(params, seed) -> outcome columns``.

An analysis is one cell of a sweep: it receives a dict of parameter values (every declared
parameter, defaults filled in) and an integer seed, and returns a dict of *scalar* outcome
columns, including the certificate fields that make its answer checkable (maximum regret,
margins, identity residuals, found/expected status). It must be deterministic given
``(params, seed)``: that is what makes a resumed sweep equal to an uninterrupted one.

Every parameter and outcome column is declared with a type, so the engine validates a sweep
specification before anything runs and writes every Parquet part with one fixed schema::

    from benchgame.experiments.sweeps import Outcome, Parameter, register_analysis

    def my_cell(params, seed):
        return {"value": params["x"] ** 2 + seed}

    register_analysis("square", my_cell,
                      parameters={"x": Parameter(float, 0.0, "the input")},
                      outcomes={"value": Outcome(float, "x^2 + seed")})

The function is sent to the workers by reference (module and name), so it must live in an
importable module; list that module under ``imports`` in the sweep specification so that a
``benchgame sweep`` process and every worker import (and register) it.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from benchgame.core.registry import Registry
from benchgame.core.validation import InputError

__all__ = [
    "ANALYSES",
    "REQUIRED",
    "RESERVED_COLUMNS",
    "Analysis",
    "Outcome",
    "Parameter",
    "analyses",
    "get_analysis",
    "register_analysis",
]

CellFunction = Callable[[dict, int], Mapping[str, Any]]

#: columns the engine writes for every cell; parameters and outcomes may not use these names
RESERVED_COLUMNS = ("cell", "cell_id", "seed", "status", "error", "seconds")

_KINDS = (bool, int, float, str)
_BUILTIN_MODULES = (
    "benchgame.experiments.sweeps.leaderboard_cells",
    "benchgame.experiments.sweeps.marketplace_cells",
    "benchgame.experiments.sweeps.ecosystem_cells",
    "benchgame.experiments.sweeps.claims_cells",
    "benchgame.experiments.sweeps.play_cells",
)


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


#: default of a parameter that every specification must give
REQUIRED: Any = _Required()


@dataclass(frozen=True)
class Parameter:
    """A declared parameter of an analysis.

    Parameters
    ----------
    kind : {bool, int, float, str}
        Type of the values (an ``int`` is accepted for a ``float`` parameter).
    default : Any
        Value used when the specification does not sweep the parameter; :data:`REQUIRED` when
        it must be given; ``None`` when absent means "the analysis' own default".
    doc : str
        One line of help.
    choices : tuple, optional
        Allowed values (strings: a value ``"name:arg"`` is checked by its ``name``).
    minimum : float, optional
        Smallest allowed value (numbers).
    """

    kind: type
    default: Any = REQUIRED
    doc: str = ""
    choices: tuple | None = None
    minimum: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise InputError("kind", f"is {self.kind!r}", "use bool, int, float or str")

    def check(self, value: Any, field_name: str) -> Any:
        """Validate one value; returns it normalised (ints become floats for float kinds)."""
        if value is None and self.default is None:
            return None
        if self.kind is bool:
            ok = isinstance(value, bool)
        elif self.kind is int:
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif self.kind is float:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        else:
            ok = isinstance(value, str)
        if not ok:
            raise InputError(field_name, f"value {value!r} is a {type(value).__name__}",
                             f"give a {self.kind.__name__}")
        if self.kind is float:
            value = float(value)
            if math.isnan(value):
                raise InputError(field_name, "is NaN", "give a number")
        if self.minimum is not None and self.kind in (int, float) and value < self.minimum:
            raise InputError(field_name, f"value {value!r} is below {self.minimum:g}",
                             f"give values >= {self.minimum:g}")
        if self.choices is not None:
            key = value.split(":", 1)[0] if isinstance(value, str) else value
            if key not in self.choices:
                raise InputError(field_name, f"value {value!r} is not allowed",
                                 f"use one of {', '.join(map(str, self.choices))}")
        return value


@dataclass(frozen=True)
class Outcome:
    """A declared outcome column of an analysis.

    Parameters
    ----------
    kind : {bool, int, float, str}
        Type of the column's values (a missing value is stored as null).
    doc : str
        One line of help.

    Raises
    ------
    InputError
        If ``kind`` is not one of the four types.
    """

    kind: type
    doc: str = ""

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise InputError("kind", f"is {self.kind!r}", "use bool, int, float or str")


@dataclass(frozen=True)
class Analysis:
    """A registered analysis: its cell function and declared parameters and outcomes.

    Parameters
    ----------
    name : str
        The registered name.
    fn : callable
        ``fn(params, seed) -> dict`` of outcome columns.
    parameters : mapping of str to Parameter
        Declared parameters.
    outcomes : mapping of str to Outcome
        Declared outcome columns.
    doc : str
        One line for listings.
    imports : tuple of str
        Modules the workers import before running ``fn``.
    """

    name: str
    fn: CellFunction
    parameters: Mapping[str, Parameter]
    outcomes: Mapping[str, Outcome]
    doc: str = ""
    imports: tuple[str, ...] = field(default=())

    def defaults(self) -> dict:
        """Default values of the parameters that have one.

        Returns
        -------
        dict
        """
        return {k: p.default for k, p in self.parameters.items() if p.default is not REQUIRED}


def _load_builtins() -> None:
    for mod in _BUILTIN_MODULES:
        importlib.import_module(mod)


ANALYSES: Registry[Analysis] = Registry(
    "analysis", register_hint="register_analysis(name, fn, parameters=..., outcomes=...) in a "
    "module listed under `imports`", loader=_load_builtins)
"""The registered sweep analyses (the built-in ones load on first lookup)."""


def register_analysis(name: str, fn: CellFunction, *, parameters: Mapping[str, Parameter],
                      outcomes: Mapping[str, Outcome], doc: str = "",
                      replace: bool = False) -> Analysis:
    """Register ``fn`` as the sweep analysis ``name``.

    Parameters
    ----------
    name : str
        The name sweep specifications give as ``analysis``.
    fn : callable
        ``fn(params, seed) -> dict`` of scalar outcome columns; deterministic given its
        arguments, defined at the top level of an importable module.
    parameters : mapping of str to Parameter
        Declared parameters (type, default, help).
    outcomes : mapping of str to Outcome
        Declared outcome columns (type, help).
    doc : str, optional
        One line for listings (default: the first line of ``fn``'s docstring).
    replace : bool, default False
        Replace an analysis of the same name.

    Returns
    -------
    Analysis

    Raises
    ------
    InputError
        On a taken name (unless ``replace``), reserved or clashing column names, or undeclared
        types.
    """
    if not isinstance(name, str) or not name:
        raise InputError("name", f"is {name!r}", "give a non-empty string")
    if not callable(fn):
        raise InputError("fn", f"is {fn!r}", "give a function (params, seed) -> dict")
    if name in ANALYSES and not replace and ANALYSES.get(name).fn is not fn:
        raise InputError("name", f"analysis {name!r} is already registered",
                         "choose another name or pass replace=True")
    params = dict(parameters)
    outs = dict(outcomes)
    for label, group, cls in (("parameters", params, Parameter), ("outcomes", outs, Outcome)):
        for k, v in group.items():
            if not isinstance(v, cls):
                raise InputError(f"{label}.{k}", f"is a {type(v).__name__}",
                                 f"declare it as {cls.__name__}(kind, ...)")
            if k in RESERVED_COLUMNS:
                raise InputError(f"{label}.{k}", "is a reserved column name",
                                 f"rename it (reserved: {', '.join(RESERVED_COLUMNS)})")
    clash = sorted(set(params) & set(outs))
    if clash:
        raise InputError(f"outcomes.{clash[0]}", "is also a parameter name",
                         "give outcomes and parameters distinct names")
    a = Analysis(name, fn, params, outs, doc or (fn.__doc__ or "").strip().split("\n")[0])
    return ANALYSES.register(name, a, replace=True)


def get_analysis(name: str, field_name: str = "analysis") -> Analysis:
    """The registered analysis ``name``.

    Parameters
    ----------
    name : str
        A registered analysis (built-ins: leaderboard, marketplace, ecosystem, claims).
    field_name : str, default "analysis"
        Field named in errors.

    Returns
    -------
    Analysis

    Raises
    ------
    InputError
        If no analysis is registered under ``name``; the message lists the registered names.
    """
    return ANALYSES.get(name, field_name)


def analyses() -> tuple[str, ...]:
    """Names of the registered analyses (built-ins included), sorted.

    Returns
    -------
    tuple of str
    """
    return ANALYSES.names()

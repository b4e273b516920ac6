"""Values of the parameters of a sweep specification: grid values, random-design ranges and
explicit cases, each checked against the analysis' declared parameters.

Used by :func:`benchgame.experiments.sweeps.spec.parse_spec`; every error is an
:class:`~benchgame.core.validation.InputError` naming the key (e.g. ``parameters.delta[1]``) and
the fix.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from benchgame.core.validation import InputError
from benchgame.experiments.sweeps.registry import Analysis

__all__ = ["case_tables", "check_parameter", "grid_values", "range_tables"]

_RANGE_KEYS = {"low", "high", "log", "integer", "choices"}


def grid_values(doc: Mapping[str, Any], a: Analysis) -> dict[str, tuple]:
    """Check the ``[parameters]`` table of a grid design.

    Parameters
    ----------
    doc : mapping
        Parameter name to the list of its grid values (names already checked with
        :func:`check_parameter`).
    a : Analysis
        The analysis whose declarations check each value.

    Returns
    -------
    dict
        Parameter name to the tuple of its checked values, in the order given.

    Raises
    ------
    InputError
        If a value list is not a list, is empty, repeats a value or holds a bad value.

    Examples
    --------
    >>> from benchgame.experiments.sweeps.registry import get_analysis
    >>> grid_values({"delta": [0, 10], "developers": [3]}, get_analysis("leaderboard"))
    {'delta': (0.0, 10.0), 'developers': (3,)}
    """
    out = {}
    for name, values in doc.items():
        path = f"parameters.{name}"
        if not isinstance(values, list):
            raise InputError(path, f"is {values!r}, not a list",
                             f"write a list of values, e.g. {name} = [{values!r}]")
        if not values:
            raise InputError(path, "is an empty list (the grid would have no cells)",
                             "give at least one value")
        vals = tuple(a.parameters[name].check(x, f"{path}[{k}]") for k, x in enumerate(values))
        if len(set(vals)) != len(vals):
            raise InputError(path, f"repeats a value: {list(values)}", "give distinct values")
        out[name] = vals
    return out


def range_tables(doc: Mapping[str, Any], a: Analysis) -> dict[str, dict]:
    """Check the ``[parameters]`` table of a random design.

    Parameters
    ----------
    doc : mapping
        Parameter name to its range table: ``{low, high, log = false, integer}`` (``integer``
        defaults to true for an int parameter) or ``{choices = [...]}``.
    a : Analysis
        The analysis whose declarations check each value.

    Returns
    -------
    dict
        Parameter name to ``{"low", "high", "log", "integer"}`` or ``{"choices"}``.

    Raises
    ------
    InputError
        If a range is not a table, holds an unknown key, lacks ``low`` or ``high``, is not a
        finite interval, is logarithmic with ``low <= 0``, or is not integer for an int
        parameter; or if a non-numeric parameter is given a range instead of choices.

    Examples
    --------
    >>> from benchgame.experiments.sweeps.registry import get_analysis
    >>> range_tables({"delta": {"low": 1, "high": 1000, "log": True}},
    ...              get_analysis("leaderboard"))
    {'delta': {'low': 1.0, 'high': 1000.0, 'log': True, 'integer': False}}
    """
    out = {}
    for name, r in doc.items():
        path = f"parameters.{name}"
        p = a.parameters[name]
        if not isinstance(r, dict):
            raise InputError(path, f"is {r!r}", "with design = 'random' give a table "
                             "{low = ..., high = ...} or {choices = [...]}")
        bad = sorted(set(r) - _RANGE_KEYS)
        if bad:
            raise InputError(f"{path}.{bad[0]}", "is not a known key",
                             f"use {', '.join(sorted(_RANGE_KEYS))}")
        if "choices" in r:
            if set(r) != {"choices"} or not isinstance(r["choices"], list) or not r["choices"]:
                raise InputError(f"{path}.choices", f"is {r.get('choices')!r}",
                                 "give a non-empty list alone (no low/high)")
            out[name] = {"choices": [p.check(x, f"{path}.choices[{k}]")
                                     for k, x in enumerate(r["choices"])]}
            continue
        if p.kind not in (int, float):
            raise InputError(path, f"is a {p.kind.__name__} parameter",
                             "give {choices = [...]} for it")
        for key in ("low", "high"):
            if key not in r:
                raise InputError(f"{path}.{key}", "is missing", "give low and high")
        lo = p.check(r["low"], f"{path}.low")
        hi = p.check(r["high"], f"{path}.high")
        if not (math.isfinite(lo) and math.isfinite(hi) and lo <= hi):
            raise InputError(path, f"range [{lo}, {hi}] is not a finite interval",
                             "give finite low <= high")
        log = r.get("log", False)
        integer = r.get("integer", p.kind is int)
        if not isinstance(log, bool) or not isinstance(integer, bool):
            raise InputError(path, "log and integer must be true or false", "fix the flags")
        if log and lo <= 0:
            raise InputError(f"{path}.low", f"is {lo} with log = true", "give low > 0")
        if p.kind is int and not integer:
            raise InputError(f"{path}.integer", "is false for an int parameter",
                             "remove it or set it to true")
        out[name] = {"low": lo, "high": hi, "log": log, "integer": integer}
    return out


def case_tables(doc: Any, a: Analysis) -> tuple[dict, ...]:
    """Check the ``[[cases]]`` tables: explicit joint parameter values.

    Parameters
    ----------
    doc : Any
        The value of ``cases`` in the specification.
    a : Analysis
        The analysis whose declarations check each value.

    Returns
    -------
    tuple of dict
        The checked cases, in the order given.

    Raises
    ------
    InputError
        If ``doc`` is not a non-empty list of non-empty tables, names an unknown parameter,
        holds a bad value, or repeats a case.

    Examples
    --------
    >>> from benchgame.experiments.sweeps.registry import get_analysis
    >>> case_tables([{"protocol": "direct"}, {"protocol": "tbt", "delta": 100}],
    ...             get_analysis("leaderboard"))
    ({'protocol': 'direct'}, {'protocol': 'tbt', 'delta': 100.0})
    """
    if not isinstance(doc, list) or not doc:
        raise InputError("cases", f"is {doc!r}", "write one or more [[cases]] tables")
    out = []
    for k, case in enumerate(doc):
        path = f"cases[{k}]"
        if not isinstance(case, dict) or not case:
            raise InputError(path, f"is {case!r}", "give a non-empty table of parameter values")
        for name in case:
            check_parameter(name, a, f"{path}.{name}")
        out.append({n: a.parameters[n].check(v, f"{path}.{n}") for n, v in case.items()})
    keys = [tuple(sorted(c.items(), key=lambda kv: kv[0])) for c in out]
    if len(set(keys)) != len(keys):
        raise InputError("cases", "repeats a case", "give distinct cases")
    return tuple(out)


def check_parameter(name: str, a: Analysis, path: str) -> None:
    """Check that ``name`` is a declared parameter of the analysis.

    Parameters
    ----------
    name : str
        The parameter name found in the specification.
    a : Analysis
        The analysis.
    path : str
        Key path of the name, used in messages.

    Raises
    ------
    InputError
        If the analysis has no parameter ``name``.

    Examples
    --------
    >>> from benchgame.experiments.sweeps.registry import get_analysis
    >>> try:
    ...     check_parameter("seeds", get_analysis("claims"), "parameters.seeds")
    ... except InputError as exc:
    ...     print(exc)
    parameters.seeds: is not a parameter of analysis 'claims'; use one of claim, examples, probe
    """
    if name not in a.parameters:
        raise InputError(path, f"is not a parameter of analysis {a.name!r}",
                         f"use one of {', '.join(sorted(a.parameters))}")

"""Checked reading of the keys of a parsed TOML document.

Each reader returns the value of one key (or table) in the expected type, or raises
:class:`~benchgame.core.validation.InputError` naming the key path (e.g. ``rewards.values[2]``),
what is wrong and the fix. The leaderboard configuration
(:mod:`benchgame.experiments.leaderboard_config`) and its table parsers
(:mod:`benchgame.experiments.leaderboard_tables`) are built on them.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import Any

import numpy as np

from benchgame.core.validation import InputError

__all__ = ["choice", "key_value", "number", "numbers", "table"]

# Largest magnitude of a configuration number: the thresholds and payoffs square and
# exponentiate them, and beyond this they overflow double precision.
MAX_MAGNITUDE = 1e15


def table(doc: Any, path: str, allowed: set[str], required: bool = True) -> dict:
    """Check that ``doc`` is a table whose keys are all allowed.

    Parameters
    ----------
    doc : Any
        The value found at ``path`` (``None`` when the table is absent).
    path : str
        Key path of the table, used in messages (``""`` for the whole document).
    allowed : set of str
        The keys the table may hold.
    required : bool, default True
        Whether an absent table is an error; when false an absent table reads as ``{}``.

    Returns
    -------
    dict
        ``doc`` itself, or ``{}`` for an absent optional table.

    Raises
    ------
    InputError
        If the table is absent and required, is not a table, or holds an unknown key.

    Examples
    --------
    >>> table({"rule": "index"}, "tie", {"rule", "priority"})
    {'rule': 'index'}
    >>> table(None, "tie", {"rule", "priority"}, required=False)
    {}
    >>> try:
    ...     table({"rule": "index", "order": [0, 1]}, "tie", {"rule", "priority"})
    ... except InputError as exc:
    ...     print(exc)
    tie.order: is not a known key; remove it; allowed keys: priority, rule
    """
    if doc is None:
        if required:
            raise InputError(path, "is missing", f"add a [{path}] table")
        return {}
    if not isinstance(doc, dict):
        raise InputError(path, f"is a {type(doc).__name__}, not a table", f"write [{path}]")
    for k in doc:
        if k not in allowed:
            raise InputError(f"{path}.{k}" if path else k, "is not a known key",
                             f"remove it; allowed keys: {', '.join(sorted(allowed))}")
    return doc


def number(v: Any, path: str, *, min_value: float | None = None, strict_min: bool = False
           ) -> float:
    """Check that ``v`` is a finite number, optionally bounded below.

    Parameters
    ----------
    v : Any
        The value of the key (booleans are refused).
    path : str
        Key path, used in messages.
    min_value : float, optional
        Smallest accepted value.
    strict_min : bool, default False
        Refuse ``min_value`` itself as well.

    Returns
    -------
    float
        ``v`` as a float.

    Raises
    ------
    InputError
        If ``v`` is not a number, is not finite, or is below the bound.

    Examples
    --------
    >>> number(2, "cost.kappa", min_value=0.0)
    2.0
    >>> try:
    ...     number(0, "rewards.prize", min_value=0.0, strict_min=True)
    ... except InputError as exc:
    ...     print(exc)
    rewards.prize: is 0.0; give a number > 0
    """
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise InputError(path, f"is {v!r} ({type(v).__name__})", "give a number")
    x = float(v)
    if not math.isfinite(x):
        raise InputError(path, f"is {x}", "give a finite number")
    if abs(x) > MAX_MAGNITUDE:
        raise InputError(path, f"is {x:g}, beyond +-{MAX_MAGNITUDE:g} where the game's "
                         "computations overflow", "rescale the game (rewards, costs and "
                         "protocol levels by a common factor)")
    if min_value is not None and (x < min_value or (strict_min and x == min_value)):
        rel = ">" if strict_min else ">="
        raise InputError(path, f"is {x}", f"give a number {rel} {min_value:g}")
    return x


def numbers(v: Any, path: str, *, length: int | None = None, min_value: float | None = None,
            scalar_ok: bool = False) -> Any:
    """Check that ``v`` is a list of finite numbers (or, if allowed, one number).

    Parameters
    ----------
    v : Any
        The value of the key.
    path : str
        Key path, used in messages (entries are named ``path[k]``).
    length : int, optional
        Required number of entries (one per developer).
    min_value : float, optional
        Smallest accepted entry.
    scalar_ok : bool, default False
        Accept a single number as well, returned as a float.

    Returns
    -------
    numpy.ndarray or float
        The entries as a float array, or the number when ``scalar_ok`` and ``v`` is not a list.

    Raises
    ------
    InputError
        If ``v`` is not a list (or number), has another length than ``length``, or an entry is
        not a finite number at least ``min_value``.

    Examples
    --------
    >>> numbers([2, 1.5], "score.alpha", length=2)
    array([2. , 1.5])
    >>> numbers(0.5, "score.lower", scalar_ok=True)
    0.5
    >>> try:
    ...     numbers([1.0, -1.0], "cost.slopes", min_value=0.0)
    ... except InputError as exc:
    ...     print(exc)
    cost.slopes[1]: is -1.0; give a number >= 0
    """
    if scalar_ok and not isinstance(v, list):
        return number(v, path, min_value=min_value)
    if not isinstance(v, list):
        raise InputError(path, f"is {v!r}", "give a list of numbers")
    if length is not None and len(v) != length:
        raise InputError(path, f"has {len(v)} entries", f"give {length} (one per developer)")
    return np.array([number(x, f"{path}[{k}]", min_value=min_value) for k, x in enumerate(v)])


def key_value(doc: dict, key: str, path: str, default: Any = ...) -> Any:
    """Look up ``key`` in the table ``doc`` at ``path``.

    Parameters
    ----------
    doc : dict
        The table.
    key : str
        The key to read.
    path : str
        Key path of the table, used in messages.
    default : Any, optional
        Value of an absent key; without it the key is required.

    Returns
    -------
    Any
        The value of the key, or ``default``.

    Raises
    ------
    InputError
        If the key is absent and no default is given.

    Examples
    --------
    >>> key_value({"type": "power"}, "type", "cost")
    'power'
    >>> key_value({}, "label", "protocols[0]", None) is None
    True
    >>> try:
    ...     key_value({}, "type", "cost")
    ... except InputError as exc:
    ...     print(exc)
    cost.type: is missing; add `type = ...` to [cost]
    """
    if key in doc:
        return doc[key]
    if default is ...:
        raise InputError(f"{path}.{key}", "is missing", f"add `{key} = ...` to [{path}]")
    return default


def choice(v: Any, path: str, options: Collection[str]) -> str:
    """Check that ``v`` is one of the strings ``options``.

    Parameters
    ----------
    v : Any
        The value of the key.
    path : str
        Key path, used in messages.
    options : collection of str
        The accepted values (listed sorted in the message).

    Returns
    -------
    str
        ``v``.

    Raises
    ------
    InputError
        If ``v`` is not one of ``options``.

    Examples
    --------
    >>> choice("index", "tie.rule", {"capability", "index", "uniform"})
    'index'
    >>> try:
    ...     choice("random", "tie.rule", {"capability", "index", "uniform"})
    ... except InputError as exc:
    ...     print(exc)
    tie.rule: is 'random'; use one of capability, index, uniform
    """
    if not isinstance(v, str) or v not in options:
        raise InputError(path, f"is {v!r}", f"use one of {', '.join(sorted(options))}")
    return v

"""Input validation shared by every benchgame model.

Every public constructor and solver validates its arguments here, so that bad input fails with one
clear line that names the offending field and says how to fix it, instead of a traceback from deep
inside numpy or, worse, a silently wrong answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = [
    "InputError",
    "as_finite_array",
    "as_probability_vector",
    "require",
]


class InputError(ValueError):
    """Invalid user input, with a message naming the field, the problem and the fix.

    The message is ``"<field>: <problem>; <fix>"`` (without ``"; <fix>"`` when ``fix`` is
    empty); the three parts are kept as attributes of the same names.

    Parameters
    ----------
    field : str
        Name of the offending argument, key or column (e.g. ``"payoffs"``).
    problem : str
        What is wrong with it.
    fix : str, default ""
        What to do instead.

    Examples
    --------
    >>> err = InputError("rewards.values[2]", "is -1.0", "give a number >= 0")
    >>> print(err)
    rewards.values[2]: is -1.0; give a number >= 0
    >>> err.field, isinstance(err, ValueError)
    ('rewards.values[2]', True)
    """

    def __init__(self, field: str, problem: str, fix: str = "") -> None:
        self.field = field
        self.problem = problem
        self.fix = fix
        message = f"{field}: {problem}"
        if fix:
            message += f"; {fix}"
        super().__init__(message)


def require(condition: bool, field: str, problem: str, fix: str = "") -> None:
    """Raise :class:`InputError` for ``field`` unless ``condition`` holds.

    Parameters
    ----------
    condition : bool
        The check; nothing happens when it is true.
    field : str
        Name of the argument, key or column being checked.
    problem : str
        What is wrong when the check fails.
    fix : str, default ""
        What to do instead.

    Raises
    ------
    InputError
        With ``field``, ``problem`` and ``fix`` when ``condition`` is false.

    Examples
    --------
    >>> require(0.5 > 0, "tol", "is 0.5")
    >>> require(-1 > 0, "tol", "is -1", "give a tolerance >= 0")
    Traceback (most recent call last):
        ...
    benchgame.core.validation.InputError: tol: is -1; give a tolerance >= 0
    """
    if not condition:
        raise InputError(field, problem, fix)


def as_finite_array(
    value: Any,
    field: str,
    *,
    ndim: int | None = None,
    min_ndim: int | None = None,
    shape: Sequence[int | None] | None = None,
    nonnegative: bool = False,
    allow_empty: bool = False,
) -> np.ndarray:
    """Convert ``value`` to a float array and check it is rectangular, finite and well shaped.

    Parameters
    ----------
    value : array_like
        The user's input.
    field : str
        Name used in error messages.
    ndim, min_ndim : int, optional
        Exact or minimal number of dimensions.
    shape : sequence of int or None, optional
        Required shape; ``None`` entries are free.
    nonnegative : bool, default False
        Reject negative entries.
    allow_empty : bool, default False
        Accept arrays with a zero-length axis.

    Returns
    -------
    numpy.ndarray
        A new float64 array (the caller may keep it).

    Raises
    ------
    InputError
        If ``value`` is ragged or not numeric, has the wrong number of dimensions or shape, is
        empty (unless ``allow_empty``), holds NaN or infinity, or holds a negative entry when
        ``nonnegative`` is set.

    Examples
    --------
    >>> as_finite_array([[1, 2], [3, 4]], "payoffs", shape=(2, None))
    array([[1., 2.],
           [3., 4.]])
    >>> try:
    ...     as_finite_array([1.0, float("nan")], "scores")
    ... except InputError as exc:
    ...     print(exc)
    scores: contains a non-finite value (NaN or inf) at index (1,); replace it with a finite number
    """
    try:
        arr = np.array(value, dtype=float)
    except (ValueError, TypeError) as exc:
        raise InputError(
            field,
            "is not a rectangular array of numbers (ragged rows or non-numeric entries)",
            "give a nested list or array whose rows all have the same length and hold numbers",
        ) from exc
    if ndim is not None and arr.ndim != ndim:
        raise InputError(field, f"has {arr.ndim} dimension(s), expected {ndim}",
                         f"reshape it to a {ndim}-dimensional array")
    if min_ndim is not None and arr.ndim < min_ndim:
        raise InputError(field, f"has {arr.ndim} dimension(s), expected at least {min_ndim}")
    if shape is not None:
        if len(shape) != arr.ndim or any(
            want is not None and want != got for want, got in zip(shape, arr.shape, strict=False)
        ):
            want_txt = "(" + ", ".join("*" if s is None else str(s) for s in shape) + ")"
            raise InputError(field, f"has shape {arr.shape}, expected {want_txt}")
    if not allow_empty and arr.size == 0:
        raise InputError(field, "is empty", "give at least one entry along every axis")
    if not np.all(np.isfinite(arr)):
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        raise InputError(field, f"contains a non-finite value (NaN or inf) at index {bad}",
                         "replace it with a finite number")
    if nonnegative and np.any(arr < 0):
        bad = tuple(int(i) for i in np.argwhere(arr < 0)[0])
        raise InputError(field, f"contains a negative value at index {bad}",
                         "all entries must be >= 0")
    return arr


def as_probability_vector(value: Any, field: str, *, size: int | None = None,
                          tol: float = 1e-9) -> np.ndarray:
    """Validate a probability vector: finite, non-negative, summing to one within ``tol``.

    Parameters
    ----------
    value : array_like
        The user's input, one-dimensional.
    field : str
        Name used in error messages.
    size : int, optional
        Required number of entries.
    tol : float, default 1e-9
        Largest accepted distance of the sum from one.

    Returns
    -------
    numpy.ndarray
        A new float64 array with the entries (not renormalised).

    Raises
    ------
    InputError
        If the vector is not finite, one-dimensional and non-negative, has another size than
        ``size``, or does not sum to one within ``tol``.

    Examples
    --------
    >>> as_probability_vector([0.25, 0.75], "weights")
    array([0.25, 0.75])
    >>> try:
    ...     as_probability_vector([0.5, 0.6], "weights")
    ... except InputError as exc:
    ...     print(exc)
    weights: sums to 1.1, not 1; normalise it (divide by its sum) or fix the entries
    """
    arr = as_finite_array(value, field, ndim=1, nonnegative=True)
    if size is not None and arr.shape[0] != size:
        raise InputError(field, f"has {arr.shape[0]} entries, expected {size}")
    total = float(arr.sum())
    if abs(total - 1.0) > tol:
        raise InputError(field, f"sums to {total:.12g}, not 1",
                         "normalise it (divide by its sum) or fix the entries")
    return arr


def as_tolerance(value: Any, field: str = "tol") -> float:
    """Convert ``value`` to a finite, non-negative float tolerance.

    Parameters
    ----------
    value : Any
        The user's tolerance.
    field : str, default "tol"
        Name used in error messages.

    Returns
    -------
    float
        The tolerance.

    Raises
    ------
    InputError
        If ``value`` is not a number, or is negative or not finite.
    """
    try:
        tol = float(value)
    except (TypeError, ValueError):
        raise InputError(field, f"is {value!r}, not a number",
                         "give a tolerance >= 0, e.g. 1e-9") from None
    require(np.isfinite(tol) and tol >= 0, field, f"is {value!r}",
            "give a finite tolerance >= 0, e.g. 1e-9")
    return tol

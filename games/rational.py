"""Exact solution of linear systems over the rationals (fraction-free Bareiss elimination).

For an integer matrix, Bareiss' elimination (Bareiss 1968, *Sylvester's identity and multistep
integer-preserving Gaussian elimination*, Math. Comp. 22) updates

    a_rj <- (a_rj a_pc - a_rc a_pj) / d,

where ``a_pc`` is the current pivot and ``d`` the previous one; every division is exact, so all
intermediate entries stay integers bounded by minors of the input (no fraction normalisation in
the inner loop). Rational inputs are first scaled row by row to integers.

References
----------
Bareiss, E. H. (1968). Sylvester's identity and multistep integer-preserving Gaussian
elimination. *Mathematics of Computation* 22(103), 565-578.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import lcm

__all__ = ["solve_rational_system"]


def solve_rational_system(M: Sequence[Sequence[Fraction | int]],
                          rhs: Sequence[Fraction | int]) -> list[Fraction] | None:
    """Unique solution ``x`` of ``M x = rhs`` in exact arithmetic, or ``None``.

    Parameters
    ----------
    M : r x c nested sequence of Fraction or int, ``r >= c``
        Coefficients (square or over-determined).
    rhs : length-r sequence
        Right-hand side.

    Returns
    -------
    list of Fraction or None
        ``None`` if the system is inconsistent or its solution is not unique (rank < c).

    Raises
    ------
    ValueError
        If ``M`` and ``rhs`` have different numbers of rows.

    References
    ----------
    Bareiss, E. H. (1968). Sylvester's identity and multistep integer-preserving Gaussian
    elimination. *Mathematics of Computation* 22(103), 565-578.

    Examples
    --------
    >>> from fractions import Fraction
    >>> solve_rational_system([[2, 1], [1, 3]], [1, Fraction(1, 2)])
    [Fraction(1, 2), Fraction(0, 1)]
    >>> solve_rational_system([[1, 1], [2, 2]], [1, 2]) is None  # rank 1: not unique
    True
    """
    ncol = len(M[0]) if len(M) else 0
    if len(M) != len(rhs):
        raise ValueError(f"M has {len(M)} rows but rhs has {len(rhs)} entries")
    rows: list[list[int]] = []
    for r, b in zip(M, rhs, strict=True):
        raw = [*r, b]
        if all(type(v) is int for v in raw):  # integer rows need no scaling
            rows.append(raw)
            continue
        vals = [Fraction(v) for v in raw]
        scale = lcm(*(v.denominator for v in vals))
        rows.append([int(v * scale) for v in vals])
    prev = 1
    for c in range(ncol):
        p = next((r for r in range(c, len(rows)) if rows[r][c] != 0), None)
        if p is None:
            return None
        rows[c], rows[p] = rows[p], rows[c]
        piv = rows[c]
        a_pc = piv[c]
        for r in range(c + 1, len(rows)):
            row = rows[r]
            a_rc = row[c]
            for j in range(c + 1, ncol + 1):
                row[j] = (row[j] * a_pc - a_rc * piv[j]) // prev
            row[c] = 0
        prev = a_pc
    if any(rows[r][ncol] != 0 for r in range(ncol, len(rows))):
        return None
    x: list[Fraction] = [Fraction(0)] * ncol
    for c in range(ncol - 1, -1, -1):
        acc = Fraction(rows[c][ncol]) - sum((rows[c][j] * x[j] for j in range(c + 1, ncol)),
                                            Fraction(0))
        x[c] = acc / rows[c][c]
    return x

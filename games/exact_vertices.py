"""Exact vertices of a best-response polytope near a vertex found in floating point.

The payoffs stored as floats are exact (binary) rationals, so the best-response polytope
``P = {z >= 0, M^T z <= 1}`` they define is exact too. A floating-point vertex ``z`` carries the
labels whose slack is below a tolerance (its *loose* labels ``L``); every exact vertex ``w`` that
rounds to ``z`` has its exact labels inside ``L``. When ``L`` determines a unique point that
satisfies every label of ``L`` exactly, that point is the only exact vertex with labels inside
``L`` (a vertex is fixed by any ``d`` independent of its labels, and all of them hold at that
point). Otherwise, the float vertex stands for a cluster of exact vertices closer together than
the rounding error (payoffs with near-ties, such as decimals, which are not exact in binary),
and the cluster is recovered by solving every ``d``-subset of ``L`` exactly and keeping the
feasible solutions.

References
----------
von Stengel, B. (2002). Computing equilibria for two-person games. In R. J. Aumann and
S. Hart (eds.), *Handbook of Game Theory with Economic Applications*, vol. 3, ch. 45,
1723-1759. Elsevier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from math import comb, lcm

import numpy as np

from benchgame.core.validation import InputError, require
from benchgame.games.rational import solve_rational_system

__all__ = ["ExactVertex", "exact_cluster", "exact_degeneracy", "integer_constraints"]

MAX_CLUSTER_SUBSETS = 20_000
"""Largest number of label subsets solved exactly to resolve one floating-point vertex."""


@dataclass(frozen=True)
class ExactVertex:
    """An exact vertex of ``{z >= 0, M^T z <= 1}``: normalised point and exact labels.

    Parameters
    ----------
    point : tuple of Fraction
        ``z / sum z`` (a mixed strategy, summing to exactly one).
    labels : tuple of bool
        ``labels[k]``: coordinate ``k`` is zero (``k < d``) or constraint ``k - d`` is tight.
    """

    point: tuple[Fraction, ...]
    labels: tuple[bool, ...]

    def to_dict(self) -> dict:
        """The vertex as JSON-safe data: ``point`` as fraction strings, ``labels`` as bools.

        Returns
        -------
        dict
            ``{"point": [...], "labels": [...]}``.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> ExactVertex((F(1, 3), F(2, 3)), (False, False, True, True)).to_dict()
        {'point': ['1/3', '2/3'], 'labels': [False, False, True, True]}
        """
        return {"point": [str(p) for p in self.point], "labels": [bool(v) for v in self.labels]}


def integer_constraints(payoffs: np.ndarray) -> list[list[int]]:
    """Integer matrix ``M`` (rows: own strategies) with the best-response polytope of ``payoffs``.

    ``payoffs`` holds the exact payoffs that the opponent of the polytope's owner receives, with
    the owner's strategies as rows. They are shifted to be at least one and multiplied by the
    common denominator; positive affine maps leave the normalised vertices and their labels
    unchanged.

    Parameters
    ----------
    payoffs : ndarray of Fraction, shape (d, e)
        Exact payoffs (:func:`benchgame.games.exact_verification.exact_payoff_tensor`).

    Returns
    -------
    list of list of int
        ``d`` rows of ``e`` positive integers.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> integer_constraints(np.array([[F(1, 2), F(0)], [F(-1, 4), F(1)]], dtype=object))
    [[7, 5], [4, 9]]
    """
    low = min(payoffs.ravel())
    shifted = [[v - low + 1 for v in row] for row in payoffs]
    scale = lcm(*(v.denominator for row in shifted for v in row))
    return [[int(v * scale) for v in row] for row in shifted]


def _vertex(M: Sequence[Sequence[int]], support: Sequence[int], tight: Sequence[int],
            d: int) -> tuple[bool, ExactVertex | None]:
    """The exact point with ``z_i = 0`` off ``support`` and the ``tight`` constraints at one.

    Returns ``(unique, vertex)``: whether the system has a unique solution, and that solution
    as a vertex if it is also nonnegative and feasible (else None).
    """
    sol = solve_rational_system([[M[i][j] for i in support] for j in tight], [1] * len(tight))
    if sol is None:
        return False, None
    den = lcm(*(v.denominator for v in sol))
    num = [0] * d
    for i, v in zip(support, sol, strict=True):
        num[i] = int(v * den)
    if any(v < 0 for v in num):
        return True, None
    slack = [sum(M[i][j] * num[i] for i in support) for j in range(len(M[0]))]
    if any(s > den for s in slack):
        return True, None
    total = sum(num)
    point = tuple(Fraction(v, total) for v in num)
    return True, ExactVertex(point, tuple(v == 0 for v in num) + tuple(s == den for s in slack))


def exact_cluster(M: Sequence[Sequence[int]], labels: np.ndarray, d: int, *,
                  max_subsets: int = MAX_CLUSTER_SUBSETS) -> list[ExactVertex]:
    """Exact vertices of ``{z >= 0, M^T z <= 1}`` whose labels all lie in ``labels``.

    Parameters
    ----------
    M : sequence of sequence of int
        Positive integer constraint matrix with ``d`` rows (:func:`integer_constraints`).
    labels : ndarray of bool, shape (d + e,)
        Loose labels of a floating-point vertex (coordinates ``k < d`` at zero, constraints
        ``k - d`` tight, both up to a tolerance).
    d : int
        Dimension of the polytope.
    max_subsets : int
        Largest number of ``d``-subsets of ``labels`` to solve when the whole set has no exact
        solution.

    Returns
    -------
    list of ExactVertex
        The nonzero exact vertices with labels inside ``labels``, sorted by point; one vertex
        unless the float vertex merged several exact ones.

    Raises
    ------
    benchgame.core.validation.InputError
        If resolving the cluster needs more than ``max_subsets`` exact solves.

    Examples
    --------
    The square ``{z >= 0, z_1 <= 1, z_2 <= 1}``: the labels ``z_1 = 1, z_2 = 1`` give the
    vertex ``(1, 1)``; all four labels (as a float vertex at a tiny square would see) give the
    three nonzero vertices.

    >>> [str(p) for p in exact_cluster([[1, 0], [0, 1]], np.array([0, 0, 1, 1], bool), 2)[0].point]
    ['1/2', '1/2']
    >>> [[str(p) for p in v.point] for v in exact_cluster([[1, 0], [0, 1]], np.ones(4, bool), 2)]
    [['0', '1'], ['1/2', '1/2'], ['1', '0']]
    """
    zero = [i for i in range(d) if labels[i]]
    tight = [j for j in range(len(labels) - d) if labels[d + j]]
    support = [i for i in range(d) if not labels[i]]
    if support and len(tight) >= len(support):
        unique, v = _vertex(M, support, tight, d)
        if unique:  # one point has every label: no other vertex has labels inside them
            return [] if v is None else [v]
    count = sum(comb(len(zero), d - t) * comb(len(tight), t) for t in range(1, d + 1))
    require(count <= max_subsets, "game", f"a vertex found in floating point stands for several "
            f"exact vertices closer together than the rounding error; resolving it needs "
            f"{count} exact solves (limit {max_subsets})",
            "multiply the payoffs by a power of ten and round them to integers (exact ties are "
            "then resolved directly), or raise max_subsets")
    found: dict[tuple[Fraction, ...], ExactVertex] = {}
    for t in range(1, min(d, len(tight)) + 1):
        for Z in combinations(zero, d - t):
            supp = [i for i in range(d) if i not in Z]
            for T in combinations(tight, t):
                _, v = _vertex(M, supp, T, d)
                if v is not None:
                    found.setdefault(v.point, v)
    return [found[k] for k in sorted(found)]


def exact_degeneracy(*sides: tuple, max_checks: int = 200) -> bool | None:
    """Whether the exact game is degenerate, from the float vertices with too many labels.

    A vertex of the exact polytope with more than ``d`` labels has at least as many loose
    labels, so the game is nondegenerate when no float vertex is over-labelled; otherwise the
    over-labelled float vertices are resolved exactly until one of their exact vertices is
    over-labelled too.

    Parameters
    ----------
    *sides : tuple of (Polytope, M, dict)
        For each best-response polytope: its float vertices
        (:class:`benchgame.games.best_response_polytopes.Polytope`), its integer constraint
        matrix (:func:`integer_constraints`) and a cache of already resolved float vertices
        (index to the list returned by :func:`exact_cluster`).
    max_checks : int
        Largest number of over-labelled float vertices to resolve.

    Returns
    -------
    bool or None
        ``True`` if an exact vertex has more labels than its dimension, ``False`` if none has,
        ``None`` if that was not decided within ``max_checks`` resolutions.

    Examples
    --------
    >>> from benchgame.games.best_response_polytopes import polytope_vertices
    >>> M = [[1, 1], [1, 1]]  # z_1 + z_2 <= 1 twice: the vertex (1, 0) has three labels
    >>> exact_degeneracy((polytope_vertices(np.ones((2, 2))), M, {}))
    True
    """
    checks = 0
    for V, M, cache in sides:
        d = V.points.shape[1]
        for idx in V.over_labelled:
            if checks >= max_checks:
                return None
            checks += 1
            try:
                cluster = cache[int(idx)] if int(idx) in cache else exact_cluster(
                    M, V.labels[idx], d)
            except InputError:
                return None
            if any(sum(v.labels) > d for v in cluster):
                return True
    return False

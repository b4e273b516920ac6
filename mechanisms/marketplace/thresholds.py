"""Symbolic thresholds of the two-task budget-line games, derived from the payoff expressions.

Two-task, budget-line games in the reconstruction of Donahue and Raghavan (arXiv:2602.23293);
the thresholds below are derived in this library, not quoted from the paper. Tasks A, B with
``pi_A = pi``; producer ``k`` picks ``q_k = (alpha_k, 1 - alpha_k)``.
The payoffs at the homogenized profile (everyone at ``alpha = 1``) and at the best deviation
(``alpha = 0``) are built symbolically from the choice rule (exact ties for epsilon-uniform,
``exp(beta q)`` for softmax) and the threshold on ``pi`` solves ``stay = deviate``:

- two producers, weighted winrate, epsilon-uniform: ``(2 - eps)/(3 - eps)``;
- two producers, weighted winrate, softmax: ``2 sigma(beta) / (1 + 2 sigma(beta))``;
- ``n`` producers, perfect aggregation: winrate ``1 - 1/n``, weighted winrate ``n/(n + 1)``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from numbers import Rational

import lazy_loader as lazy

from benchgame.core.validation import InputError, require

sp = lazy.load("sympy")

__all__ = ["SYMBOLIC_MECHANISMS", "homogenized_threshold", "symbolic_payoffs"]

_SYMBOLS = ("pi_sym", "eps_sym", "beta_sym")


@functools.cache
def _symbols() -> dict:
    """The non-negative parameter symbols ``pi``, ``epsilon`` and ``beta`` (sympy on first use)."""
    return dict(zip(_SYMBOLS, sp.symbols("pi epsilon beta", nonnegative=True), strict=True))


def __getattr__(name: str) -> object:
    # pi_sym, eps_sym and beta_sym are created on first use, so importing needs no sympy
    if name in _SYMBOLS:
        return _symbols()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

SYMBOLIC_MECHANISMS = ("winrate", "weighted_winrate")
"""Payment rules :func:`symbolic_payoffs` derives in closed form."""


def _exact(q: object, field: str) -> sp.Rational:
    """Quality ``q`` as an exact sympy rational (never truncated).

    Integers, :class:`fractions.Fraction` and sympy rationals are taken as they are. A float is
    read as the simplest rational that rounds to it (``nsimplify``: ``0.8 -> 4/5``) when that
    rational converts back to the very same float, else as the float's exact binary value
    (``sympy.Rational(q)``); either way ``float(result) == q``.
    """
    if isinstance(q, sp.Rational):
        return q
    if isinstance(q, sp.Float) or (hasattr(q, "item") and not isinstance(q, (Rational, float))):
        q = float(q) if isinstance(q, sp.Float) else q.item()  # sympy Float, numpy scalar
    if isinstance(q, bool) or not isinstance(q, (Rational, float)):
        raise InputError(field, f"is {q!r}, not a number",
                         "give integers, Fractions, sympy Rationals or floats")
    if isinstance(q, Rational):
        return sp.Rational(int(q.numerator), int(q.denominator))
    x = float(q)
    require(math.isfinite(x), field, f"is {x}", "give a finite quality")
    r = sp.nsimplify(x, rational=True)
    if not (isinstance(r, sp.Rational) and float(r) == x):
        r = sp.Rational(x)
    return r


def symbolic_payoffs(Q: Sequence[Sequence[object]], rule: str, mechanism: str,
                     pi: sp.Expr | None = None, param: sp.Expr | None = None) -> list[sp.Expr]:
    """Payoffs of every model for exact rational qualities on two tasks, as sympy expressions.

    Parameters
    ----------
    Q : sequence of (number, number)
        Qualities ``(q_i(A), q_i(B))`` of the ``n`` models: integers, ``Fraction``, sympy
        rationals or floats, all converted to exact rationals (a float ``q`` becomes the
        simplest rational that rounds to it, e.g. ``0.8 -> 4/5``, else its exact binary value;
        in both cases the rational converts back to ``q``). Nothing is truncated.
    rule : {"epsilon", "softmax"}
        Epsilon-uniform aggregation with exact ties (parameter ``epsilon``) or softmax
        (parameter ``beta``).
    mechanism : {"winrate", "weighted_winrate"}
        Payment: selection share, or selection share weighted by the winning answer's quality.
        Other registered payment rules (pairwise, reference, margin, marginal) have no closed
        form here and are refused.
    pi : sympy.Expr, optional
        Weight of task A (task B gets ``1 - pi``); default the symbol ``pi``.
    param : sympy.Expr or number, optional
        Value of ``epsilon`` or ``beta``; default the symbol.

    Returns
    -------
    list of sympy.Expr
        The simplified payoff of every model.

    Raises
    ------
    InputError
        If ``mechanism`` is not one of :data:`SYMBOLIC_MECHANISMS` (field ``mechanism``),
        ``rule`` is neither ``"epsilon"`` nor ``"softmax"`` (field ``rule``), or ``Q`` is empty,
        has a row that is not a pair, or holds a value that is not a finite number (field
        ``Q`` / ``Q[i][t]``).

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract (winrate and weighted winrate under
    noisy aggregation); the payoffs are a reconstruction of the paper's definitions.

    Examples
    --------
    >>> symbolic_payoffs([(1, 0), (1, 0)], "epsilon", "weighted_winrate", param=0)
    [pi/2, pi/2]
    >>> symbolic_payoffs([(1, 0), (0, 1)], "epsilon", "winrate")
    [-epsilon*pi + epsilon/2 + pi, epsilon*pi - epsilon/2 - pi + 1]

    Non-integer qualities stay exact; unsupported payment rules are refused:

    >>> symbolic_payoffs([(0.8, 0.2), (0.2, 0.9)], "epsilon", "weighted_winrate", param=0)
    [4*pi/5, 9/10 - 9*pi/10]
    >>> symbolic_payoffs([(1, 0), (0, 1)], "epsilon", "pairwise")
    Traceback (most recent call last):
    ...
    benchgame.core.validation.InputError: mechanism: is 'pairwise', which has no closed form ...
    """
    require(mechanism in SYMBOLIC_MECHANISMS, "mechanism",
            f"is {mechanism!r}, which has no closed form here",
            "use " + " or ".join(repr(m) for m in SYMBOLIC_MECHANISMS))
    require(rule in ("epsilon", "softmax"), "rule", f"is {rule!r}",
            "use 'epsilon' or 'softmax'")
    require(len(Q) >= 1, "Q", "has no models", "give at least one (q_A, q_B) pair")
    rows = []
    for i, q in enumerate(Q):
        require(len(q) == 2, f"Q[{i}]", f"has {len(q)} entries",
                "give one (q_A, q_B) pair per model (two tasks)")
        rows.append([_exact(q[t], f"Q[{i}][{t}]") for t in range(2)])
    n = len(rows)
    pi = _symbols()["pi_sym"] if pi is None else pi
    weights = (pi, 1 - pi)
    pay = [sp.Integer(0)] * n
    for t in range(2):
        col = [q[t] for q in rows]
        if rule == "epsilon":
            e = _symbols()["eps_sym"] if param is None else sp.sympify(param)
            best = max(col)
            B = [i for i in range(n) if col[i] == best]
            P = [(1 - e) * (sp.Rational(1, len(B)) if i in B else 0) + e / n for i in range(n)]
        else:  # softmax
            b = _symbols()["beta_sym"] if param is None else sp.sympify(param)
            ex = [sp.exp(b * c) for c in col]
            P = [x / sum(ex) for x in ex]
        for i in range(n):
            pay[i] += weights[t] * P[i] * (col[i] if mechanism == "weighted_winrate" else 1)
    return [sp.simplify(p) for p in pay]


def homogenized_threshold(n: int, rule: str, mechanism: str,
                          param: sp.Expr | None = None) -> sp.Expr:
    """Threshold ``pi*``: everyone at ``alpha = 1`` is an equilibrium iff ``pi >= pi*``.

    Solves ``payoff(stay) = payoff(deviate to alpha = 0)`` for ``pi``; deviations to interior
    ``alpha`` are dominated (payoff linear in ``alpha`` off the tie point), which the numeric
    solver confirms on a grid.

    Parameters
    ----------
    n : int
        Number of producers, all at ``q = (1, 0)`` in the homogenized profile.
    rule : {"epsilon", "softmax"}
        Choice rule (see :func:`symbolic_payoffs`).
    mechanism : {"winrate", "weighted_winrate"}
        Payment rule.
    param : sympy.Expr or number, optional
        Value of ``epsilon`` or ``beta``; default the symbol.

    Returns
    -------
    sympy.Expr
        The threshold on the weight ``pi`` of task A.

    Raises
    ------
    InputError
        If ``rule`` or ``mechanism`` is not supported (see :func:`symbolic_payoffs`).
    ValueError
        If ``stay = deviate`` does not have exactly one solution in ``pi``.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: winrate can incentivize
    homogenization, weighted winrate improves incentives to specialize. These closed forms are
    derived here from a reconstruction of the paper's model, not quoted from the paper.

    Examples
    --------
    Two producers under weighted winrate: epsilon-uniform gives ``(2 - eps)/(3 - eps)``,
    softmax ``2 sigma(beta) / (1 + 2 sigma(beta))``:

    >>> homogenized_threshold(2, "epsilon", "weighted_winrate")
    (epsilon - 2)/(epsilon - 3)
    >>> homogenized_threshold(2, "softmax", "weighted_winrate")
    2*exp(beta)/(3*exp(beta) + 1)

    Three producers, perfect aggregation: ``1 - 1/n`` for winrate, ``n/(n + 1)`` for weighted
    winrate:

    >>> homogenized_threshold(3, "epsilon", "winrate", param=0)
    2/3
    >>> homogenized_threshold(3, "epsilon", "weighted_winrate", param=0)
    3/4
    """
    stay = symbolic_payoffs([(1, 0)] * n, rule, mechanism, param=param)[0]
    dev = symbolic_payoffs([(0, 1)] + [(1, 0)] * (n - 1), rule, mechanism, param=param)[0]
    sol = sp.solve(sp.Eq(stay, dev), _symbols()["pi_sym"])
    if len(sol) != 1:
        raise ValueError(f"expected one threshold, got {sol}")
    return sp.simplify(sol[0])

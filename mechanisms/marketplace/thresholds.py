"""Symbolic thresholds of the two-task budget-line games, derived from the payoff expressions.

Reconstruction of Donahue and Raghavan (arXiv:2602.23293), section 3.4 of the reconstruction.
Tasks A, B with ``pi_A = pi``; producer ``k`` picks ``q_k = (alpha_k, 1 - alpha_k)``.
The payoffs at the homogenized profile (everyone at ``alpha = 1``) and at the best deviation
(``alpha = 0``) are built symbolically from the choice rule (exact ties for epsilon-uniform,
``exp(beta q)`` for softmax) and the threshold on ``pi`` solves ``stay = deviate``:

- two producers, weighted winrate, epsilon-uniform: ``(2 - eps)/(3 - eps)``;
- two producers, weighted winrate, softmax: ``2 sigma(beta) / (1 + 2 sigma(beta))``;
- ``n`` producers, perfect aggregation: winrate ``1 - 1/n``, weighted winrate ``n/(n + 1)``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

__all__ = ["homogenized_threshold", "symbolic_payoffs"]

pi_sym, eps_sym, beta_sym = sp.symbols("pi epsilon beta", nonnegative=True)


def symbolic_payoffs(Q: Sequence[Sequence[int]], rule: str, mechanism: str,
                     pi: sp.Expr = pi_sym, param: sp.Expr | None = None) -> list[sp.Expr]:
    """Payoffs of every model for integer qualities ``Q`` (n x 2) as sympy expressions.

    ``rule`` is ``"epsilon"`` (parameter ``eps``, exact ties) or ``"softmax"`` (``beta``);
    ``mechanism`` is ``"winrate"`` or ``"weighted_winrate"``.
    """
    n = len(Q)
    weights = (pi, 1 - pi)
    pay = [sp.Integer(0)] * n
    for t in range(2):
        col = [sp.Integer(q[t]) for q in Q]
        if rule == "epsilon":
            e = eps_sym if param is None else sp.sympify(param)
            best = max(col)
            B = [i for i in range(n) if col[i] == best]
            P = [(1 - e) * (sp.Rational(1, len(B)) if i in B else 0) + e / n for i in range(n)]
        elif rule == "softmax":
            b = beta_sym if param is None else sp.sympify(param)
            ex = [sp.exp(b * c) for c in col]
            P = [x / sum(ex) for x in ex]
        else:
            raise ValueError(f"rule {rule!r}: use 'epsilon' or 'softmax'")
        for i in range(n):
            pay[i] += weights[t] * P[i] * (col[i] if mechanism == "weighted_winrate" else 1)
    return [sp.simplify(p) for p in pay]


def homogenized_threshold(n: int, rule: str, mechanism: str,
                          param: sp.Expr | None = None) -> sp.Expr:
    """Threshold ``pi*`` with: everyone at ``alpha = 1`` is an equilibrium iff ``pi >= pi*``.

    Solves ``payoff(stay) = payoff(deviate to alpha = 0)`` for ``pi``; deviations to interior
    ``alpha`` are dominated (payoff linear in ``alpha`` off the tie point), which the numeric
    solver confirms on a grid.
    """
    stay = symbolic_payoffs([(1, 0)] * n, rule, mechanism, param=param)[0]
    dev = symbolic_payoffs([(0, 1)] + [(1, 0)] * (n - 1), rule, mechanism, param=param)[0]
    sol = sp.solve(sp.Eq(stay, dev), pi_sym)
    if len(sol) != 1:
        raise ValueError(f"expected one threshold, got {sol}")
    return sp.simplify(sol[0])

"""Discrete-time replicator dynamics for n-player games (Taylor & Jonker 1978).

The continuous replicator dynamics

.. math::  \\dot x_i(a) = x_i(a)\\,\\big(u_i(a, x_{-i}) - u_i(x)\\big)

are discretised with the Euler step (Taylor-Jonker form, payoffs normalised by each player's
payoff range :math:`\\rho_i` so that the step does not depend on the payoff scale)

.. math::  x_i^{t+1}(a) = x_i^t(a)\\Big(1 + h\\,\\frac{u_i(a, x_{-i}^t) - u_i(x^t)}{\\rho_i}\\Big),

which stays in the simplex for ``0 < h <= 1`` (the bracket is at least ``1 - h``). Properties
(Hofbauer & Sigmund, "Evolutionary Games and Population Dynamics", 1998): faces of the simplex are
invariant, so a pure strategy outside the initial support is never played (start in the interior,
``init="uniform"`` or ``"random"``); strict Nash equilibria are asymptotically stable; interior
rest points are Nash equilibria; in zero-sum games the orbits cycle, and the *time average*
:math:`\\bar x^T = \\frac1T\\sum_t x^t` approaches the equilibrium (within :math:`O(h)` for the
discrete step). ``average`` chooses which profile is returned; its exploitability is always in
the certificate.

References
----------
Taylor, P. D. and Jonker, L. B. (1978). Evolutionary stable strategies and game dynamics.
*Mathematical Biosciences* 40(1-2), 145-156.

Hofbauer, J. and Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*.
Cambridge University Press.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.approximate import ExploitabilityTrace, as_rng, initial_profile, validate_run
from benchgame.games.equilibrium import Equilibrium
from benchgame.games.normal_form import NormalFormGame

__all__ = ["replicator_dynamics"]


def replicator_dynamics(
    game: NormalFormGame,
    *,
    tol: float = 1e-3,
    max_iter: int = 10_000,
    step: float = 0.05,
    average: bool = True,
    rng: np.random.Generator | int | None = None,
    init: str | Sequence[Any] = "uniform",
    check_every: int = 10,
) -> Equilibrium:
    """Approximate Nash equilibrium by discrete-time replicator dynamics.

    Parameters
    ----------
    game : NormalFormGame
        The game (any number of players).
    tol : float
        Stop when the returned profile's regrets are all ``<= tol * range_i``.
    max_iter : int
        Iteration budget.
    step : float
        Euler step ``h`` in ``(0, 1]`` (on range-normalised payoffs).
    average : bool
        Return the time average (default; converges in zero-sum games) or the last iterate
        (converges to asymptotically stable equilibria, e.g. strict ones).
    rng : numpy.random.Generator or int, optional
        Randomness for ``init="random"``.
    init : {"uniform", "random"} or sequence of array_like
        Initial population state; strategies outside its support are never played.
    check_every : int
        Iterations between exploitability checks.

    Returns
    -------
    Equilibrium
        Certified with relative tolerance ``tol``; provenance records ``iterations``,
        ``converged``, the exploitability trace summary and the variant.

    Raises
    ------
    benchgame.core.validation.InputError
        On a bad ``game``, ``tol``, ``max_iter``, ``check_every``, ``step``, ``rng`` or
        ``init``.

    References
    ----------
    Taylor, P. D. and Jonker, L. B. (1978). Evolutionary stable strategies and game dynamics.
    *Mathematical Biosciences* 40(1-2), 145-156.

    Examples
    --------
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> eq = replicator_dynamics(pd, tol=1e-3, average=False, step=0.5)
    >>> [int(s.argmax()) for s in eq.strategies], eq.provenance["converged"]
    ([1, 1], True)
    """
    validate_run(game, tol, max_iter, check_every)
    require(isinstance(step, (int, float)) and 0 < step <= 1, "step", f"is {step!r}",
            "give an Euler step in (0, 1]")
    x = initial_profile(game, init, as_rng(rng))
    n = game.num_players
    scale = game.regret_scale()
    total = [np.zeros(m) for m in game.shape]
    trace = ExploitabilityTrace(game, tol)
    converged = False
    t = 0
    for t in range(1, max_iter + 1):
        vals = [game.action_values(x, i) for i in range(n)]
        for i in range(n):
            total[i] += x[i]
            x[i] = x[i] * (1.0 + step * (vals[i] - x[i] @ vals[i]) / scale[i])
            x[i] /= x[i].sum()  # remove round-off drift; exact dynamics preserve the sum
        if t % check_every == 0 or t == max_iter:
            current = [s / t for s in total] if average else x
            if trace.check(t, current):
                converged = True
                break
    result = [s / t for s in total] if average else x
    return trace.result(result, "replicator_dynamics", t, converged,
                        variant={"step": step, "average": average,
                                 "init": init if isinstance(init, str) else "given"},
                        reference="Taylor & Jonker (1978)")

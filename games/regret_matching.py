"""Regret matching for n-player games (Hart & Mas-Colell 2000), with average strategies.

Unconditional regret matching (Hart & Mas-Colell, "A simple adaptive procedure leading to
correlated equilibrium", Econometrica 68(5), 2000, Section 4(c)). Each player ``i`` keeps the
cumulative regret of every pure strategy

.. math::  R_i^T(a) = \\sum_{t \\le T} \\big(u_i(a, \\sigma_{-i}^t) - u_i(\\sigma^t)\\big)

and plays :math:`\\sigma_i^{T+1}(a) \\propto [R_i^T(a)]^+` (uniform when no regret is positive).
The average regret vanishes at rate :math:`O(1/\\sqrt{T})`, so the empirical joint play converges
to the set of coarse correlated equilibria; in two-player zero-sum games the average strategies
:math:`\\bar\\sigma_i^T` converge to a Nash equilibrium. In general n-player games the average
profile need not converge to a Nash equilibrium, which is why the result always carries its
exploitability and a ``converged`` flag.

Variants (parameters):

- ``sampled=False`` (default): the expected-value update above, deterministic given the start.
  ``sampled=True``: Hart & Mas-Colell's original procedure, in which every player draws a pure
  action from :math:`\\sigma_i^t` and regrets are measured against the opponents' realised actions;
  the returned profile is then the empirical frequency of each player's play.
- ``plus=True``: regret matching+ (Tammelin 2014): cumulative regrets are clipped at zero every
  step and strategies are averaged with linear weights ``t``; usually much faster in zero-sum
  games.

Each iteration computes every player's action values by tensor contraction
(:meth:`NormalFormGame.action_values`), with no loop over pure profiles.

References
----------
Hart, S. and Mas-Colell, A. (2000). A simple adaptive procedure leading to correlated
equilibrium. *Econometrica* 68(5), 1127-1150.

Tammelin, O. (2014). Solving large imperfect information games using CFR+.
arXiv:1407.5042.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from benchgame.games.approximate import ExploitabilityTrace, as_rng, initial_profile, validate_run
from benchgame.games.equilibrium import Equilibrium
from benchgame.games.normal_form import NormalFormGame

__all__ = ["regret_matching"]


def _match(regret: np.ndarray) -> np.ndarray:
    pos = np.maximum(regret, 0.0)
    total = pos.sum()
    return pos / total if total > 0 else np.full(regret.shape, 1.0 / regret.shape[0])


def regret_matching(
    game: NormalFormGame,
    *,
    tol: float = 1e-3,
    max_iter: int = 10_000,
    rng: np.random.Generator | int | None = None,
    init: str | Sequence[Any] = "uniform",
    plus: bool = False,
    sampled: bool = False,
    check_every: int = 10,
) -> Equilibrium:
    """Approximate Nash equilibrium by regret matching with average strategies.

    Parameters
    ----------
    game : NormalFormGame
        The game (any number of players).
    tol : float
        Stop when the average profile's regrets are all ``<= tol * range_i`` (relative to each
        player's payoff range; the same test as the certificate).
    max_iter : int
        Iteration budget.
    rng : numpy.random.Generator or int, optional
        Randomness for ``init="random"`` and ``sampled=True``; an int seed makes the run
        reproducible.
    init : {"uniform", "random"} or sequence of array_like
        First strategies.
    plus : bool
        Regret matching+ (clipped regrets, linearly weighted averages).
    sampled : bool
        Sample actions as in Hart & Mas-Colell's procedure (returns empirical play frequencies).
    check_every : int
        Iterations between exploitability checks (each check costs about one iteration).

    Returns
    -------
    Equilibrium
        The average profile, certified with relative tolerance ``tol``. ``certificate`` holds its
        regrets and exploitability (NashConv); ``provenance`` holds ``iterations``,
        ``converged``, the exploitability trace summary and the variant.

    Raises
    ------
    benchgame.core.validation.InputError
        On a bad ``game``, ``tol``, ``max_iter``, ``check_every``, ``rng`` or ``init``.

    References
    ----------
    Hart, S. and Mas-Colell, A. (2000). A simple adaptive procedure leading to correlated
    equilibrium. *Econometrica* 68(5), 1127-1150.

    Tammelin, O. (2014). Solving large imperfect information games using CFR+.
    arXiv:1407.5042.

    Examples
    --------
    >>> rps = NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> eq = regret_matching(rps, tol=1e-2, init=[[0.5, 0.3, 0.2], [0.2, 0.2, 0.6]], plus=True)
    >>> eq.provenance["converged"], eq.certificate.max_relative_regret <= 1e-2
    (True, True)
    >>> [round(float(p), 1) for p in eq.strategies[0]]
    [0.3, 0.3, 0.3]
    """
    validate_run(game, tol, max_iter, check_every)
    gen = as_rng(rng)
    sigma = initial_profile(game, init, gen)
    n = game.num_players
    regret = [np.zeros(m) for m in game.shape]
    total = [np.zeros(m) for m in game.shape]
    U = game.payoffs
    trace = ExploitabilityTrace(game, tol)
    converged = False
    t = 0
    for t in range(1, max_iter + 1):
        if sampled:
            actions = [int(gen.choice(m, p=s)) for m, s in zip(game.shape, sigma, strict=True)]
            played = [np.eye(m)[a] for m, a in zip(game.shape, actions, strict=True)]
            for i in range(n):
                index = tuple(slice(None) if j == i else actions[j] for j in range(n))
                vals = U[index + (i,)]
                regret[i] += vals - vals[actions[i]]
        else:
            played = sigma
            for i in range(n):
                vals = game.action_values(sigma, i)
                regret[i] += vals - sigma[i] @ vals
        weight = float(t) if plus else 1.0
        for i in range(n):
            total[i] += weight * played[i]
            if plus:
                np.maximum(regret[i], 0.0, out=regret[i])
        sigma = [_match(r) for r in regret]
        if t % check_every == 0 or t == max_iter:
            if trace.check(t, [s / s.sum() for s in total]):
                converged = True
                break
    method = "regret_matching_plus" if plus else "regret_matching"
    return trace.result([s / s.sum() for s in total], method, t, converged,
                        variant={"plus": plus, "sampled": sampled,
                                 "init": init if isinstance(init, str) else "given"},
                        reference="Hart & Mas-Colell (2000)")

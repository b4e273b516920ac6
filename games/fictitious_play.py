"""Fictitious play for n-player games (Brown 1951; Robinson 1951).

Every player best-responds to the empirical frequency of the others' past play:

.. math::

    a_i^{t+1} \\in \\arg\\max_{a} u_i(a, \\bar\\sigma_{-i}^t), \\qquad
    \\bar\\sigma^{t+1} = \\bar\\sigma^t + \\frac{e_{a^{t+1}} - \\bar\\sigma^t}{t + 1},

with :math:`\\bar\\sigma^0` the initial profile (counted as one observation). This is the
simultaneous version (all players update at once). The empirical frequencies converge to Nash
equilibrium in two-player zero-sum games (Robinson 1951), in 2 x n games (Berger 2005), in
potential games (Monderer & Shapley 1996) and in games solvable by iterated strict dominance; in
general they may cycle (Shapley 1964), which is why the result always carries its exploitability
and a ``converged`` flag.

Ties among best responses are broken by ``tie_break``: ``"random"`` (uniformly, from ``rng``) or
``"first"`` (lowest index), so a seeded run is reproducible.

References
----------
Brown, G. W. (1951). Iterative solution of games by fictitious play. In T. C. Koopmans
(ed.), *Activity Analysis of Production and Allocation*, 374-376. Wiley.

Robinson, J. (1951). An iterative method of solving a game. *Annals of Mathematics* 54(2),
296-301.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.approximate import ExploitabilityTrace, as_rng, initial_profile, validate_run
from benchgame.games.equilibrium import Equilibrium
from benchgame.games.normal_form import NormalFormGame

__all__ = ["fictitious_play"]


def fictitious_play(
    game: NormalFormGame,
    *,
    tol: float = 1e-3,
    max_iter: int = 10_000,
    rng: np.random.Generator | int | None = None,
    init: str | Sequence[Any] = "uniform",
    tie_break: str = "random",
    check_every: int = 10,
) -> Equilibrium:
    """Approximate Nash equilibrium by (simultaneous) fictitious play.

    Parameters
    ----------
    game : NormalFormGame
        The game (any number of players).
    tol : float
        Stop when the empirical profile's regrets are all ``<= tol * range_i``.
    max_iter : int
        Iteration budget.
    rng : numpy.random.Generator or int, optional
        Randomness for ties and for ``init="random"``.
    init : {"uniform", "random"} or sequence of array_like
        Prior frequencies (weight one observation).
    tie_break : {"random", "first"}
        How ties among best responses are broken.
    check_every : int
        Iterations between exploitability checks.

    Returns
    -------
    Equilibrium
        The empirical frequency profile with its certificate (regrets, exploitability) and
        provenance (``iterations``, ``converged``, exploitability trace summary).

    Raises
    ------
    benchgame.core.validation.InputError
        On a bad ``game``, ``tol``, ``max_iter``, ``check_every``, ``rng``, ``init`` or
        ``tie_break``.

    References
    ----------
    Brown, G. W. (1951). Iterative solution of games by fictitious play. In T. C. Koopmans
    (ed.), *Activity Analysis of Production and Allocation*, 374-376. Wiley.

    Robinson, J. (1951). An iterative method of solving a game. *Annals of Mathematics* 54(2),
    296-301.

    Examples
    --------
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> eq = fictitious_play(pd, tol=1e-2, rng=0)
    >>> int(eq.strategies[0].argmax()), eq.provenance["converged"], eq.certificate.passed
    (1, True, True)
    """
    validate_run(game, tol, max_iter, check_every)
    require(tie_break in ("random", "first"), "tie_break", f"is {tie_break!r}",
            "use 'random' or 'first'")
    gen = as_rng(rng)
    avg = initial_profile(game, init, gen)
    n = game.num_players
    scale = game.regret_scale()
    trace = ExploitabilityTrace(game, tol)
    converged = False
    t = 0
    for t in range(1, max_iter + 1):
        responses = []
        for i in range(n):
            vals = game.action_values(avg, i)
            if tie_break == "first":
                responses.append(int(np.argmax(vals)))
            else:
                best = np.flatnonzero(vals >= vals.max() - 1e-12 * scale[i])
                responses.append(int(best[gen.integers(best.size)]) if best.size > 1
                                 else int(best[0]))
        for i, a in enumerate(responses):
            avg[i] *= t / (t + 1.0)
            avg[i][a] += 1.0 / (t + 1.0)
        if t % check_every == 0 or t == max_iter:
            if trace.check(t, avg):
                converged = True
                break
    return trace.result(avg, "fictitious_play", t, converged,
                        variant={"tie_break": tie_break, "simultaneous": True,
                                 "init": init if isinstance(init, str) else "given"},
                        reference="Brown (1951); Robinson (1951)")

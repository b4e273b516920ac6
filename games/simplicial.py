"""One Nash equilibrium of any finite n-player game by simplicial subdivision with restarts.

A variable dimension restart algorithm in the manner of van der Laan and Talman, on the product of
the players' strategy simplices (the *simplotope*), with integer labels, is run on a grid of mesh
``1/D`` from an interior grid point :math:`v`; the grid is then refined and the algorithm restarted
near the previous end point, and every round's end point is polished on its support (see
:mod:`benchgame.games.support_newton`). Gambit's ``simpdiv`` (van der Laan, Talman and van der
Heyden 1987) starts from a vertex of the simplotope instead; this variant starts from interior
points, which keeps the regions below simple boxes.

**Labels.** With payoffs divided by each player's range, let
:math:`\\ell_{jk}(x) = \\max_h u_j(h, x_{-j}) - u_j(k, x_{-j}) \\ge 0` be what player ``j`` loses by
playing ``k``. A point ``x`` gets the label ``(j, k)`` maximising :math:`\\ell_{jk}(x)` over the
strategies with :math:`x_{jk} > 0` ("``k`` is played and should not be"); the label ``(j, k)``
never occurs where :math:`x_{jk} = 0`. If every strategy of one player labels some vertex of a
simplex of diameter :math:`\\delta`, that player's best reply does too, so the largest loss of a
played strategy (of any player) is :math:`O(\\delta)` there, and so is every regret
:math:`\\sum_k x_{jk} \\ell_{jk}(x)`: the bound is linear in the mesh (labels from Nash's map
residual :math:`x - f(x)` only give a bound that degrades near the boundary).

**Regions.** For label sets :math:`T_j \\subsetneq I_j` the region
:math:`A(T) = \\{x : x_j = v_j + \\sum_{k \\in T_j} \\lambda_{jk} (v_j - e_{jk}),
\\lambda \\ge 0\\}` moves away from the labelled strategies. In the coordinates
:math:`\\mu_{jk} = \\lambda_{jk} / (1 + \\sum_h \\lambda_{jh})` it is the box
:math:`\\prod_{(j,k) \\in T} [0, v_{jk}]` (the face :math:`\\mu_{jk} = v_{jk}` is
:math:`x_{jk} = 0`, the face :math:`\\mu_{jk} = 0` is :math:`A(T \\setminus \\{(j,k)\\})`), which is
triangulated by Freudenthal's (K1) triangulation of mesh ``1/D``; every vertex is an integer box
point, mapped to a profile with exact zeros. The path of ``T``-complete simplices starts at
:math:`v`, raises the dimension on a new label, lowers it on reaching a face :math:`\\mu_{jk} = 0`,
can never cross a face :math:`x_{jk} = 0` (no vertex there carries the label ``(j, k)``), never
revisits a simplex, and so ends, when the labels of one player are complete, at an approximate
equilibrium. Ties and degeneracy do not matter: the labelling is a function of the vertex.

References
----------
van der Laan, G. and Talman, A. J. J. (1979). A restart algorithm for computing fixed points
without an extra dimension. *Mathematical Programming* 17, 74-84.

van der Laan, G., Talman, A. J. J. and van der Heyden, L. (1987). Simplicial variable dimension
algorithms for solving the nonlinear complementarity problem on a product of unit simplices using
a general labelling. *Mathematics of Operations Research* 12(3), 377-397.

Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.approximate import as_rng, initial_profile
from benchgame.games.certificate import DEFAULT_TOL
from benchgame.games.equilibrium import Equilibrium
from benchgame.games.multilinear import MultilinearPayoffs
from benchgame.games.normal_form import NormalFormGame
from benchgame.games.support_newton import certified_mixed_equilibrium, polish_on_support

__all__ = ["SimplicialRun", "simplicial_run", "simplicial_subdivision"]


@dataclass(frozen=True)
class SimplicialRun:
    """Outcome of one run of the simplicial path on one grid.

    Parameters
    ----------
    best : tuple of ndarray
        The grid point of smallest maximum regret evaluated on the path.
    best_regret : float
        Its maximum regret, relative to each player's payoff range.
    terminal : tuple of ndarray
        The vertex of smallest maximum regret of the last simplex (when ``complete``, the
        completely labelled simplex that approximates an equilibrium).
    terminal_regret : float
        Its maximum relative regret.
    steps : int
        Pivots made (one label evaluation each).
    complete : bool
        Whether the path reached a completely labelled simplex (False: step budget spent).
    grid : int
        The grid denominator ``D`` (mesh ``1/D``).
    """

    best: tuple[np.ndarray, ...]
    best_regret: float
    terminal: tuple[np.ndarray, ...]
    terminal_regret: float
    steps: int
    complete: bool
    grid: int

    def to_dict(self) -> dict:
        """The run as a JSON-ready dictionary.

        Returns
        -------
        dict
            Every field; profiles as lists of lists.
        """
        return {"best": [s.tolist() for s in self.best], "best_regret": self.best_regret,
                "terminal": [s.tolist() for s in self.terminal],
                "terminal_regret": self.terminal_regret, "steps": self.steps,
                "complete": self.complete, "grid": self.grid}


class _Labeller:
    """Labels of grid points (vectorised over players) and the best point seen."""

    def __init__(self, ml: MultilinearPayoffs, V: np.ndarray, D: int) -> None:
        self.ml, self.V, self.D = ml, V, D
        self.starts = np.cumsum([0, *ml.shape])[:-1]
        self.owner = np.repeat(np.arange(ml.n), ml.shape)
        self.split = np.cumsum(ml.shape)[:-1]
        self.best: tuple[np.ndarray, ...] = ()
        self.best_regret = np.inf

    def point(self, a: np.ndarray) -> np.ndarray:
        num = (self.V - a).astype(float)
        return num / np.add.reduceat(num, self.starts)[self.owner]  # exact zeros at a = V

    def evaluate(self, a: np.ndarray) -> tuple[tuple[np.ndarray, ...], float, np.ndarray]:
        """The point of grid vertex ``a``, its maximum regret and every strategy's loss."""
        x = self.point(a)
        blocks = np.split(x, self.split)
        v = np.concatenate(self.ml.action_values(blocks))
        loss = np.maximum.reduceat(v, self.starts)[self.owner] - v  # zero at best replies
        return tuple(blocks), float(np.add.reduceat(x * loss, self.starts).max()), loss

    def __call__(self, a: np.ndarray) -> int:
        blocks, regret, loss = self.evaluate(a)
        if regret < self.best_regret:
            self.best_regret, self.best = regret, blocks
        return int(np.argmax(np.where(self.V > a, loss, -np.inf)))


def simplicial_run(game: NormalFormGame, start: Sequence[Any], grid: int,
                   max_steps: int = 100_000) -> SimplicialRun:
    """Follow the simplicial path on the grid of mesh ``1/grid`` from an interior start.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    start : sequence of array_like
        A mixed profile; it is rounded to the nearest grid point with every probability at least
        ``1/grid`` (the algorithm starts from an interior point).
    grid : int
        The grid denominator ``D``; must be at least the largest number of strategies.
    max_steps : int
        Budget of pivots; the best point so far is returned when it is spent.

    Returns
    -------
    SimplicialRun
        The best point on the path, its relative regret, and whether the path completed.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``grid`` is smaller than a player's number of strategies or the start is invalid.

    References
    ----------
    van der Laan, G., Talman, A. J. J. and van der Heyden, L. (1987). Simplicial variable
    dimension algorithms for solving the nonlinear complementarity problem on a product of unit
    simplices using a general labelling. *Mathematics of Operations Research* 12(3), 377-397.

    Examples
    --------
    >>> pennies = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> run = simplicial_run(pennies, [[0.5, 0.5], [0.5, 0.5]], grid=8)
    >>> run.complete, [s.tolist() for s in run.best], run.best_regret
    (True, [[0.5, 0.5], [0.5, 0.5]], 0.0)
    """
    shape = game.shape
    require(isinstance(grid, (int, np.integer)) and grid >= max(shape), "grid", f"is {grid!r}",
            f"give an integer of at least {max(shape)} (the largest number of strategies)")
    prof = game.check_profile(start, "start")
    V = np.concatenate([_grid_point(s, int(grid)) for s in prof])
    label = _Labeller(MultilinearPayoffs(game, normalize=True), V, int(grid))
    player_of = np.repeat(np.arange(len(shape)), shape)
    N = int(V.shape[0])
    a = np.zeros(N, dtype=np.int64)
    in_t = np.zeros(N, dtype=bool)
    count = np.zeros(len(shape), dtype=int)
    perm: list[int] = []
    labels = [label(a)]
    new, steps, complete = 0, 0, False
    while steps < max_steps:
        lab = labels[new]
        if not in_t[lab]:
            j = player_of[lab]
            if count[j] + 1 == shape[j]:
                complete = True
                break
            in_t[lab], count[j] = True, count[j] + 1
            perm.append(lab)
            labels.append(label(a + _ones(N, perm)))
            new = len(labels) - 1
            steps += 1
            continue
        out = next(i for i, x in enumerate(labels) if x == lab and i != new)
        while True:
            t = len(perm)
            if out == 0:
                k = perm.pop(0)
                if a[k] + 1 >= V[k]:  # facet on a face x_jk = 0: excluded by the labelling
                    raise RuntimeError("simplicial path left the simplotope (labelling error)")
                a[k] += 1
                perm.append(k)
                labels = labels[1:] + [label(a + _ones(N, perm))]
                new = t
            elif out == t:
                k = perm[-1]
                if a[k] == 0:  # facet on the face mu_k = 0: lower the dimension
                    in_t[k], count[player_of[k]] = False, count[player_of[k]] - 1
                    perm.pop()
                    labels.pop()
                    out = labels.index(k)
                    continue
                a[k] -= 1
                perm = [k] + perm[:-1]
                labels = [label(a)] + labels[:-1]
                new = 0
            else:
                perm[out - 1], perm[out] = perm[out], perm[out - 1]
                labels[out] = label(a + _ones(N, perm[:out]))
                new = out
            break
        steps += 1
    vertices = [label.evaluate(a + _ones(N, perm[:i]))[:2] for i in range(len(perm) + 1)]
    terminal, terminal_regret = min(vertices, key=lambda v: v[1])
    return SimplicialRun(best=label.best, best_regret=float(label.best_regret),
                         terminal=terminal, terminal_regret=terminal_regret, steps=steps,
                         complete=complete, grid=int(grid))


def _ones(N: int, idx: Sequence[int]) -> np.ndarray:
    e = np.zeros(N, dtype=np.int64)
    e[list(idx)] = 1
    return e


def _grid_point(s: np.ndarray, D: int) -> np.ndarray:
    """Nearest grid point (denominator ``D``) with every entry at least ``1/D``."""
    m = s.shape[0]
    V = np.maximum(np.floor(s * (D - m)).astype(np.int64), 0) + 1
    rest = D - int(V.sum())
    order = np.argsort(-(s * (D - m) - np.floor(s * (D - m))), kind="stable")
    V[order[:rest]] += 1
    return V


def simplicial_subdivision(
    game: NormalFormGame,
    *,
    tol: float = DEFAULT_TOL,
    start: str | Sequence[Any] = "uniform",
    rng: np.random.Generator | int | None = None,
    grid: int | None = None,
    refine: int = 4,
    max_rounds: int = 8,
    max_steps: int = 400_000,
) -> Equilibrium:
    """One (approximate) Nash equilibrium of an n-player game by simplicial subdivision.

    Runs :func:`simplicial_run` on successively finer grids, each run restarted near the end of
    the previous one (its completely labelled simplex, moved towards the centroid by a few grid
    steps so that it is interior), polishes each round's end point and best point on their
    supports by Newton's method, and stops as soon as a polished profile's regrets are within
    ``tol`` (relative to each player's payoff range), after ``max_rounds`` rounds or when the
    pivot budget is spent. Every run terminates, so a profile is always returned, with its
    certificate; ``provenance["converged"]`` says whether ``tol`` was met.

    Parameters
    ----------
    game : NormalFormGame
        Any finite game (any number of players).
    tol : float
        Target relative regret (also the certificate's tolerance).
    start : {"uniform", "random"} or sequence of array_like
        Starting point of the first run.
    rng : numpy.random.Generator or int, optional
        Randomness for ``start="random"``.
    grid : int, optional
        Denominator of the first grid; default ``4 * max(shape)``.
    refine : int
        Grid refinement factor between rounds.
    max_rounds : int
        Number of grids tried.
    max_steps : int
        Pivot budget of all runs together (each pivot evaluates one label).

    Returns
    -------
    Equilibrium
        Method ``"simpdiv"``; ``certificate`` holds the float regrets and exploitability,
        ``exact`` the exact rational profile checked by :meth:`Equilibrium.verify_exact` (a
        recovered rational equilibrium when one was found, else the exact values of the returned
        floats, which sum to exactly one), and ``provenance`` the rounds, grids, pivots, the
        polishing outcome and the exact regret bound (``exact_max_regret``).

    Raises
    ------
    benchgame.core.validation.InputError
        On invalid arguments.

    References
    ----------
    van der Laan, G. and Talman, A. J. J. (1979). A restart algorithm for computing fixed points
    without an extra dimension. *Mathematical Programming* 17, 74-84.

    Examples
    --------
    >>> U = np.zeros((2, 2, 2, 3))  # three-player matching pennies (Jordan 1993)
    >>> for a in np.ndindex(2, 2, 2):
    ...     U[a] = [1 if a[0] == a[1] else -1, 1 if a[1] == a[2] else -1,
    ...             1 if a[2] != a[0] else -1]
    >>> eq = simplicial_subdivision(NormalFormGame(U))
    >>> [s.tolist() for s in eq.strategies], eq.provenance["exact_equilibrium"]
    ([[0.5, 0.5], [0.5, 0.5], [0.5, 0.5]], True)
    """
    require(isinstance(refine, (int, np.integer)) and refine >= 2, "refine", f"is {refine!r}",
            "give an integer factor of at least 2")
    require(isinstance(max_rounds, (int, np.integer)) and max_rounds >= 1, "max_rounds",
            f"is {max_rounds!r}", "give a positive number of rounds")
    x = initial_profile(game, start, as_rng(rng))
    D = int(grid) if grid is not None else 4 * max(game.shape)
    centroid = [np.full(m, 1.0 / m) for m in game.shape]
    rounds: list[dict[str, Any]] = []
    best, best_regret, budget = x, np.inf, int(max_steps)
    for _ in range(int(max_rounds)):
        run = simplicial_run(game, x, D, budget)
        budget -= run.steps
        regret = np.inf
        for cand in (run.terminal, run.best):
            y, r, _ = polish_on_support(game, cand, tol=tol)
            regret = min(regret, r)
            if r < best_regret:
                best, best_regret = y, r
        rounds.append({"grid": D, "pivots": run.steps, "complete": run.complete,
                       "terminal_regret": run.terminal_regret, "polished_regret": regret})
        if best_regret <= tol or budget <= 0:
            break
        alpha = min(0.25, max(game.shape) / D)
        nxt = run.terminal if run.complete else run.best
        x = [(1 - alpha) * s + alpha * c for s, c in zip(nxt, centroid, strict=True)]
        D *= int(refine)
    prov = {"rounds": tuple(rounds), "pivots": sum(r["pivots"] for r in rounds),
            "converged": bool(best_regret <= tol),
            "reference": "van der Laan and Talman (1979); van der Laan, Talman and van der "
                         "Heyden (1987)"}
    return certified_mixed_equilibrium(game, best, "simpdiv", tol=tol, polish=False,
                                       provenance=prov)

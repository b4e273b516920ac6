"""Mixed equilibria of discretized leaderboard games, against the two-developer closed form.

Two-developer mixed equilibria are compared with the closed form of
:func:`benchgame.games.leaderboard.two_player_mixed_equilibrium`: the closed-form score CDFs are
discretized onto the grid (the mass of ``(e_{k-1}, e_k]`` goes to ``e_k``) and their
exploitability in the grid game is reported; it tends to 0 as ``h -> 0``. For two developers with
``v = 1 - exp(-(theta + x))``, capabilities (1, 0.5), cost ``c(e) = e`` and a prize of 1 the
closed form gives payoffs (0.5, 0) and inversion probability 0.375. With three or more developers
no closed form is known, and the engine's approximate solvers (regret matching, fictitious play)
are used, with the exact ranking fidelity of the returned mixture on the grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.core.validation import InputError
from benchgame.games.equilibrium import Equilibrium
from benchgame.games.fictitious_play import fictitious_play
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.discretized import DiscretizedGame, discretize
from benchgame.games.leaderboard.ranking_metrics import Fidelity
from benchgame.games.leaderboard.two_player_mixed import (
    TwoPlayerMixed,
    two_player_mixed_equilibrium,
)
from benchgame.games.lemke_howson import lemke_howson
from benchgame.games.normal_form import NormalFormGame
from benchgame.games.regret_matching import regret_matching

__all__ = [
    "GridMixedCheck",
    "approximate_mixed",
    "grid_mixed_fidelity",
    "two_player_mixed_check",
]


@dataclass(frozen=True, eq=False)
class GridMixedCheck:
    """The closed-form two-developer equilibrium evaluated in a grid game.

    Parameters
    ----------
    step : float
        Grid step.
    closed_form : TwoPlayerMixed
        The closed-form equilibrium.
    profile : tuple of numpy.ndarray
        The closed-form CDFs discretized on the grids.
    regrets : numpy.ndarray
        Per-player regret of ``profile`` in the grid game; ``exploitability`` is their max.
    grid_payoffs : numpy.ndarray
        Expected payoffs of ``profile`` in the grid game.
    grid_p_inversion : float
        ``P(s_l ranked above s_h)`` under ``profile`` on the grid.
    solver : str or None, optional
        The generic bimatrix solver used (``benchgame.games.lemke_howson``).
    solver_payoffs : numpy.ndarray or None, optional
        Payoffs of the solver's equilibrium.
    solver_regrets : numpy.ndarray or None, optional
        Regrets of the solver's equilibrium.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.
    """

    step: float
    closed_form: TwoPlayerMixed
    profile: tuple[np.ndarray, np.ndarray]
    regrets: np.ndarray
    grid_payoffs: np.ndarray
    grid_p_inversion: float
    solver: str | None = None
    solver_payoffs: np.ndarray | None = None
    solver_regrets: np.ndarray | None = None

    @property
    def exploitability(self) -> float:
        """Largest regret of the discretized closed form in the grid game."""
        return float(self.regrets.max())

    def to_dict(self) -> dict:
        """The comparison as a JSON-ready dictionary."""
        cf = self.closed_form
        return {"step": self.step, "exploitability": self.exploitability,
                "regrets": self.regrets.tolist(), "grid_payoffs": self.grid_payoffs.tolist(),
                "grid_p_inversion": self.grid_p_inversion,
                "closed_form": {"payoffs": [cf.payoff_h, cf.payoff_l],
                                "p_inversion": cf.p_inversion, "pure": cf.pure},
                "solver": self.solver,
                "solver_payoffs": None if self.solver_payoffs is None
                else self.solver_payoffs.tolist(),
                "solver_regrets": None if self.solver_regrets is None
                else self.solver_regrets.tolist()}


def _discretize_cdf(cf: TwoPlayerMixed, dg: DiscretizedGame, i: int) -> np.ndarray:
    c = dg.contest
    s = c.family.value(c.theta[i], c.protocol.effective_training(dg.grids[i]))
    F = np.clip(cf.cdf(i, s), 0.0, 1.0)
    F = np.maximum.accumulate(F)
    F[-1] = 1.0
    return np.diff(np.concatenate([[0.0], F]))


def _solve_bimatrix(game: NormalFormGame) -> tuple[str, list[np.ndarray]]:
    """One equilibrium of the grid game by Lemke-Howson (lexicographic, cannot cycle)."""

    eq = lemke_howson(game, 0, exact=False)
    return "benchgame.games.lemke_howson", [np.asarray(s, float) for s in eq.strategies]


def two_player_mixed_check(contest: Contest, step: float, *, solve: bool = True,
                           e_max: float | None = None) -> GridMixedCheck:
    """Compare the two-developer closed form with the grid game of step ``step``.

    The closed-form profile discretized on the grid is evaluated in the grid game (regrets,
    payoffs, inversion probability). With ``solve=True`` the generic bimatrix solver
    :func:`benchgame.games.lemke_howson.lemke_howson` also solves the grid game; its payoffs should
    match ``(V - C_h(T), 0)`` (plus ``R_2``) within ``O(h)``.

    Parameters
    ----------
    contest : Contest
        Two developers with capability ties.
    step : float
        Grid step ``h``.
    solve : bool, default True
        Also solve the grid game with Lemke-Howson.
    e_max : float, optional
        Largest grid effort (default ``c^{-1}(R_1 - R_2)``).

    Returns
    -------
    GridMixedCheck
        Regrets, payoffs and inversion probability of the discretized closed form, and the
        solver's equilibrium.

    Raises
    ------
    InputError
        If the contest does not meet the hypotheses of the closed form.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> from benchgame.games.leaderboard import two_player_mixed_check
    >>> c = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> chk = two_player_mixed_check(c, 0.05, solve=False)
    >>> round(chk.exploitability, 6), round(chk.grid_p_inversion, 6)
    (0.024775, 0.3625)
    """
    cf = two_player_mixed_equilibrium(contest)
    dg = discretize(contest, step, e_max=e_max)
    prof = (_discretize_cdf(cf, dg, 0), _discretize_cdf(cf, dg, 1))
    g = dg.game
    regrets = g.regrets(list(prof))
    payoffs = g.expected_payoffs(list(prof))
    E = np.stack(np.meshgrid(*dg.grids, indexing="ij"), axis=-1)
    low_first = dg.contest.ranks(E)[..., 1] == 1
    p_inv = float(prof[0] @ low_first.astype(float) @ prof[1])
    solver = s_pay = s_reg = None
    if solve:
        solver, sp = _solve_bimatrix(g)
        s_pay, s_reg = g.expected_payoffs(sp), g.regrets(sp)
    return GridMixedCheck(float(step), cf, prof, regrets, payoffs, p_inv, solver, s_pay, s_reg)


def grid_mixed_fidelity(dg: DiscretizedGame, profile: Any) -> Fidelity:
    """Exact ranking fidelity of a mixed profile of the grid game.

    The expectation runs over every grid profile with its product probability (no sampling):
    expected Kendall tau_b between the leaderboard and the capability order, P(exact order),
    P(top-1 correct), expected number of inversions, and the Spearman correlation between the
    expected ranks and the capability ranks. Tied ranks (uniform tie rule) enter tau_b's
    denominator.

    Parameters
    ----------
    dg : DiscretizedGame
        The grid game.
    profile : sequence of array_like
        One probability vector per developer over its grid.

    Returns
    -------
    Fidelity
        ``mixed``, with exact expectations.

    Raises
    ------
    InputError
        If ``profile`` is not a mixed profile of the grid game.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 4.3.

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> from benchgame.games.leaderboard import discretize, grid_mixed_fidelity
    >>> dg = discretize(Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0]), 0.25)
    >>> [g.tolist() for g in dg.grids]
    [[0.0, 0.25, 0.5, 0.75, 1.0], [0.0, 0.25, 0.475, 0.5, 0.525, 0.75, 1.0]]
    >>> f = grid_mixed_fidelity(dg, [[1, 0, 0, 0, 0], [0.5, 0, 0, 0, 0.5, 0, 0]])
    >>> f.p_exact_order, f.expected_inversions
    (0.5, 0.5)
    """
    prof = dg.game.check_profile(profile)
    c = dg.contest
    n = c.n
    E = np.stack(np.meshgrid(*dg.grids, indexing="ij"), axis=-1)
    ranks = c.ranks(E).astype(float)
    prob = prof[0]
    for p in prof[1:]:
        prob = np.multiply.outer(prob, p)
    i, j = np.triu_indices(n, 1)
    d = ranks[..., j] - ranks[..., i]            # > 0: concordant with capability (i better)
    conc, disc = (d > 0).sum(-1), (d < 0).sum(-1)
    n0 = n * (n - 1) / 2
    tied = (d == 0).sum(-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        tau = (conc - disc) / np.sqrt(n0 * (n0 - tied))
    tau = np.where(np.isfinite(tau), tau, 0.0)
    exact = np.all(ranks == np.arange(1, n + 1), axis=-1)
    top1 = ranks[..., 0] == 1
    er = np.tensordot(prob, ranks, axes=prob.ndim)
    sp = float(np.corrcoef(er, np.arange(1, n + 1))[0, 1]) if np.ptp(er) > 0 else None
    return Fidelity("mixed", expected_tau=float((prob * tau).sum()),
                    p_exact_order=float((prob * exact).sum()),
                    p_top1_correct=float((prob * top1).sum()),
                    expected_inversions=float((prob * disc).sum()),
                    spearman_expected_ranks=sp,
                    method=f"exact expectation over the grid mixture (h = {dg.step:g})")


def approximate_mixed(dg: DiscretizedGame, *, method: str = "regret_matching",
                      tol: float = 1e-3, max_iter: int = 20_000, rng: Any = 0
                      ) -> tuple[Equilibrium, Fidelity]:
    """Approximate mixed equilibrium of a grid game with ``n >= 2`` developers.

    Regret matching (``regret_matching``, ``regret_matching_plus``) or fictitious play
    (``fictitious_play``) from the engine. No closed form is known for ``n >= 3``.

    Parameters
    ----------
    dg : DiscretizedGame
        The grid game.
    method : {"regret_matching", "regret_matching_plus", "fictitious_play"}, optional
        The learning dynamics (default ``"regret_matching"``).
    tol : float, default 1e-3
        Target exploitability.
    max_iter : int, default 20000
        Largest number of iterations.
    rng : int or numpy.random.Generator, default 0
        Seed or generator of the dynamics.

    Returns
    -------
    equilibrium : Equilibrium
        The engine's result; its certificate carries the regrets and the exploitability, and
        whether ``tol`` was met.
    fidelity : Fidelity
        The exact ranking fidelity of the returned mixture on the grid.

    Raises
    ------
    InputError
        If ``method`` is unknown.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 (no pure
    equilibrium, so the leaderboard is random in equilibrium).
    """

    if method in ("regret_matching", "regret_matching_plus"):
        eq = regret_matching(dg.game, tol=tol, max_iter=max_iter, rng=rng,
                             plus=method == "regret_matching_plus")
    elif method == "fictitious_play":
        eq = fictitious_play(dg.game, tol=tol, max_iter=max_iter, rng=rng)
    else:
        raise InputError("method", f"is {method!r}", "use regret_matching, "
                         "regret_matching_plus or fictitious_play")
    return eq, grid_mixed_fidelity(dg, eq.strategies)

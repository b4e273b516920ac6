"""Pure equilibria of the noisy leaderboard game on effort grids, with their certificates.

With noisy scores the expected payoffs are smooth in efforts and the continuum lemmas of
:mod:`~benchgame.games.leaderboard.pure_analysis` do not apply; every answer here is about the
grid game (:class:`~benchgame.games.leaderboard.noisy_rank_payoffs.NoisyRankGame`) and says so.
Three certificates, tried in order:

1. **Dominance.** Given a developer's observed score its expected reward is non-decreasing in
   that score and lies in ``[R_n, R_1]``; so moving from zero effort to level k gains at most
   ``(R_1 - R_n) max_t [P(Y_k >= t) - P(Y_0 >= t)]`` against *any* opponents. If that bound is
   below ``c(e_k) - c(0)`` for every positive level of every developer, zero effort strictly
   dominates: the all-zero profile is the unique equilibrium of the grid game, pure or mixed.
2. **Enumeration.** When the grid has at most ``budget`` profiles, every developer's best
   responses to every pure opponent profile are computed exactly (up to float rounding, bounded
   by ``atol``): the list of pure equilibria is complete.
3. **Best-response dynamics** from zero effort: a fixed point is a pure equilibrium (regrets
   reported); uniqueness is then undecided.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from benchgame.games.leaderboard.noisy_rank_payoffs import NoisyRankGame
from benchgame.games.leaderboard.noisy_scores import strict_survival
from benchgame.games.leaderboard.rank_counts import count_distribution

__all__ = ["NoisyPureAnalysis", "noisy_pure_analysis"]

Status = Literal["unique", "multiple", "none", "exists", "undecided"]


@dataclass(frozen=True)
class NoisyPureAnalysis:
    """Pure equilibria of a noisy grid game (grid-based, never about the continuum).

    Parameters
    ----------
    status : {"unique", "multiple", "none", "exists", "undecided"}
        ``unique``/``multiple``/``none``: decided over the whole grid (dominance or
        enumeration); ``exists``: found by best-response dynamics, uniqueness undecided;
        ``undecided``: none found and the grid was too large to enumerate.
    equilibria : tuple of numpy.ndarray
        Effort profiles of the pure equilibria found.
    regrets : tuple of numpy.ndarray
        Each equilibrium's regrets (best grid deviation minus its payoff, per developer).
    method : str
        Which certificate decided.
    reason : str
        The verdict in words.
    atol : float
        Payoff differences below ``atol`` count as ties (float rounding of the sums).
    grid : dict
        Grid levels, step and largest effort.
    dominance_margin : float
        ``min over developers and positive levels of c(e_k) - c(0) - bound``; positive means
        zero effort strictly dominates.

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> from benchgame.mechanisms.protocols import NoisyProtocol
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.1, 0.0], NoisyProtocol(20))
    >>> res = noisy_pure_analysis(NoisyRankGame.from_contest(ct, levels=11))
    >>> res.status, res.equilibria[0].tolist(), res.method.split(":")[0]
    ('unique', [0.0, 0.0], 'dominance')
    """

    status: Status
    equilibria: tuple[np.ndarray, ...]
    regrets: tuple[np.ndarray, ...]
    method: str
    reason: str
    atol: float
    grid: dict = field(default_factory=dict)
    dominance_margin: float = float("nan")

    @property
    def exists(self) -> bool | None:
        """Whether a pure equilibrium of the grid game exists (None: undecided)."""
        return None if self.status == "undecided" else self.status != "none"

    @property
    def is_unique(self) -> bool | None:
        """Whether it is unique on the grid (None: undecided)."""
        return {"unique": True, "multiple": False, "none": False}.get(self.status)

    def to_dict(self) -> dict:
        """The analysis as a JSON-ready dictionary.

        Returns
        -------
        dict
            Status, equilibria with regrets, method, reason, tolerance, grid and margin.
        """
        return {"status": self.status, "scope": "grid", "exists": self.exists,
                "unique": self.is_unique, "equilibria": [e.tolist() for e in self.equilibria],
                "regrets": [r.tolist() for r in self.regrets], "method": self.method,
                "reason": self.reason, "atol": self.atol, "grid": self.grid,
                "dominance_margin": self.dominance_margin}


def _pure_values(game: NoisyRankGame, i: int, opp: np.ndarray) -> np.ndarray:
    """Values of every level of ``i`` against pure opponent profiles ``opp`` (B, n) levels."""
    F = game.observed_pmf
    win = game.tables.win
    q = np.zeros((game.n, opp.shape[0], F.shape[2]))
    for j in range(game.n):
        if j == i:
            continue
        G = F[j, opp[:, j]]                                              # (B, K)
        q[j] = np.clip(strict_survival(G) + win[i, j] * G, 0.0, 1.0)
    f = np.einsum("r,rbc->bc", game.rewards, count_distribution(q))   # reward given own score
    m = game.sizes[i]
    return f @ F[i, :m].T - game.costs[i][None, :]


def _regrets(game: NoisyRankGame, levels: np.ndarray) -> np.ndarray:
    P = np.zeros((game.n, game.M))
    P[np.arange(game.n), levels] = 1.0
    V = game.values_padded(P)
    return V.max(axis=1) - V[np.arange(game.n), levels]


def _profile(game: NoisyRankGame, levels: np.ndarray) -> np.ndarray:
    return np.array([game.grids[i][k] for i, k in enumerate(levels)])


def noisy_pure_analysis(game: NoisyRankGame, *, budget: int = 200_000,
                        atol: float | None = None, rounds: int = 100) -> NoisyPureAnalysis:
    """Existence and uniqueness of pure equilibria of a noisy grid game, with certificates.

    Parameters
    ----------
    game : NoisyRankGame
        The grid game.
    budget : int, default 200000
        Enumerate every pure profile when there are at most this many.
    atol : float, optional
        Payoff tolerance of best responses (default ``1e-10 (R_1 - R_n)``).
    rounds : int, default 100
        Rounds of best-response dynamics when the grid is too large to enumerate.

    Returns
    -------
    NoisyPureAnalysis
        The verdict with the method and the regrets of every equilibrium found.

    References
    ----------
    Lazear and Rosen (1981), Rank-order tournaments as optimum labor contracts, Journal of
    Political Economy 89; Chen, Zhang and Hardt (2026), Leaderboard incentives,
    arXiv:2603.08371, Theorem 4.6 (the deterministic counterpart: no PNE when overtaking pays).

    Examples
    --------
    W1 with 2000 test questions on an 11-level grid: the noise is small, overtaking still pays
    and no pure equilibrium exists on the grid:

    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> from benchgame.mechanisms.protocols import NoisyProtocol
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0], NoisyProtocol(2000))
    >>> res = noisy_pure_analysis(NoisyRankGame.from_contest(ct, levels=11))
    >>> res.status, res.method.split(":")[0]
    ('none', 'enumeration')
    """
    n = game.n
    scale = float(game.rewards[0] - game.rewards[-1]) or 1.0
    atol = 1e-10 * scale if atol is None else float(atol)
    grid = {"levels": [int(s) for s in game.sizes], "step": game.step,
            "e_max": float(max(g.max() for g in game.grids))}
    gaps = game.dominance_gaps()
    margins = [game.costs[i][1:] - game.costs[i][0] - gaps[i, 1:game.sizes[i]]
               for i in range(n)]
    flat = np.concatenate(margins) if any(m.size for m in margins) else np.array([np.inf])
    margin = float(flat.min())
    zero = np.zeros(n, dtype=int)
    if margin > atol:
        reg = _regrets(game, zero)
        return NoisyPureAnalysis(
            "unique", (_profile(game, zero),), (reg,),
            "dominance: zero effort strictly dominates every positive grid effort",
            f"the reward gain bound (R_1 - R_n) max_t [P(Y_k >= t) - P(Y_0 >= t)] is below the "
            f"cost of every positive grid effort by at least {margin:.6g}: the all-zero profile "
            "is the unique equilibrium of the grid game (pure or mixed)", atol, grid, margin)
    total = int(np.prod(game.sizes.astype(float)))
    if total <= budget:
        return _enumerate(game, atol, grid, margin)
    levels = zero.copy()
    for _ in range(rounds):
        moved = False
        for i in range(n):
            v = _pure_values(game, i, levels[None, :])[0]
            if v.max() - v[levels[i]] > atol:
                levels[i] = int(np.argmax(v))
                moved = True
        if not moved:
            reg = _regrets(game, levels)
            return NoisyPureAnalysis(
                "exists", (_profile(game, levels),), (reg,),
                "best-response dynamics: a fixed point from zero effort",
                f"a pure equilibrium of the grid game (regrets <= {float(reg.max()):.3g}); the "
                f"grid has {total} profiles, too many to enumerate, so uniqueness is undecided",
                atol, grid, margin)
    return NoisyPureAnalysis(
        "undecided", (), (), f"best-response dynamics: no fixed point in {rounds} rounds",
        f"no pure equilibrium found and the grid has {total} profiles (budget {budget}): "
        "existence is undecided", atol, grid, margin)


def _enumerate(game: NoisyRankGame, atol: float, grid: dict, margin: float
               ) -> NoisyPureAnalysis:
    n, sizes = game.n, [int(s) for s in game.sizes]
    pne = np.ones(sizes, dtype=bool)
    for i in range(n):
        others = [j for j in range(n) if j != i]
        opp = np.zeros((int(np.prod([sizes[j] for j in others])), n), dtype=int)
        if others:
            opp[:, others] = np.array(list(itertools.product(*[range(sizes[j])
                                                               for j in others])))
        best = np.empty((opp.shape[0], sizes[i]), dtype=bool)
        for s in range(0, opp.shape[0], 256):
            V = _pure_values(game, i, opp[s:s + 256])
            best[s:s + 256] = V >= V.max(axis=1, keepdims=True) - atol
        shaped = best.reshape([sizes[j] for j in others] + [sizes[i]])
        pne &= np.moveaxis(shaped, -1, i)
    found = [np.array(ix) for ix in np.argwhere(pne)]
    eqs = tuple(_profile(game, ix) for ix in found)
    regs = tuple(_regrets(game, ix) for ix in found)
    status: Status = "none" if not eqs else ("unique" if len(eqs) == 1 else "multiple")
    where = f"all {int(np.prod(sizes))} pure profiles of the grid game checked"
    why = {"none": f"no pure equilibrium on the grid ({where})",
           "unique": f"exactly one pure equilibrium on the grid ({where})",
           "multiple": f"{len(eqs)} pure equilibria on the grid ({where})"}[status]
    return NoisyPureAnalysis(status, eqs, regs,
                             f"enumeration: exact best responses to every pure opponent profile "
                             f"(ties within {atol:.3g})", why, atol, grid, margin)

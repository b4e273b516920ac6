"""Discretized leaderboard games: finite cross-checks of the continuum analysis (spec 5.3).

The developers' subgame ``G(Delta)`` restricted to effort grids is a finite normal-form game
(:class:`benchgame.games.NormalFormGame`). The grid for developer ``r`` is

    {0, h, 2h, ..., e_max}  U  {ebar_{r,k}(Delta), ebar_{r,k}(Delta) +- h/10 : k < r},

with ``e_max >= c^{-1}(R_1 - R_n)`` (no one spends more than the largest prize) and the exact
catch-up thresholds ``ebar`` of spec 5.2 inserted, so that "tie at the threshold" and "just
above it" are both available. The payoff tensor ``(m_1, ..., m_n, n)`` is built by broadcasting
the profile grid through :meth:`Contest.utilities` (no loop over profiles). Ties: scores within
``tie_tol`` are tied and the contest's tie rule decides inside that band (spec 5.3; the inserted
thresholds tie in exact arithmetic but may differ by rounding in floating point).

The grid game is a different game: a just-overtake that is profitable in the continuum may cost
``c(e_req + h) > G`` on the grid and create spurious equilibria. Every grid pure equilibrium is
therefore re-checked with the continuum oracle :func:`benchgame.games.leaderboard.pne_test`, and
those that fail are reported as grid artifacts, together with the grid step.

Two-player mixed equilibria are compared with the closed form of spec 4.3
(:func:`benchgame.games.leaderboard.two_player_mixed_equilibrium`): the closed-form score CDFs are
discretized onto the grid (the mass of ``(e_{k-1}, e_k]`` goes to ``e_k``) and their
exploitability in the grid game is reported; it tends to 0 as ``h -> 0`` (spec 5.6 P8; W1:
payoffs (0.5, 0), inversion probability 0.375).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from benchgame.core.validation import require
from benchgame.games.equilibrium import Equilibrium, EquilibriumSet
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.fidelity import (
    Fidelity,
    TwoPlayerMixed,
    two_player_mixed_equilibrium,
)
from benchgame.games.leaderboard.pure_analysis import PNETest, pne_test
from benchgame.games.leaderboard.thresholds import catch_up_matrix
from benchgame.games.normal_form import NormalFormGame
from benchgame.games.pure import pure_equilibria

__all__ = [
    "DiscretizedGame",
    "GridMixedCheck",
    "GridPureEquilibria",
    "approximate_mixed",
    "discretize",
    "effort_grids",
    "grid_mixed_fidelity",
    "grid_pure_equilibria",
    "two_player_mixed_check",
]

MAX_PROFILES = 4_000_000
"""Largest number of grid profiles a discretized game may have (payoff tensor memory)."""


def effort_grids(contest: Contest, step: float, *, e_max: float | None = None,
                 insert_thresholds: bool = True) -> tuple[tuple[np.ndarray, ...], float,
                                                          tuple[np.ndarray, ...]]:
    """Per-developer effort grids (spec 5.3).

    Returns ``(grids, e_max, inserted)`` where ``inserted[r]`` lists the exact thresholds
    ``ebar_{r,k}`` (k < r) that were added to developer r's grid (with ``+- step/10``).
    """
    require(np.isfinite(step) and step > 0, "step", f"is {step}", "use a grid step h > 0")
    R = contest.rewards.values
    if e_max is None:
        e_max = float(contest.cost.inverse(float(R[0] - R[-1])))
        e_max = max(step, float(np.ceil(e_max / step - 1e-9) * step))
    require(np.isfinite(e_max) and e_max >= step, "e_max", f"is {e_max}",
            "use e_max >= step (default c^{-1}(R_1 - R_n))")
    base = np.arange(0.0, e_max + step / 2, step)
    require(base.size ** contest.n <= MAX_PROFILES, "step",
            f"gives {base.size} points per developer, {base.size ** contest.n:.3g} profiles",
            f"use a coarser step or fewer developers (at most {MAX_PROFILES} profiles)")
    M = catch_up_matrix(contest).values if insert_thresholds else None
    grids, inserted = [], []
    for r in range(contest.n):
        extra = np.empty(0)
        if M is not None and r > 0:
            t = M[r, :r]
            t = t[np.isfinite(t) & (t <= e_max)]
            extra = np.unique(t)
            pts = np.concatenate([extra, extra - step / 10, extra + step / 10])
            pts = pts[(pts >= 0) & (pts <= e_max + step / 10)]
            grids.append(np.unique(np.concatenate([base, pts])))
        else:
            grids.append(base.copy())
        inserted.append(extra)
    for g in grids:
        g.setflags(write=False)
    return tuple(grids), float(e_max), tuple(inserted)


@dataclass(frozen=True, eq=False)
class DiscretizedGame:
    """A leaderboard contest restricted to effort grids.

    Attributes
    ----------
    contest : Contest
        The contest with ``tie_tol`` set to the tie band used on the grid.
    grids : tuple of numpy.ndarray
        Effort grid of each developer.
    step, e_max : float
        Grid step ``h`` and largest effort.
    inserted : tuple of numpy.ndarray
        Exact thresholds inserted per developer.
    game : NormalFormGame
        Payoff tensor ``(m_1, ..., m_n, n)``.
    notes : tuple of str
        Grid caveats (e.g. ``c(h) >= min positive reward gap``).
    """

    contest: Contest
    grids: tuple[np.ndarray, ...]
    step: float
    e_max: float
    inserted: tuple[np.ndarray, ...]
    game: NormalFormGame
    notes: tuple[str, ...] = field(default_factory=tuple)

    def profile_efforts(self, profile: Any) -> np.ndarray:
        """Efforts of a profile of grid indices."""
        return np.array([g[int(a)] for g, a in zip(self.grids, profile, strict=True)])

    def to_dict(self) -> dict:
        return {"step": self.step, "e_max": self.e_max, "shape": list(self.game.shape),
                "inserted": [x.tolist() for x in self.inserted], "notes": list(self.notes),
                "tie_tol": self.contest.tie_tol}


def discretize(contest: Contest, step: float, *, e_max: float | None = None,
               insert_thresholds: bool = True, tie_tol: float = 1e-12) -> DiscretizedGame:
    """Build the grid game of ``contest`` with grid step ``step`` (spec 5.3).

    Parameters
    ----------
    contest : Contest
    step : float
        Grid step ``h``.
    e_max : float, optional
        Largest effort (default ``c^{-1}(R_1 - R_n)`` rounded up to the grid).
    insert_thresholds : bool
        Insert ``ebar_{r,k}`` and ``ebar +- h/10`` (default True).
    tie_tol : float
        Scores within ``tie_tol`` are tied; the contest's tie rule applies inside the band.
    """
    require(np.isfinite(tie_tol) and tie_tol >= 0, "tie_tol", f"is {tie_tol}", "use >= 0")
    c = Contest(contest.theta, contest.family, contest.cost, contest.rewards, contest.protocol,
                contest.tie, contest.priority, max(float(tie_tol), contest.tie_tol))
    grids, e_max, inserted = effort_grids(c, step, e_max=e_max,
                                          insert_thresholds=insert_thresholds)
    E = np.stack(np.meshgrid(*grids, indexing="ij"), axis=-1)
    payoffs = c.utilities(E)
    game = NormalFormGame(payoffs, labels=[[f"{x:.6g}" for x in g] for g in grids],
                          players=[f"developer {i}" for i in range(c.n)],
                          title=f"leaderboard grid game (h = {step:g}, Delta = {c.delta:g})")
    notes = []
    G = c.rewards.gaps
    pos = G[G > 0]
    ch = float(c.cost(step))
    if pos.size and ch >= pos.min():
        notes.append(f"c(h) = {ch:.4g} >= smallest positive reward gap {pos.min():.4g}: "
                     "exceeding a threshold by one step may be unprofitable on the grid "
                     "although profitable in the continuum (spurious grid equilibria possible)")
    return DiscretizedGame(c, grids, float(step), e_max, inserted, game, tuple(notes))


# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class GridPureEquilibria:
    """Pure equilibria of a grid game, each re-checked in the continuum.

    Attributes
    ----------
    discretized : DiscretizedGame
    equilibria : EquilibriumSet
        Complete pure enumeration on the grid (engine certificates).
    profiles : tuple of numpy.ndarray
        Efforts of each grid PNE.
    continuum : tuple of PNETest
        Continuum oracle verdict for each grid PNE (spec 5.2 step 3).
    artifacts : tuple of int
        Indices (into ``profiles``) of grid PNE that are not continuum PNE.
    step : float
    """

    discretized: DiscretizedGame
    equilibria: EquilibriumSet
    profiles: tuple[np.ndarray, ...]
    continuum: tuple[PNETest, ...]
    artifacts: tuple[int, ...]
    step: float

    @property
    def certified(self) -> tuple[np.ndarray, ...]:
        """Grid PNE that are also continuum PNE."""
        return tuple(p for k, p in enumerate(self.profiles) if k not in self.artifacts)

    def to_dict(self) -> dict:
        return {"step": self.step, "grid": self.discretized.to_dict(),
                "profiles": [p.tolist() for p in self.profiles],
                "continuum_pne": [t.is_equilibrium for t in self.continuum],
                "continuum_gaps": [t.gaps.tolist() for t in self.continuum],
                "artifacts": list(self.artifacts)}


def grid_pure_equilibria(dg: DiscretizedGame, tol: float = 1e-9,
                         continuum_tol: float = 1e-9) -> GridPureEquilibria:
    """All pure equilibria of the grid game (vectorized engine enumeration, relative ``tol``),
    each re-checked with the continuum oracle at ``continuum_tol``."""
    eqs = pure_equilibria(dg.game, tol)
    profiles = tuple(dg.profile_efforts(e.provenance["profile"]) for e in eqs.equilibria)
    tests = tuple(pne_test(dg.contest, p, continuum_tol) for p in profiles)
    artifacts = tuple(k for k, t in enumerate(tests) if not t.is_equilibrium)
    return GridPureEquilibria(dg, eqs, profiles, tests, artifacts, dg.step)


# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class GridMixedCheck:
    """Closed-form two-player equilibrium (spec 4.3) against the grid game.

    Attributes
    ----------
    step : float
    closed_form : TwoPlayerMixed
    profile : tuple of numpy.ndarray
        The closed-form CDFs discretized on the grids.
    regrets : numpy.ndarray
        Per-player regret of ``profile`` in the grid game; ``exploitability`` is their max.
    grid_payoffs : numpy.ndarray
    grid_p_inversion : float
        ``P(s_l ranked above s_h)`` under ``profile`` on the grid.
    solver : str or None
        The generic bimatrix solver used (``benchgame.games.lemke_howson``).
    solver_payoffs, solver_regrets : numpy.ndarray or None
        Payoffs and regrets of the solver's equilibrium.
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
        return float(self.regrets.max())

    def to_dict(self) -> dict:
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
    from benchgame.games.lemke_howson import lemke_howson

    eq = lemke_howson(game, 0, exact=False)
    return "benchgame.games.lemke_howson", [np.asarray(s, float) for s in eq.strategies]


def two_player_mixed_check(contest: Contest, step: float, *, solve: bool = True,
                           e_max: float | None = None) -> GridMixedCheck:
    """Compare the spec 4.3 closed form with the grid game of step ``step`` (two developers,
    capability ties).

    The closed-form profile discretized on the grid is evaluated in the grid game (regrets,
    payoffs, inversion probability). With ``solve=True`` the generic bimatrix solver
    :func:`benchgame.games.lemke_howson.lemke_howson` also solves the grid game; its payoffs should
    match ``(V - C_h(T), 0)`` (plus ``R_2``) within ``O(h)``.
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


# --------------------------------------------------------------------------------------------
def grid_mixed_fidelity(dg: DiscretizedGame, profile: Any) -> Fidelity:
    """Exact ranking fidelity (spec 5.5) of a mixed profile of the grid game.

    The expectation runs over every grid profile with its product probability (no sampling):
    expected Kendall tau_b between the leaderboard and the capability order, P(exact order),
    P(top-1 correct), expected number of inversions, and the Spearman correlation between the
    expected ranks and the capability ranks. Tied ranks (uniform tie rule) enter tau_b's
    denominator.
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
    """Approximate mixed equilibrium of a grid game with ``n >= 2`` developers (spec 5.3):
    regret matching (``regret_matching``, ``regret_matching_plus``) or fictitious play
    (``fictitious_play``) from the engine. Returns the engine's :class:`Equilibrium` (its
    certificate carries the regrets and the exploitability, and whether ``tol`` was met) and the
    exact fidelity of the returned mixture on the grid. No closed form exists for ``n >= 3``.
    """
    from benchgame.games.fictitious_play import fictitious_play
    from benchgame.games.regret_matching import regret_matching

    if method in ("regret_matching", "regret_matching_plus"):
        eq = regret_matching(dg.game, tol=tol, max_iter=max_iter, rng=rng,
                             plus=method == "regret_matching_plus")
    elif method == "fictitious_play":
        eq = fictitious_play(dg.game, tol=tol, max_iter=max_iter, rng=rng)
    else:
        from benchgame.core.validation import InputError

        raise InputError("method", f"is {method!r}", "use regret_matching, "
                         "regret_matching_plus or fictitious_play")
    return eq, grid_mixed_fidelity(dg, eq.strategies)

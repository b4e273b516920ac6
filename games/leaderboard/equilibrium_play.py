"""What equilibrium play does to the leaderboard: ranking fidelity and wasted effort.

:func:`equilibrium_play` takes a :class:`~benchgame.games.leaderboard.Contest` under any
protocol and reports, under equilibrium play,

* the expected Kendall tau between the leaderboard and the capability order,
* the probability that the most capable developer ranks first,
* the expected total effort and the expected total cost (wasted effort: rewards are transfers),

each with an error bound. Equilibrium play is the all-zero profile when
:func:`~benchgame.games.leaderboard.analyze_pure` proves it is the unique pure equilibrium of
the continuum game (bounds 0); otherwise a mixed equilibrium of the grid game computed by
:func:`~benchgame.games.leaderboard.mixed_play.solve_mixed`. Its certificate is the
exploitability; when a Newton-Kantorovich test
(:func:`~benchgame.games.leaderboard.equilibrium_bounds.nearby_equilibrium`) also proves that an
exact grid equilibrium lies within ``r`` of the computed one, every metric carries the bound
``B * sum_i ||p_i - p*_i||_1`` (``B`` bounds the metric's integrand); without that proof the
bound is ``None`` and the numbers describe the epsilon-equilibrium only. A result that misses the
exploitability target is never called an equilibrium: its state is ``uncertified``.

Under a noisy protocol (``protocol.deterministic`` false) the game is the noisy grid game
(:class:`~benchgame.games.leaderboard.noisy_rank_payoffs.NoisyRankGame`, at most 41 levels
unless ``step`` is given):
state ``pure`` means a unique pure equilibrium *of the grid game*
(:func:`~benchgame.games.leaderboard.noisy_pure.noisy_pure_analysis`, recorded in
``grid["pure"]``), whose metrics are exact for that profile (bounds: rounding only); otherwise
the mixed solver runs on the same game and the bounds are ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from benchgame.core.serialize import to_jsonable
from benchgame.core.validation import require
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.equilibrium_bounds import NearbyEquilibrium, nearby_equilibrium
from benchgame.games.leaderboard.mixed_metrics import play_metrics
from benchgame.games.leaderboard.mixed_play import MixedSolution, solve_mixed
from benchgame.games.leaderboard.noisy_pure import noisy_pure_analysis
from benchgame.games.leaderboard.noisy_rank_payoffs import NoisyRankGame
from benchgame.games.leaderboard.pure_analysis import analyze_pure
from benchgame.games.leaderboard.rank_payoffs import RankGame

__all__ = ["Estimate", "EquilibriumPlay", "equilibrium_play"]

METRICS = ("expected_tau", "p_top1_correct", "expected_total_effort", "expected_total_cost")
ROUNDING = 1e-12
"""Added to every bound: floating-point error of the sums behind a metric."""


@dataclass(frozen=True)
class Estimate:
    """A number with its error bound (``None``: no bound is certified).

    Parameters
    ----------
    value : float
        The computed value.
    bound : float or None
        ``|value - exact| <= bound`` for the exact equilibrium described by the result.

    Examples
    --------
    >>> Estimate(0.25, 1e-10).to_dict()
    {'value': 0.25, 'bound': 1e-10}
    """

    value: float
    bound: float | None

    def to_dict(self) -> dict:
        """The estimate as a JSON-ready dictionary.

        Returns
        -------
        dict
            ``{"value": ..., "bound": ...}``.
        """
        return {"value": self.value, "bound": self.bound}


@dataclass(frozen=True, eq=False)
class EquilibriumPlay:
    """Ranking fidelity and effort of a contest under equilibrium play.

    Parameters
    ----------
    contest : Contest
        The contest.
    state : {"pure", "mixed", "uncertified"}
        ``pure``: unique pure equilibrium proved in the continuum; ``mixed``: certified mixed
        equilibrium of the grid game; ``uncertified``: the solver missed its target (the numbers
        describe the best profile found, not an equilibrium).
    source : str
        How the profile was obtained.
    metrics : dict of str to Estimate
        ``expected_tau``, ``p_top1_correct``, ``expected_total_effort``,
        ``expected_total_cost``.
    developers : dict of str to numpy.ndarray
        Per developer: ``payoff``, ``effort``, ``cost``, ``p_first``, ``expected_rank`` and
        ``regret``.
    names : tuple of str
        Developer names (default ``developer 1``, ...).
    solution : MixedSolution or None
        The grid solution (None in the pure case).
    nearby : NearbyEquilibrium or None
        The distance certificate behind the bounds (None in the pure case).
    grid : dict
        Grid step, levels and largest effort (empty in the pure case).

    Examples
    --------
    A contest whose unique pure equilibrium is the all-zero profile:

    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.25, 0.0])
    >>> play = equilibrium_play(ct)
    >>> play.state, play.metrics["expected_tau"], play.certified
    ('pure', Estimate(value=1.0, bound=0.0), True)
    >>> play.to_frame().index.tolist()
    ['developer 1', 'developer 2']
    """

    contest: Contest
    state: Literal["pure", "mixed", "uncertified"]
    source: str
    metrics: dict[str, Estimate]
    developers: dict[str, np.ndarray]
    names: tuple[str, ...]
    solution: MixedSolution | None = None
    nearby: NearbyEquilibrium | None = None
    grid: dict = field(default_factory=dict)

    @property
    def certified(self) -> bool:
        """Whether the profile is a certified equilibrium (pure, or mixed within target)."""
        return self.state != "uncertified"

    def to_dict(self) -> dict:
        """The result as a JSON-safe dictionary.

        Returns
        -------
        dict
            State, source, metrics with bounds, per-developer table, grid and certificate.
        """
        sol = self.solution
        cert = None if sol is None else {
            "exploitability": sol.exploitability, "epsilon": sol.epsilon, "target": sol.target,
            "certified": sol.certified, "iterations": sol.iterations,
            "polish_attempts": sol.polish_attempts, "newton_steps": sol.newton_steps,
            "seconds": sol.seconds, "method": sol.method, "summary": sol.summary()}
        cols = self._columns()
        return to_jsonable({
            "state": self.state, "source": self.source,
            "metrics": {k: v.to_dict() for k, v in self.metrics.items()},
            "developers": [{"developer": name, **{k: v[i] for k, v in cols.items()}}
                           for i, name in enumerate(self.names)],
            "grid": self.grid, "certificate": cert,
            "nearby_equilibrium": None if self.nearby is None else self.nearby.to_dict(),
            "contest": self.contest.to_dict()}, finite=True)

    def to_frame(self) -> Any:
        """Per-developer table: rows are developers by name.

        Returns
        -------
        pandas.DataFrame
            Columns ``theta``, ``payoff``, ``effort``, ``cost``, ``p_first``,
            ``expected_rank``, ``regret``.
        """
        import pandas as pd

        return pd.DataFrame(self._columns(), index=pd.Index(list(self.names), name="developer"))

    def _columns(self) -> dict[str, Any]:
        """The per-developer columns, in the order of :meth:`to_frame` (``to_dict`` writes the
        same rows without loading pandas)."""
        cols = {"theta": self.contest.theta}
        cols.update({k: self.developers[k] for k in ("payoff", "effort", "cost", "p_first",
                                                      "expected_rank", "regret")})
        return cols


def _names(contest: Contest, names: Any) -> tuple[str, ...]:
    if names is None:
        return tuple(f"developer {i + 1}" for i in range(contest.n))
    out = tuple(str(x) for x in names)
    require(len(out) == contest.n, "names", f"has {len(out)} names for {contest.n} developers")
    return out


def _pure(contest: Contest, names: tuple[str, ...], reason: str) -> EquilibriumPlay:
    n = contest.n
    R = contest.rewards.values
    ranks = contest.ranks(np.zeros(n))
    exact = {"expected_tau": 1.0, "p_top1_correct": float(ranks[0] == 1),
             "expected_total_effort": 0.0, "expected_total_cost": 0.0}
    dev = {"payoff": R[ranks - 1].astype(float), "effort": np.zeros(n), "cost": np.zeros(n),
           "p_first": (ranks == 1).astype(float), "expected_rank": ranks.astype(float),
           "regret": np.zeros(n)}
    return EquilibriumPlay(contest, "pure", f"unique pure equilibrium (all-zero profile): "
                           f"{reason}", {k: Estimate(v, 0.0) for k, v in exact.items()}, dev,
                           names)


def equilibrium_play(contest: Contest, *, step: float | None = None, levels: int = 200,
                     tol: float = 1e-4, names: Any = None, time_limit: float | None = None,
                     max_iter: int = 20_000) -> EquilibriumPlay:
    """Ranking fidelity and wasted effort of a contest under equilibrium play.

    Parameters
    ----------
    contest : Contest
        The contest (any protocol, family, cost, rewards and tie rule).
    step : float, optional
        Effort-grid step for the mixed case (default: ``levels`` points on
        ``[0, c^{-1}(R_1 - R_n)]``).
    levels : int, default 200
        Grid points when ``step`` is not given.
    tol : float, default 1e-4
        Exploitability target relative to the largest adjacent reward gap.
    names : sequence of str, optional
        Developer names (rows of :meth:`EquilibriumPlay.to_frame`).
    time_limit : float, optional
        Seconds for the mixed solver (the best profile so far is returned, uncertified if it
        misses the target).
    max_iter : int, default 20000
        Regret-matching iterations for the mixed solver.

    Returns
    -------
    EquilibriumPlay
        Metrics with bounds, per-developer table and certificate.

    Raises
    ------
    InputError
        If a parameter is invalid.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 4.3 and
    Theorem 4.6 (pure equilibria rank by capability; when none exists play is mixed); Baye,
    Kovenock and de Vries (1996), The all-pay auction with complete information, Economic
    Theory 8 (full rent dissipation).

    Examples
    --------
    W1 on a 101-point grid (continuum: payoffs (0.5, 0), inversion probability 3/8; the grid
    is off by O(h)):

    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> play = equilibrium_play(ct, levels=101, names=["high", "low"])
    >>> play.state, round(play.metrics["p_top1_correct"].value, 2)
    ('mixed', 0.63)
    >>> (play.to_frame()["payoff"].round(3) + 0.0).tolist()
    [0.51, 0.0]
    """
    names_t = _names(contest, names)
    if not contest.protocol.deterministic:
        return _noisy(contest, names_t, step, levels, tol, time_limit, max_iter)
    pa = analyze_pure(contest)
    if pa.status == "unique":
        return _pure(contest, names_t, pa.method)
    game = RankGame.from_contest(contest, step=step, levels=levels)
    sol = solve_mixed(game, tol=tol, time_limit=time_limit, max_iter=max_iter)
    P = game.padded(sol.profile)
    m = play_metrics(game, sol.profile)
    near = nearby_equilibrium(game, P) if sol.certified else None
    scale = {"expected_tau": 1.0, "p_top1_correct": 1.0,
             "expected_total_effort": max(float(g.max()) for g in game.grids),
             "expected_total_cost": max(float(c.max()) for c in game.costs)}
    metrics = {}
    for k in METRICS:
        bound = None
        if near is not None and near.verified:
            bound = float(scale[k] * near.l1_radius.sum()) + ROUNDING
        metrics[k] = Estimate(float(m[k]), bound)
    dev = {k: np.asarray(m[k], float) for k in ("payoff", "effort", "cost", "p_first",
                                                 "expected_rank")}
    dev["regret"] = sol.regrets
    state = "mixed" if sol.certified else "uncertified"
    why = {"none": "no pure equilibrium exists", "undecided": "the pure analysis is undecided"}
    source = f"{why.get(pa.status, pa.status)} ({pa.reason}); grid game: {sol.summary()}"
    grid = {"step": game.step, "levels": int(game.sizes.max()),
            "e_max": float(max(g.max() for g in game.grids))}
    return EquilibriumPlay(contest, state, source, metrics, dev, names_t, sol, near, grid)


def _noisy(contest: Contest, names: tuple[str, ...], step: float | None, levels: int,
           tol: float, time_limit: float | None, max_iter: int) -> EquilibriumPlay:
    """Equilibrium play of the noisy grid game (module docstring)."""
    game = NoisyRankGame.from_contest(contest, step=step, levels=min(levels, 41)
                                      if step is None else levels)
    pa = noisy_pure_analysis(game)
    grid = {"step": game.step, "levels": int(game.sizes.max()),
            "e_max": float(max(g.max() for g in game.grids)), "pure": pa.to_dict(),
            "observation": game.observed.model}
    if pa.status == "unique":
        prof = [np.isclose(g, e).astype(float) for g, e in zip(game.grids, pa.equilibria[0],
                                                                 strict=True)]
        sol, state, bound = None, "pure", ROUNDING
        source = f"unique pure equilibrium of the grid game (grid-based): {pa.reason}"
        regrets = pa.regrets[0]
    else:
        sol = solve_mixed(game, tol=tol, time_limit=time_limit, max_iter=max_iter)
        prof, regrets = list(sol.profile), sol.regrets
        state = "mixed" if sol.certified else "uncertified"
        bound = None
        source = (f"pure analysis of the grid game: {pa.status} ({pa.reason}); mixed play: "
                  f"{sol.summary()}")
    m = play_metrics(game, prof)
    metrics = {k: Estimate(float(m[k]), bound) for k in METRICS}
    dev = {k: np.asarray(m[k], float) for k in ("payoff", "effort", "cost", "p_first",
                                                 "expected_rank")}
    dev["regret"] = np.asarray(regrets, float)
    return EquilibriumPlay(contest, state, source, metrics, dev, names, sol, None, grid)

"""How the fidelity of equilibrium play changes as the effort grid is refined.

The grid game is a different game from the continuum contest: its equilibria approximate the
continuum ones with an error of order of the grid step (for two developers the closed form of
Chen, Zhang and Hardt's worked example W1 is approached at rate ``O(h)``). :func:`grid_convergence`
solves the grid game at steps ``h, h/2, h/4, ...`` (nested grids) and tabulates the metrics of
:func:`~benchgame.games.leaderboard.equilibrium_play.equilibrium_play` with their certificates,
so that the grid effect can be read off the differences between rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from benchgame.core.serialize import to_jsonable
from benchgame.core.validation import require
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.equilibrium_play import METRICS, equilibrium_play
from benchgame.games.leaderboard.rank_counts import default_grid

__all__ = ["GridConvergence", "grid_convergence"]


@dataclass(frozen=True)
class GridConvergence:
    """Metrics of equilibrium play on successively refined grids.

    Parameters
    ----------
    rows : tuple of dict
        One row per grid: ``step``, ``levels``, ``state``, ``exploitability``, the four
        metrics, ``bound`` (the largest metric bound, None if any is missing) and ``seconds``.

    Examples
    --------
    >>> GridConvergence(({"step": 0.1, "expected_tau": 0.4},)).to_dict()
    {'rows': [{'step': 0.1, 'expected_tau': 0.4}]}
    """

    rows: tuple[dict, ...]

    def to_dict(self) -> dict:
        """The table as a JSON-safe dictionary.

        Returns
        -------
        dict
            ``{"rows": [...]}``.
        """
        return to_jsonable({"rows": list(self.rows)}, finite=True)

    def to_frame(self) -> Any:
        """The table as a DataFrame, one row per grid step.

        Returns
        -------
        pandas.DataFrame
            Indexed by ``step``.
        """
        import pandas as pd

        return pd.DataFrame(list(self.rows)).set_index("step")


def grid_convergence(contest: Contest, *, step: float | None = None, levels: int = 51,
                     refinements: int = 3, tol: float = 1e-4, **kwargs: Any) -> GridConvergence:
    """Equilibrium play on nested grids with steps ``h, h/2, h/4, ...``.

    Parameters
    ----------
    contest : Contest
        The contest.
    step : float, optional
        Coarsest step ``h`` (default: ``levels`` points on ``[0, c^{-1}(R_1 - R_n)]``).
    levels : int, default 51
        Points of the coarsest grid when ``step`` is not given.
    refinements : int, default 3
        Number of grids (each halves the step).
    tol : float, default 1e-4
        Exploitability target of each solve (relative to the largest reward gap).
    **kwargs
        Passed to :func:`~benchgame.games.leaderboard.equilibrium_play.equilibrium_play`
        (``time_limit``, ``max_iter``).

    Returns
    -------
    GridConvergence
        The table.

    Raises
    ------
    InputError
        If ``refinements`` is not a positive integer.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 3 (the
    continuum contest); the two-developer closed form (payoffs ``(V - C_h(T), 0)``) is the limit
    checked in the package's tests.

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> table = grid_convergence(ct, levels=11, refinements=3).to_frame()
    >>> table.index.tolist()
    [0.1, 0.05, 0.025]
    >>> (1 - table["p_top1_correct"]).round(2).tolist()   # tends to 3/8 = 0.375
    [0.3, 0.34, 0.36]
    """
    require(int(refinements) >= 1, "refinements", f"is {refinements}", "use at least 1 grid")
    rows = []
    for r in range(int(refinements)):
        if step is not None:
            h, lv = float(step) / 2 ** r, None
        else:
            lv = (int(levels) - 1) * 2 ** r + 1
            g = default_grid(contest, levels=lv)
            h = float(g[1] - g[0])
        play = (equilibrium_play(contest, step=h, tol=tol, **kwargs) if lv is None else
                equilibrium_play(contest, levels=lv, tol=tol, **kwargs))
        sol = play.solution
        bounds = [play.metrics[k].bound for k in METRICS]
        row = {"step": h, "levels": play.grid.get("levels"), "state": play.state,
               "exploitability": 0.0 if sol is None else sol.exploitability}
        row.update({k: play.metrics[k].value for k in METRICS})
        row["bound"] = None if any(b is None for b in bounds) else max(bounds)
        row["seconds"] = 0.0 if sol is None else sol.seconds
        rows.append(row)
    return GridConvergence(tuple(rows))

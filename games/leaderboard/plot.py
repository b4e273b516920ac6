"""Plot of the designer's view: ``e_req_r(Delta)``, ``M(Delta)`` and the equilibrium regions.

Curves: the adjacent catch-up efforts ``e_req_r(Delta)`` (r = 2..n), their minimum
``M(Delta)`` (the paper's Figure 1, right panel) and the stabilizing levels ``c^{-1}(G_r)``
(pair r is stable where ``e_req_r(Delta) >= c^{-1}(G_r)``). Background: Delta ranges where the
continuum analysis (:func:`benchgame.games.leaderboard.analyze_pure`) finds no pure equilibrium
(red), the unique pure equilibrium ranking by capability (green), or cannot decide (grey). The
figure is rendered with the Agg backend into memory and written atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from benchgame.core.figures import save_png
from benchgame.core.validation import require
from benchgame.games.leaderboard.catch_up_curves import e_req_curves
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.pure_analysis import analyze_pure

__all__ = ["plot_designer", "region_status"]

_COLORS = {"none": "#f4c7c3", "unique": "#c8e6c9", "undecided": "#e0e0e0"}


def region_status(contest: Contest, deltas: Any) -> list[str]:
    """Status of the pure-equilibrium analysis at each tune-before-test level.

    Parameters
    ----------
    contest : Contest
        The base contest; its protocol is moved to each level with ``at_level``.
    deltas : iterable of float
        The levels.

    Returns
    -------
    list of str
        :func:`~benchgame.games.leaderboard.pure_analysis.analyze_pure` status (``unique``,
        ``none`` or ``undecided``) per level.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 5.3 and
    Theorem 4.6.

    Examples
    --------
    >>> import numpy as np
    >>> from benchgame.games.leaderboard import Contest, GeneralizedLogit, PowerCost
    >>> from benchgame.games.leaderboard.plot import region_status
    >>> fam = GeneralizedLogit([1.0, 0.0], [np.log(2.0), 0.0], 1.0)
    >>> region_status(Contest([1.0, 0.0], fam, PowerCost(1.0), [2.0, 0.0]), [0.0, 0.5, 2.0])
    ['none', 'none', 'unique']
    """
    return [analyze_pure(contest.at_level(float(d))).status for d in deltas]


def _spans(deltas: np.ndarray, status: list[str]) -> list[tuple[float, float, str]]:
    mids = np.concatenate([[deltas[0]], (deltas[1:] + deltas[:-1]) / 2, [deltas[-1]]])
    out: list[tuple[float, float, str]] = []
    for k, st in enumerate(status):
        if out and out[-1][2] == st:
            out[-1] = (out[-1][0], float(mids[k + 1]), st)
        else:
            out.append((float(mids[k]), float(mids[k + 1]), st))
    return out


def _takeaway(deltas: np.ndarray, status: list[str], delta_star: float | None = None) -> str:
    """One line on where the unique capability-ranking equilibrium holds."""
    lo, hi = float(deltas[0]), float(deltas[-1])
    if (delta_star is not None and np.isfinite(delta_star) and lo <= delta_star <= hi
            and all(st == "unique" for d, st in zip(deltas, status, strict=True)
                    if d > delta_star)):
        return f"unique equilibrium ranking by capability for Delta >= Delta* = {delta_star:.4g}"
    uniq = [float(d) for d, st in zip(deltas, status, strict=True) if st == "unique"]
    if not uniq:
        return f"no unique capability-ranking equilibrium for Delta in [{lo:g}, {hi:g}]"
    if len(uniq) == sum(st == "unique" for st in status[-len(uniq):]):
        return f"unique equilibrium ranking by capability for Delta >= {uniq[0]:.4g}"
    return f"unique equilibrium ranking by capability on part of [{lo:g}, {hi:g}] (green)"


def plot_designer(contest: Contest, path: str | Path, *, delta_max: float = 100.0,
                  points: int = 201, names: Any = None, title: str = "",
                  delta_star: float | None = None) -> Path:
    """Draw the curves and regions for ``Delta in [0, delta_max]`` and write a PNG atomically.

    Parameters
    ----------
    contest : Contest
        Base contest; its protocol is moved to each level with ``at_level``.
    path : str or path-like
        Output PNG.
    delta_max : float, default 100.0
        Largest level plotted.
    points : int, default 201
        Levels evaluated (uniform grid).
    names : sequence of str, optional
        Developer names for the legend, most capable first (default: the contest's names, else
        ``developer 1``, ... by capability).
    title : str, default ""
        Figure title (a default title when empty).
    delta_star : float, optional
        Marked with a vertical line when finite and within range.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    InputError
        If ``delta_max`` is not positive or ``points < 2``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Figure 1 (right
    panel) and Proposition 5.3.
    """
    require(np.isfinite(delta_max) and delta_max > 0, "delta_max", f"is {delta_max}",
            "use a positive plot range")
    require(points >= 2, "points", f"is {points}", "use at least 2 levels")
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    deltas = np.linspace(0.0, float(delta_max), int(points))
    curves = e_req_curves(contest, deltas)
    M = curves.min(axis=1)
    status = region_status(contest, deltas)
    names = list(names) if names is not None else list(contest.names) if contest.names \
        else [f"developer {i + 1}" for i in range(contest.n)]
    fig = Figure(figsize=(10, 5.2), dpi=110)
    ax = fig.add_subplot(1, 1, 1)
    for lo, hi, st in _spans(deltas, status):
        ax.axvspan(lo, hi, color=_COLORS[st], alpha=0.8, lw=0)
    finite_pos = curves[np.isfinite(curves) & (curves > 0)]
    log = finite_pos.size > 0 and finite_pos.max() / max(finite_pos.min(), 1e-300) > 100
    # M is the lower envelope of the curves: a wide grey band under them, so that the curve
    # it follows stays visible on top
    ax.plot(deltas, np.where(np.isfinite(M), M, np.nan), color="black", lw=7, alpha=0.25,
            solid_capstyle="butt", zorder=2, label="M(Delta): the smallest catch-up effort")
    G = contest.rewards.gaps
    need = np.asarray(contest.cost.inverse(G), float)
    drawn = [j for j in range(min(contest.n - 1, need.size))
             if G[j] > 0 and np.isfinite(need[j]) and need[j] > 0]
    for j in range(contest.n - 1):
        y = curves[:, j]
        ax.plot(deltas, np.where(np.isfinite(y), y, np.nan), lw=1.6, color=f"C{j}", zorder=3,
                label=f"catch-up effort: {names[j + 1]} overtakes {names[j]}")
        if j in drawn:
            # pairs whose levels coincide share the line, each colour in turn (interleaved
            # dashes), so that no level hides another
            same = [i for i in drawn if np.isclose(need[i], need[j], rtol=1e-9, atol=0.0)]
            k, c = same.index(j), len(same)
            ax.axhline(need[j], color=f"C{j}", lw=1.2, zorder=3,
                       ls=":" if c == 1 else (2.0 * k, (2.0, 2.0 * (c - 1))),
                       label=f"  effort worth the reward gap ({need[j]:.3g}): stable above"
                             + ("" if c == 1 else f" (shared by {c} pairs)"))
    if delta_star is not None and np.isfinite(delta_star) and delta_star <= delta_max:
        ax.axvline(delta_star, color="darkgreen", ls="--", lw=1.5, zorder=4,
                   label=f"Delta* = {delta_star:.4g} (designer's threshold)")
    if log:
        ax.set_yscale("log")
    from matplotlib.patches import Patch

    handles, labels = ax.get_legend_handles_labels()
    for st, lab in (("none", "no pure equilibrium"), ("unique", "unique PNE, ranks by capability"),
                    ("undecided", "undecided")):
        if st in status:
            handles.append(Patch(color=_COLORS[st]))
            labels.append(lab)
    ax.legend(handles, labels, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              borderaxespad=0.0)
    ax.set_xlabel("tune-before-test level Delta (training effort given to every developer)")
    ax.set_ylabel("effort (units of the cost's argument" + (", log scale)" if log else ")"))
    ax.set_title((title or "Catch-up efforts and equilibrium regions") + "\n"
                 + _takeaway(deltas, status, delta_star), fontsize=10)
    fig.tight_layout()
    return save_png(fig, path, dpi=110)

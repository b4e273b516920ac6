"""Plots of the designer's grid: fidelity over two protocol parameters, and the cost frontier.

* :func:`plot_fidelity_heatmap`: the mean (or worst) ranking fidelity over populations for each
  pair of parameter values, e.g. the tune-before-test level ``Delta`` against the number of test
  questions ``m``, with the values written in the cells;
* :func:`plot_cost_frontier`: every candidate's cost against the fraction of populations
  reaching the fidelity target, the cheapest-so-far frontier, the required fraction and the
  chosen candidate.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from benchgame.core.validation import InputError
from benchgame.experiments.designer_grid import DesignerGrid

__all__ = ["plot_cost_frontier", "plot_fidelity_heatmap"]

_METRIC_NAMES = {"expected_tau": "expected Kendall tau", "p_top1_correct":
                 "P(most capable model ranks first)"}
_AXIS_NAMES = {"delta": "tune-before-test level Delta (training units)",
               "m": "test questions m (count)", "cap": "effort cap (training units)",
               "transfer": "transfer bound B (training units)"}


def plot_fidelity_heatmap(result: DesignerGrid, path: str | os.PathLike[str], *, x: str,
                          y: str, statistic: str = "mean") -> Path:
    """Heat map of ranking fidelity over two candidate parameters.

    Parameters
    ----------
    result : DesignerGrid
        A designer grid with (at least) the parameters ``x`` and ``y``.
    path : str or os.PathLike
        The PNG to write.
    x, y : str
        Parameter columns on the horizontal and vertical axes.
    statistic : {"mean", "worst"}, default "mean"
        Fidelity over populations shown in each cell.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    InputError
        If a column is missing, or a pair of values has several candidates (a third parameter
        varies).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from benchgame.experiments.designer_grid import designer_grid
    >>> res = designer_grid({"delta": [0.0, 5.0], "m": [50, 500]}, cost={"m": 0.01},
    ...                     target=0.9, seeds=1, settings={"developers": 2, "levels": 6})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     plot_fidelity_heatmap(res, Path(tmp) / "f.png", x="delta", y="m").name
    'f.png'
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = result.candidates
    for col in (x, y):
        if col not in t:
            raise InputError(col, "is not a parameter of this designer grid",
                             "use one of " + ", ".join(c for c in t if c in _AXIS_NAMES))
    if statistic not in ("mean", "worst"):
        raise InputError("statistic", f"is {statistic!r}", "use mean or worst")
    if t.duplicated([x, y]).any():
        raise InputError(f"{x}, {y}", "do not identify the candidates",
                         "plot a grid in which only these two parameters vary")
    xs, ys = sorted(t[x].unique()), sorted(t[y].unique())
    Z = np.full((len(ys), len(xs)), np.nan)
    for _, row in t.iterrows():
        Z[ys.index(row[y]), xs.index(row[x])] = row[statistic]
    lo = -1.0 if result.metric == "expected_tau" else 0.0
    lo = max(lo, float(np.floor(np.nanmin(Z) * 10) / 10) if np.isfinite(Z).any() else lo)
    lo = min(lo, 0.9)
    fig, ax = plt.subplots(figsize=(1.3 * len(xs) + 3.5, 0.7 * len(ys) + 2.8))
    im = ax.imshow(Z, origin="lower", cmap="viridis", vmin=lo, vmax=1.0, aspect="auto")
    for i in range(len(ys)):
        for j in range(len(xs)):
            if np.isfinite(Z[i, j]):
                ax.text(j, i, f"{Z[i, j]:.3f}", ha="center", va="center", fontsize=9,
                        color="white" if Z[i, j] < lo + 0.6 * (1 - lo) else "black")
    ax.set_xticks(range(len(xs)), [f"{v:g}" for v in xs])
    ax.set_yticks(range(len(ys)), [f"{v:g}" for v in ys])
    ax.set_xlabel(_AXIS_NAMES.get(x, x))
    ax.set_ylabel(_AXIS_NAMES.get(y, y))
    name = _METRIC_NAMES[result.metric]
    ax.set_title(f"Ranking fidelity under equilibrium play\n({statistic} {name} over "
                 f"{int(t['populations'].iloc[0])} populations; grid-based)", fontsize=10)
    fig.colorbar(im, ax=ax, label=f"{statistic} {name} (unitless)")
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def plot_cost_frontier(result: DesignerGrid, path: str | os.PathLike[str]) -> Path:
    """Cost against the fraction of populations reaching the target, with the frontier.

    Parameters
    ----------
    result : DesignerGrid
        A designer grid.
    path : str or os.PathLike
        The PNG to write.

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from benchgame.experiments.designer_grid import designer_grid
    >>> res = designer_grid({"m": [50, 500]}, cost={"m": 0.01}, target=0.9, seeds=1,
    ...                     settings={"developers": 2, "levels": 6})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     plot_cost_frontier(res, Path(tmp) / "c.png").name
    'c.png'
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = result.candidates
    names = [c for c in t.columns if c in _AXIS_NAMES]
    fig, ax = plt.subplots(figsize=(7.0, 4.6))
    ax.scatter(t["cost"], t["fraction"], color="tab:blue", zorder=3,
               label="candidate protocol")
    frontier = np.maximum.accumulate(t["fraction"].to_numpy())
    gains = np.flatnonzero(np.diff(np.concatenate([[-1.0], frontier])) > 0)
    for k in gains:            # label the candidates that move the frontier up
        row = t.iloc[k]
        ax.annotate(", ".join(f"{c}={row[c]:g}" for c in names), (row["cost"], row["fraction"]),
                    textcoords="offset points", xytext=(6, -12), fontsize=8, color="0.2")
    ax.step(t["cost"], frontier, where="post", color="tab:orange", zorder=2,
            label="frontier: best fraction at this cost or less")
    ax.axhline(result.required_fraction, color="tab:red", linestyle="--",
               label=f"required fraction {result.required_fraction:g}")
    if result.chosen is not None:
        ax.scatter([result.chosen["cost"]], [result.chosen["fraction"]], s=160,
                   facecolors="none", edgecolors="tab:green", linewidths=2, zorder=4,
                   label="chosen: cheapest reaching the target")
    ax.set_xlabel("designer's cost (units of the stated cost model)")
    ax.set_ylabel("fraction of populations reaching the target")
    ax.set_ylim(-0.05, 1.1)
    ax.set_title(f"Cost frontier: {_METRIC_NAMES[result.metric]} >= {result.target:g} under "
                 "equilibrium play (grid-based)", fontsize=10)
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out

"""The designer's grid of a leaderboard configuration, run and reported.

:func:`run_grid` evaluates every candidate protocol that a ``[designer]`` table states
(:class:`~benchgame.experiments.designer_config.DesignerGridSpec`) on every population (the
configuration's developers, or populations drawn with its cost, rewards and tie rule) with
:func:`~benchgame.experiments.designer_grid.designer_grid`; :func:`grid_table` lays the
candidates out for ``benchgame leaderboard`` and :func:`plot_grid` draws the fidelity heat map
and the cost frontier. The answer is grid-based (the listed candidates only, equilibrium play of
effort-grid games, no monotonicity assumed).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from benchgame.experiments.designer_config import DesignerGridSpec
from benchgame.experiments.designer_grid import DesignerGrid, designer_grid
from benchgame.experiments.designer_grid_plot import plot_cost_frontier, plot_fidelity_heatmap
from benchgame.experiments.sweeps.populations import POPULATIONS, draw_population
from benchgame.games.leaderboard.contest import Contest

__all__ = ["GRID_COLUMNS", "grid_contests", "grid_table", "plot_grid", "run_grid"]

GRID_COLUMNS = ["candidate", "cost", "reaches\ntarget", "mean\n(worst)", "equilibrium play"]
"""Columns of :func:`grid_table`."""


def grid_contests(spec: DesignerGridSpec, base: Contest) -> list[Contest]:
    """The populations: ``base`` itself, or drawn ones with its cost, rewards and ties.

    Parameters
    ----------
    spec : DesignerGridSpec
        The designer's grid (``populations`` and ``seeds``).
    base : Contest
        The configuration's contest.

    Returns
    -------
    list of Contest

    Raises
    ------
    InputError
        On an unknown population distribution (naming ``designer.populations``).

    Examples
    --------
    >>> from benchgame.experiments.designer_config import parse_designer_grid
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.2, 0.0])
    >>> spec = parse_designer_grid({"target": 0.9, "candidates": {"m": [50]},
    ...                             "populations": "logit", "seeds": 3})
    >>> [c.theta.round(2).tolist() for c in grid_contests(spec, ct)][0]
    [6.34, 1.67]
    """
    if spec.populations == "config":
        return [base]
    POPULATIONS.get(spec.populations, "designer.populations")
    out = []
    for seed in range(spec.seeds):
        theta, family = draw_population(spec.populations, base.n, seed)
        out.append(dataclasses.replace(base, theta=theta, family=family, names=None))
    return out


def run_grid(spec: DesignerGridSpec, base: Contest) -> DesignerGrid:
    """Every candidate on every population, and the cheapest reaching the target.

    Parameters
    ----------
    spec : DesignerGridSpec
        The designer's grid.
    base : Contest
        The configuration's contest.

    Returns
    -------
    DesignerGrid
        With ``settings["populations"]`` saying which populations were used.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 5 (the
    designer's choice of protocol).

    Examples
    --------
    >>> from benchgame.experiments.designer_config import parse_designer_grid
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.2, 0.0])
    >>> spec = parse_designer_grid({"target": 0.99, "candidates": {"m": [20, 500]},
    ...                             "cost": {"m": 0.01}, "levels": 11})
    >>> run_grid(spec, ct).chosen
    {'m': 500, 'cost': 5.0, 'fraction': 1.0}
    """
    contests = grid_contests(spec, base)
    res = designer_grid(spec.candidates, cost=spec.cost, target=spec.target,
                        metric=spec.metric, required_fraction=spec.required_fraction,
                        settings={"protocol": spec.protocol, "levels": spec.levels,
                                  "time_limit": spec.seconds}, contests=contests)
    res.settings["populations"] = (
        "the configuration's developers" if spec.populations == "config" else
        f"{spec.seeds} drawn from {spec.populations!r} with the configuration's cost, "
        "rewards and tie rule")
    return res


def _play(row: Any) -> str:
    parts = [f"{row[k]} {label}" for k, label in (("pure_play", "pure"), ("mixed_play", "mixed"),
                                                   ("uncertified", "NOT certified")) if row[k]]
    return ", ".join(parts)


def grid_table(result: DesignerGrid, names: list[str]) -> list[list[str]]:
    r"""Rows of the designer's grid (columns :data:`GRID_COLUMNS`), cheapest first.

    Parameters
    ----------
    result : DesignerGrid
        The designer's grid.
    names : list of str
        The candidate parameters, in the order to show them.

    Returns
    -------
    list of list of str
        Per candidate: its values (``chosen`` marked), cost, populations reaching the target,
        the metric's mean over populations (worst below) and the certificate state of each
        population's equilibrium play (pure, certified mixed, NOT certified).

    Examples
    --------
    >>> from benchgame.experiments.designer_config import parse_designer_grid
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.2, 0.0])
    >>> spec = parse_designer_grid({"target": 0.99, "candidates": {"m": [20, 500]},
    ...                             "cost": {"m": 0.01}, "levels": 11})
    >>> grid_table(run_grid(spec, ct), ["m"])[1]
    ['m = 500\n(chosen)', '5', '1 of 1', '1\n(1)', '1 pure']
    """
    rows = []
    chosen = result.chosen
    for _, row in result.candidates.iterrows():
        label = ", ".join(f"{k} = {row[k]:g}" for k in names)
        if chosen is not None and all(row[k] == chosen[k] for k in names):
            label += "\n(chosen)"
        rows.append([label, f"{row['cost']:g}", f"{row['meets']} of {row['populations']}",
                     f"{row['mean']:.4g}\n({row['worst']:.4g})", _play(row)])
    return rows


def plot_grid(result: DesignerGrid, names: list[str], plot: Path) -> list[str]:
    """The designer's plots beside ``plot``: the heat map and the cost frontier.

    Parameters
    ----------
    result : DesignerGrid
        The designer's grid.
    names : list of str
        The candidate parameters; the heat map is drawn when there are exactly two (the
        first on the horizontal axis).
    plot : pathlib.Path
        The report's plot; the files are ``STEM_designer_fidelity.png`` (heat map) and
        ``STEM_designer_cost.png`` (cost frontier) in its folder.

    Returns
    -------
    list of str
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> from benchgame.experiments.designer_config import parse_designer_grid
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.2, 0.0])
    >>> spec = parse_designer_grid({"target": 0.99, "candidates": {"m": [20, 500],
    ...                             "delta": [0.0, 1.0]}, "cost": {"m": 0.01}, "levels": 6})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = plot_grid(run_grid(spec, ct), ["m", "delta"], Path(tmp) / "w.png")
    >>> [Path(p).name for p in paths]
    ['w_designer_fidelity.png', 'w_designer_cost.png']
    """
    out = []
    if len(names) == 2:
        out.append(plot_fidelity_heatmap(result, plot.with_name(
            f"{plot.stem}_designer_fidelity.png"), x=names[0], y=names[1]))
    out.append(plot_cost_frontier(result, plot.with_name(f"{plot.stem}_designer_cost.png")))
    return [str(p) for p in out]

"""Plots of a sweep table: an outcome column against one parameter (lines) or two (heat map).

The outcome is averaged over every other varying column (seeds included) per plotted point; boolean
outcomes therefore plot as fractions. With one parameter ``x``: the mean with a band from the
minimum to the maximum over seeds, one line per combination of the other varying parameters (at
most 12), on a symmetric-log x axis when ``x`` spans two or more decades. With ``x`` and ``y``: a
heat map of the mean (values written in the cells for grids up to 150 cells). Failed cells are left
out.
Rendered with matplotlib's Agg backend and written atomically as PNG.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

import numpy as np

from benchgame.core.figures import save_png
from benchgame.core.validation import InputError

__all__ = ["plot_sweep"]

_ENGINE_COLUMNS = ("cell", "cell_id", "seed", "status", "error", "seconds")


def _column(table: Any, name: str | None, option: str) -> None:
    if name is not None and name not in table:
        raise InputError(option, f"{name!r} is not a column of the sweep table",
                         f"use one of {', '.join(c for c in table.columns if c != 'cell')}")


def _words(words: Mapping[str, str], column: str) -> str:
    """A column in words: its one-line description (without a trailing note on missing
    values such as ``(null: undecided)``) and its name, e.g. ``tune-before-test level Delta
    (delta)``; the bare name when it has no description."""
    doc = re.sub(r"\s*\((null|NaN|nan|inf)\b[^)]*\)$", "", words.get(column, "")).strip()
    return f"{doc} ({column})" if doc and doc != column else column


def plot_sweep(table: Any, path: str | os.PathLike[str], *, x: str, outcome: str,
               y: str | None = None, parameters: tuple[str, ...] = (), title: str = "",
               words: Mapping[str, str] | None = None) -> None:
    """Draw ``outcome`` against ``x`` (and ``y``) from a sweep table into the PNG ``path``.

    Parameters
    ----------
    table : pandas.DataFrame
        The table of a sweep (:attr:`SweepResult.table
        <benchgame.experiments.sweeps.engine.SweepResult>`); failed cells are left out.
    path : str or os.PathLike
        The PNG file to write (atomically).
    x : str
        The parameter column of the horizontal axis.
    outcome : str
        The numeric or boolean outcome column plotted (its mean; booleans as fractions).
    y : str, optional
        A second parameter column: draw a heat map of the mean over ``x`` and ``y``.
    parameters : tuple of str, default ()
        The parameter columns of the table, used to split lines by the other varying
        parameters; by default every column before ``seed`` except ``cell`` and ``cell_id``.
    title : str, default ""
        Title of the plot (default: the outcome by ``x`` (and ``y``) in words, with the
        numbers of cells and seeds).
    words : mapping of str to str, optional
        One-line descriptions of the columns (an analysis' parameter and outcome docs), used
        in the axis labels, the colour bar and the title next to the column names.

    Raises
    ------
    InputError
        If a column is unknown, ``outcome`` is not an outcome or not numeric, no cell
        finished, or the other parameters would give more than 12 lines.

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> from pathlib import Path
    >>> table = pd.DataFrame({"cell": range(4), "cell_id": list("abcd"),
    ...                       "delta": [0.0, 0.0, 10.0, 10.0], "seed": [0, 1, 0, 1],
    ...                       "status": ["ok"] * 4, "error": [""] * 4,
    ...                       "works": [False, True, True, True], "seconds": [0.1] * 4})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     plot_sweep(table, Path(tmp) / "works.png", x="delta", outcome="works")
    ...     print((Path(tmp) / "works.png").read_bytes()[1:4])
    b'PNG'
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    _column(table, x, "--x")
    _column(table, y, "--y")
    _column(table, outcome, "--outcome")
    if outcome in _ENGINE_COLUMNS[:3] or x == outcome or y == outcome:
        raise InputError("--outcome", f"is {outcome!r}", "choose an outcome column")
    df = table[table["status"] == "ok"].copy()
    if df.empty:
        raise InputError("--outcome", "no cell finished without error", "nothing to plot")
    try:
        df[outcome] = [np.nan if v is None else float(v) for v in df[outcome]]
    except (TypeError, ValueError):
        raise InputError("--outcome", f"{outcome!r} is not numeric or boolean",
                         "choose a numeric or boolean outcome column") from None
    if not parameters:
        cols = list(table.columns)
        parameters = tuple(c for c in cols[:cols.index("seed")] if c not in _ENGINE_COLUMNS)
    words = words or {}
    boolean = table[outcome].dropna().map(type).eq(bool).all()
    said = _words(words, outcome)
    what = (f"share of seeds with {outcome} true (0 to 1)" if boolean
            else f"{outcome}, mean over seeds" + ("" if y else " (band: min to max)"))
    categorical = y is None and df[x].dtype.kind not in "biuf"
    n_cat = df[x].nunique() if categorical else 0
    fig = Figure(figsize=(8, 0.45 * n_cat + 2.0) if categorical else (9.5, 4.5))
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    if y is None:
        others = [p for p in parameters if p != x and df[p].nunique(dropna=False) > 1]
        groups = list(df.groupby(others, sort=True, dropna=False)) if others else [((), df)]
        if len(groups) > 12:
            raise InputError("--x", f"the other parameters {others} give {len(groups)} lines",
                             "give --y for a heat map or sweep fewer parameters")
        if categorical:
            _categorical(ax, df, groups, others, x, outcome, what, boolean)
            ax.set_ylabel(_words(words, x))
        else:
            _lines(ax, df, groups, others, x, outcome, band=not boolean)
            ax.set_xlabel(_words(words, x))
            ax.set_ylabel(what)
            if boolean:
                ax.set_ylim(-0.05, 1.05)
    else:
        piv = df.pivot_table(index=y, columns=x, values=outcome, aggfunc="mean")
        im = ax.imshow(piv.to_numpy(float), origin="lower", aspect="auto", cmap="viridis")
        ax.set_xticks(np.arange(piv.shape[1]), [f"{v:g}" if isinstance(v, float) else str(v)
                                                for v in piv.columns], rotation=45, fontsize=7)
        ax.set_yticks(np.arange(piv.shape[0]), [f"{v:g}" if isinstance(v, float) else str(v)
                                                for v in piv.index], fontsize=7)
        ax.set_xlabel(_words(words, x))
        ax.set_ylabel(_words(words, y))
        fig.colorbar(im, ax=ax, label=what)
        if piv.size <= 150:
            for (i, j), v in np.ndenumerate(piv.to_numpy(float)):
                ax.text(j, i, f"{v:.3g}", ha="center", va="center", fontsize=7, color="w")
    seeds = df["seed"].nunique() if "seed" in df else 1
    ax.set_title(title or (f"{said}{', share of seeds where true' if boolean else ''}\nby {x}"
                           + (f" and {y}" if y else "")
                           + f" ({len(df)} cells, {seeds} seeds each)"), fontsize=10)
    fig.tight_layout()
    save_png(fig, path, dpi=100)


def _label(others: list[str], key: Any, outcome: str) -> str:
    key = key if isinstance(key, tuple) else (key,)
    return ", ".join(f"{k}={v}" for k, v in zip(others, key, strict=True)) or outcome


_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<", ">", "h", "*", "p")
_STYLES = ("-", "--", "-.", ":")


def _lines(ax: Any, df: Any, groups: list, others: list[str], x: str, outcome: str,
           band: bool = True) -> None:
    """One line per group over a numeric ``x``, with its min-max band over seeds (``band``).

    Groups that coincide stay visible: each has its own marker and line style, and markers
    shrink from the first group to the last, which is drawn on top (concentric markers where
    values are equal).
    """
    k_all = len(groups)
    for k, (key, g) in enumerate(groups):
        s = g.groupby(x, sort=True)[outcome].agg(["mean", "min", "max"])
        ax.plot(s.index, s["mean"], marker=_MARKERS[k % len(_MARKERS)],
                ms=min(4 + 2.0 * (k_all - 1 - k), 13.0), ls=_STYLES[k % len(_STYLES)], lw=1.4,
                mfc="none" if k < k_all - 1 else None, mew=1.5, zorder=3 + k,
                label=_label(others, key, outcome))
        if band:
            ax.fill_between(s.index, s["min"], s["max"], alpha=0.12)
    ax.set_xlabel(x)
    if df[x].dtype.kind in "iu":  # integer parameters get integer ticks
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    xs = np.asarray(sorted(df[x].unique()), float)
    if xs.size > 2 and xs.max() > 0 and xs[xs > 0].max() / xs[xs > 0].min() >= 1e2:
        # values spanning two or more decades: symmetric log axis (keeps x = 0 visible)
        ax.set_xscale("symlog", linthresh=float(xs[xs > 0].min()))
    if others:
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)


def _categorical(ax: Any, df: Any, groups: list, others: list[str], x: str, outcome: str,
                 what: str, boolean: bool) -> None:
    """Names of a categorical ``x`` on the vertical axis (never overlapping), one marker per
    group with its min-max range over seeds as a horizontal bar."""
    cats = sorted(df[x].astype(str).unique())
    pos = {c: i for i, c in enumerate(cats)}
    step = 0.6 / max(len(groups), 1)
    for k, (key, g) in enumerate(groups):
        s = g.groupby(g[x].astype(str))[outcome].agg(["mean", "min", "max"])
        yv = np.array([pos[c] for c in s.index]) + (k - (len(groups) - 1) / 2) * step
        ax.errorbar(s["mean"], yv, xerr=[s["mean"] - s["min"], s["max"] - s["mean"]], fmt="o",
                    capsize=3, label=_label(others, key, outcome))
    ax.set_yticks(range(len(cats)), cats, fontsize=8)
    ax.set_ylim(-0.6, len(cats) - 0.4)
    ax.set_ylabel(x)
    ax.set_xlabel(what)
    if boolean:
        ax.set_xlim(-0.05, 1.05)
    ax.grid(axis="x", alpha=0.3)
    if others:
        ax.legend(fontsize=7)

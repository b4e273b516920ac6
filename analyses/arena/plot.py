"""Plot of an aggregate score and a single-benchmark baseline against an arena rating.

Two panels share the arena axis: the aggregate (MPG Goodness) and the baseline (MMLU) over the
models that have an arena rating, each with its least-squares line and its Pearson r with the
bootstrap interval in the panel title, so that the comparison the validation makes (does the
aggregate track the arena better than the baseline alone?) is visible at a glance.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from benchgame.core.figures import pyplot, save_png

__all__ = ["plot_against_arena"]


def plot_against_arena(table: pd.DataFrame, arena: str, path: str | Path, *,
                       scores: tuple[str, str] = ("goodness", "MMLU"),
                       labels: tuple[str, str] = ("MPG Goodness", "MMLU"),
                       correlations: Any = None, summary: str = "") -> Path:
    """Scatter each score against the arena rating with a fitted line; write a PNG atomically.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per model (the index names the models), with the columns ``scores`` and
        ``arena``; rows without an arena rating are left out.
    arena : str
        The arena column (its name is the x-axis label, in Elo points).
    path : str or pathlib.Path
        The PNG file.
    scores, labels : tuple of str
        Columns to plot and their names in words.
    correlations : list of dict, optional
        Rows ``{"score", "coefficient", "estimate", "lo", "hi"}`` (as in
        :class:`~benchgame.analyses.arena.ArenaValidation`); Pearson's go in the panel titles.
        Computed without an interval when omitted.
    summary : str
        The takeaway, printed as the figure's title.

    Returns
    -------
    pathlib.Path
        ``path``.

    References
    ----------
    Spangher et al., "Project MPG", arXiv:2410.22368, 2024, the validation against Chatbot
    Arena.

    Examples
    --------
    >>> import tempfile
    >>> t = pd.DataFrame({"goodness": [0.2, 0.5, 0.9], "MMLU": [0.3, 0.4, 0.8],
    ...                   "Elo": [900.0, 1000.0, 1100.0]}, index=["a", "b", "c"])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     plot_against_arena(t, "Elo", Path(tmp) / "arena.png").stat().st_size > 0
    True
    """
    plt = pyplot()
    data = table.dropna(subset=[arena])
    x = data[arena].to_numpy(dtype=float)
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.6), sharex=True)
    for ax, col, name in zip(axes, scores, labels, strict=True):
        y = data[col].to_numpy(dtype=float)
        slope, icept = np.polyfit(x, y, 1)
        grid = np.linspace(x.min(), x.max(), 2)
        ax.scatter(x, y, s=28, color="C0", label="model", zorder=3)
        ax.plot(grid, icept + slope * grid, color="C1",
                label=f"least-squares line ({slope * 100:.3f} per 100 Elo)")
        r = _pearson(correlations, col, name, x, y)
        ax.set_title(f"{name}: Pearson r = {r}", fontsize=10)
        ax.set_xlabel(f"{arena} (Elo points)")
        ax.set_ylabel(f"{name} (score, 0 to 1)")
        top, bottom = np.argmax(x), np.argmin(x)
        for k in {int(top), int(bottom)}:
            ax.annotate(str(data.index[k]), (x[k], y[k]), fontsize=7, xytext=(4, -10),
                        textcoords="offset points", ha="right" if k == top else "left")
        ax.legend(loc="upper left", fontsize=8)
        ax.grid(alpha=0.3)
    import textwrap

    text = summary or f"{labels[0]} and {labels[1]} against {arena} ({len(data)} models)"
    # lines break between statements, never inside "p = 0.001" (textwrap keeps U+00A0)
    fig.suptitle(textwrap.fill(text.replace(" = ", "\u00a0=\u00a0"), 100), fontsize=10)
    fig.tight_layout()
    return save_png(fig, path)


def _pearson(correlations: Any, col: str, name: str, x: np.ndarray, y: np.ndarray) -> str:
    for c in correlations or []:
        if c["coefficient"] == "pearson" and c["score"].lower() in (col.lower(), name.lower()):
            return f"{c['estimate']:.3f} (95% bootstrap CI {c['lo']:.3f} to {c['hi']:.3f})"
    return f"{float(np.corrcoef(x, y)[0, 1]):.3f}"

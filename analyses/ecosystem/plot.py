"""Lorenz curves of benchmark authority over institutions and over countries.

The Lorenz curve of holdings :math:`x_{(1)} \\le \\dots \\le x_{(n)}` joins the points
:math:`(i / n, \\sum_{j \\le i} x_{(j)} / \\sum_j x_j)`; the Gini coefficient is twice the area
between it and the diagonal of perfect equality. The figure states each Gini in words (the share
of authority held by the top fifth of holders) so that the concentration is readable without
knowing the coefficient.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from benchgame.analyses.ecosystem.concentration import gini, top_fraction_share
from benchgame.core.figures import pyplot, save_png

__all__ = ["lorenz_points", "plot_lorenz"]


def lorenz_points(x) -> tuple[np.ndarray, np.ndarray]:
    """Points of the Lorenz curve of non-negative holdings ``x``, from (0, 0) to (1, 1).

    Parameters
    ----------
    x : array_like
        Holdings (at least one positive).

    Returns
    -------
    tuple of numpy.ndarray
        ``(population_share, holdings_share)``, each of length ``n + 1``.

    References
    ----------
    M. O. Lorenz, "Methods of measuring the concentration of wealth", Publications of the
    American Statistical Association 9(70):209-219, 1905.

    Examples
    --------
    >>> p, s = lorenz_points([1.0, 1.0, 2.0])
    >>> p.round(3).tolist(), s.round(3).tolist()
    ([0.0, 0.333, 0.667, 1.0], [0.0, 0.25, 0.5, 1.0])
    """
    v = np.sort(np.asarray(x, dtype=float))
    cum = np.concatenate([[0.0], np.cumsum(v)])
    return np.linspace(0.0, 1.0, v.size + 1), cum / cum[-1]


def plot_lorenz(holdings: Mapping[str, pd.Series], path: str | Path, *, title: str,
                top: float = 0.2) -> Path:
    """Draw one Lorenz curve per group of holders and write a PNG atomically.

    Parameters
    ----------
    holdings : mapping of str to pandas.Series
        Group label (e.g. ``"institutions"``) to holdings by holder name.
    path : str or pathlib.Path
        The PNG file.
    title : str
        First line of the title (what is held and where the table comes from).
    top : float
        Top fraction of holders whose share is stated in the legend (0.2: the top fifth).

    Returns
    -------
    pathlib.Path
        ``path``.

    References
    ----------
    M. Cebrian, T. Kito and R. Castro Fernandez, arXiv:2510.01286, 2025: global Gini of inferred
    benchmark authority 0.89.

    Examples
    --------
    >>> import tempfile
    >>> h = {"institutions": pd.Series([5.0, 1.0, 1.0, 1.0], index=list("abcd"))}
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     plot_lorenz(h, Path(tmp) / "l.png", title="toy").stat().st_size > 0
    True
    """
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 6))
    ax.plot([0, 1], [0, 1], color="grey", ls="--", lw=1, label="perfect equality (Gini 0)")
    words = []
    for k, (label, x) in enumerate(holdings.items()):
        p, s = lorenz_points(x.to_numpy())
        g = gini(x.to_numpy())
        share = top_fraction_share(x.to_numpy(), top)
        ax.plot(p, s, drawstyle="default", marker="o", ms=3, color=f"C{k}",
                label=f"{label} ({len(x)}): Gini {g:.2f}")
        ax.fill_between(p, s, p, color=f"C{k}", alpha=0.08)
        words.append(f"top {top:.0%} of {label} hold {share:.0%}")
    ax.set_xlabel("share of holders, poorest first (cumulative, 0 to 1)")
    ax.set_ylabel("share of authority held (cumulative, 0 to 1)")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=8)
    ax.set_title(f"{title}\n" + "; ".join(words), fontsize=10)
    fig.tight_layout()
    return save_png(fig, path)

"""Plot of a benchmark signature: the selected features' effects next to every feature's
performance overlap with the target.

Left: each selected feature's coefficient times the feature's standard deviation over the models
(the change of the target per standard deviation of the feature, so that features on different
scales compare), in the order selection added them. Right: the Spearman correlation of every
feature with the target over the models (the performance overlap), selected features in colour.
The contrast is the paper's point: features that correlate with the target are not necessarily
those that carry independent signal.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from benchgame.core.figures import pyplot, save_png

__all__ = ["plot_signature"]


def plot_signature(features: pd.DataFrame, X: pd.DataFrame, overlap: pd.Series,
                   path: str | Path, *, target: str, summary: str, unit: str = "") -> Path:
    """Draw the signature (see the module docstring) and write a PNG atomically.

    Parameters
    ----------
    features : pandas.DataFrame
        :attr:`Signature.features` (index ``feature``; columns ``coef`` and ``order``).
    X : pandas.DataFrame
        The feature matrix the signature was extracted from (models x features).
    overlap : pandas.Series
        Spearman correlation of each feature of ``X`` with the target.
    path : str or pathlib.Path
        The PNG file.
    target : str
        The target's name.
    summary : str
        The takeaway line of the title (e.g. selected count and R^2).
    unit : str
        Unit of the target for the axis label (e.g. ``"Elo points"``).

    Returns
    -------
    pathlib.Path
        ``path``.

    References
    ----------
    S. Wu, H. Bao, S. Li, A. Holtzman and J. A. Evans, "Mapping overlaps in benchmarks through
    perplexity in the wild", arXiv:2509.23488, 2025 (signatures versus performance overlap).

    Examples
    --------
    >>> import tempfile
    >>> X = pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "b": [2.0, 1.0, 4.0, 3.0]})
    >>> f = pd.DataFrame({"coef": [2.0], "order": [1]}, index=pd.Index(["a"], name="feature"))
    >>> ov = pd.Series({"a": 1.0, "b": 0.6})
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     plot_signature(f, X, ov, Path(tmp) / "s.png", target="y",
    ...                    summary="1 of 2").stat().st_size > 0
    True
    """
    plt = pyplot()
    sel = features.sort_values("order")
    effect = sel["coef"] * X[sel.index].std(ddof=0)
    ov = overlap.sort_values()
    chosen = set(sel.index)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 0.32 * max(len(ov), len(sel)) + 2.4))
    ypos = np.arange(len(sel))[::-1]
    left.barh(ypos, effect.to_numpy(), color=np.where(effect >= 0, "C0", "C3"))
    left.set_yticks(ypos, [f"{int(o)}. {f}" for f, o in zip(sel.index, sel["order"],
                                                             strict=True)], fontsize=8)
    left.axvline(0, color="black", lw=0.6)
    left.set_xlabel(f"change of {target}{f' ({unit})' if unit else ''} per standard "
                    "deviation of the feature")
    left.set_title("selected features, in the order they entered", fontsize=9)
    left.grid(axis="x", alpha=0.3)
    yo = np.arange(len(ov))
    right.barh(yo, ov.to_numpy(), color=["C1" if f in chosen else "#bdbdbd" for f in ov.index])
    right.set_yticks(yo, list(ov.index), fontsize=8)
    right.axvline(0, color="black", lw=0.6)
    right.set_xlim(-1, 1)
    right.set_xlabel(f"Spearman correlation with {target} over the models (-1 to 1)")
    right.set_title("performance overlap of every feature (orange: selected)", fontsize=9)
    right.grid(axis="x", alpha=0.3)
    fig.suptitle(f"Signature of {target}: {summary}", fontsize=10)
    fig.tight_layout()
    return save_png(fig, path)

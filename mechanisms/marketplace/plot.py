"""Plot of a marketplace's per-model payoffs next to each model's welfare change on entry.

One row per model, sorted by the welfare change dW of its entry (leave-one-out): the left panel
shows the two mechanisms' payoffs (winrate and weighted winrate) as dots, the right panel dW as
bars (green where entry raises consumer welfare, red where it lowers it). The model names sit on
the shared vertical axis, so they never overlap, and the title carries the takeaway: how well
each payoff ranks the models by their contribution to welfare (Spearman correlation). Markets of
more than ``NAMED_MODELS`` models are drawn as one scatter per payoff against dW instead, at a
fixed size.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchgame.core.figures import pyplot, save_png

__all__ = ["NAMED_MODELS", "plot_market", "rule_in_words"]

NAMED_MODELS = 60
"""Largest market drawn one named row per model; a larger one is drawn as a scatter of each
payoff against the welfare change, naming only the models that stand out (every name would
not be legible, and the figure would grow with the market)."""
LABELLED = 3
"""Models named on each scatter of a large market: the largest welfare changes and payoffs."""


def rule_in_words(rule: Mapping[str, Any]) -> str:
    """A choice rule's ``to_dict()`` as words, e.g. ``softmax choice (beta = 20)``.

    Parameters
    ----------
    rule : mapping
        ``{"rule": name, parameter: value, ...}``.

    Returns
    -------
    str
        The rule's name and its parameters.

    Examples
    --------
    >>> rule_in_words({"rule": "softmax", "beta": 20.0})
    'softmax choice (beta = 20)'
    >>> rule_in_words({"rule": "perfect"})
    'perfect choice'
    """
    params = ", ".join(f"{k} = {v:g}" if isinstance(v, float) else f"{k} = {v}"
                       for k, v in rule.items() if k != "rule")
    return f"{rule.get('rule', 'choice')} choice" + (f" ({params})" if params else "")


def plot_market(models: Sequence[Mapping[str, Any]], path: str | Path, *, source: str,
                rule: Mapping[str, Any], spearman: Mapping[str, float | None]) -> Path:
    """Draw payoffs and welfare change per model (see the module docstring); write a PNG.

    Parameters
    ----------
    models : sequence of mapping
        One ``{"model", "winrate", "weighted_winrate", "delta_welfare"}`` per model.
    path : str or pathlib.Path
        The PNG file.
    source : str
        Where the scores come from (the title's first words).
    rule : mapping
        The choice rule's ``to_dict()``.
    spearman : mapping
        Spearman correlation of each payoff (``winrate``, ``weighted_winrate``) with dW.

    Returns
    -------
    pathlib.Path
        ``path``.

    References
    ----------
    Donahue and Raghavan, "Impacts of Aggregation on Model Diversity and Consumer Utility",
    arXiv:2602.23293, section 5.4 (winrate, weighted winrate and welfare on MT-Bench-101).

    Examples
    --------
    >>> import tempfile
    >>> rows = [{"model": m, "winrate": w, "weighted_winrate": v, "delta_welfare": d}
    ...         for m, w, v, d in [("a", 0.5, 0.4, 0.02), ("b", 0.3, 0.35, -0.01),
    ...                            ("c", 0.2, 0.25, 0.0)]]
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = plot_market(rows, Path(tmp) / "m.png", source="toy",
    ...                       rule={"rule": "perfect"}, spearman={"winrate": 0.5,
    ...                                                           "weighted_winrate": 0.5})
    ...     out.stat().st_size > 0
    True
    """
    plt = pyplot()
    title = (f"{source}, {rule_in_words(rule)}: models sorted by their welfare contribution\n"
             f"Spearman correlation with it: winrate {_rho(spearman, 'winrate')}, weighted "
             f"winrate {_rho(spearman, 'weighted_winrate')}")
    if len(models) > NAMED_MODELS:
        return _scatter(plt, models, path, title.replace("models sorted by",
                                                         f"{len(models)} models and"))
    order = sorted(range(len(models)), key=lambda i: models[i]["delta_welfare"])
    names = [str(models[i]["model"]) for i in order]
    wr = np.array([models[i]["winrate"] for i in order], dtype=float)
    wwr = np.array([models[i]["weighted_winrate"] for i in order], dtype=float)
    dw = np.array([models[i]["delta_welfare"] for i in order], dtype=float)
    ypos = np.arange(len(names))
    fig, (left, right) = plt.subplots(1, 2, sharey=True, figsize=(10, 0.3 * len(names) + 2.2),
                                      gridspec_kw={"width_ratios": [3, 2]})
    left.hlines(ypos, np.minimum(wr, wwr), np.maximum(wr, wwr), color="grey", lw=0.8)
    left.scatter(wr, ypos, marker="o", color="C0", label="winrate", zorder=3)
    left.scatter(wwr, ypos, marker="s", color="C1", label="weighted winrate", zorder=3)
    left.set_yticks(ypos, names, fontsize=8)
    left.set_xlabel("payoff (share of consumers won, 0 to 1)")
    left.legend(loc="lower right", fontsize=8)
    left.grid(axis="x", alpha=0.3)
    right.barh(ypos, dw, color=np.where(dw >= 0, "#2e7d32", "#c62828"))
    right.axvline(0, color="black", lw=0.6)
    right.set_xlabel("welfare change when the model enters\n(consumer utility, leave-one-out)")
    right.grid(axis="x", alpha=0.3)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return save_png(fig, path)


def _rho(spearman: Mapping[str, float | None], key: str) -> str:
    v = spearman.get(key)
    return "undefined" if v is None or not np.isfinite(v) else f"{v:.2f}"


def _scatter(plt: Any, models: Sequence[Mapping[str, Any]], path: str | Path, title: str
             ) -> Path:
    """Each payoff against the welfare change, one point per model (large markets)."""
    dw = np.array([m["delta_welfare"] for m in models], dtype=float)
    fig, axes = plt.subplots(1, 2, sharex=True, figsize=(10, 4.6))
    labels = ("winrate (share of consumers won)",
              "weighted winrate (share won x its quality)")
    for ax, key, label, color in zip(axes, ("winrate", "weighted_winrate"), labels,
                                     ("C0", "C1"), strict=True):
        pay = np.array([m[key] for m in models], dtype=float)
        ax.scatter(dw, pay, s=6, alpha=0.5, color=color, linewidths=0)
        # the user's names on the models that stand out: largest welfare change, largest payoff
        shown = {int(i) for v in (dw, pay) for i in np.argsort(-v, kind="stable")[:LABELLED]}
        for i in sorted(shown):
            ax.annotate(str(models[i]["model"]), (dw[i], pay[i]), fontsize=7,
                        xytext=(3, 2), textcoords="offset points")
        ax.set_xlabel("welfare change when the model enters\n(consumer utility, "
                      "leave-one-out)")
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return save_png(fig, path)

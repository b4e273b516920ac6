"""Concentration and coordination over time in ecosystem simulation sweeps.

One row of panels per swept parameter: the Gini coefficient of adoption among live benchmarks
(left) and the coordination of newly released models (right), each value of the parameter as a
line with its Student-t 95% band over seeds. The steps averaged into the reported final values
are shaded, the shocked steps are marked when a shock is simulated, and the legend gives each
line's final value with its interval, so the figure reads without the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchgame.core.figures import pyplot, save_png

__all__ = ["PARAMETER_WORDS", "plot_sweeps"]

PARAMETER_WORDS = {
    "entry_rate": "entry rate of new benchmarks",
    "penalty": "over-fitting penalty",
    "shock_size": "inflow shock size",
}
"""Names in words of the parameters the command line sweeps (others are shown as named)."""

_PANELS = (
    ("gini", "Concentration: Gini of adoption among live benchmarks",
     "Gini coefficient (0 equal, 1 one benchmark)"),
    ("coordination", "Coordination: overlap of new models' benchmark sets",
     "mean Jaccard similarity (0 to 1)"),
)


def plot_sweeps(results: Sequence[Any], path: str | Path) -> Path:
    """Draw Gini and coordination over time for each parameter sweep and write a PNG atomically.

    Parameters
    ----------
    results : sequence of EcosystemSweep
        Sweeps from :func:`benchgame.analyses.ecosystem.parameter_sweep.sweep`.
    path : str or pathlib.Path
        The PNG file.

    Returns
    -------
    pathlib.Path
        ``path``.

    References
    ----------
    M. Cebrian, T. Kito and R. Castro Fernandez, arXiv:2510.01286, 2025, abstract (agent-based
    model findings 1-3: concentration, coordination under inflow shocks, over-fitting penalties).

    Examples
    --------
    >>> import tempfile
    >>> from benchgame.analyses.ecosystem.parameter_sweep import sweep
    >>> from benchgame.analyses.ecosystem.simulation_params import EcosystemParams
    >>> res = sweep(EcosystemParams(steps=12, initial_benchmarks=10), "penalty", [0.0, 2.0],
    ...             [0, 1], tail=4)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     plot_sweeps([res], Path(tmp) / "s.png").stat().st_size > 0
    True
    """
    plt = pyplot()
    fig, axes = plt.subplots(len(results), 2, figsize=(12, 4.2 * len(results)), squeeze=False)
    for row, res in enumerate(results):
        words = PARAMETER_WORDS.get(res.parameter, res.parameter)
        tr, summary = res.trajectories, res.summary.set_index("value")
        last = int(tr["step"].max())
        for col, (metric, title, ylabel) in enumerate(_PANELS):
            ax = axes[row][col]
            for k, v in enumerate(res.values):
                sub = tr[tr["value"] == v]
                s = summary.loc[v]
                ax.plot(sub["step"], sub[f"{metric}_mean"], color=f"C{k}",
                        label=f"{words} = {v:g}: final {s[f'{metric}_mean']:.3f} "
                              f"[{s[f'{metric}_lo']:.3f}, {s[f'{metric}_hi']:.3f}]")
                ax.fill_between(sub["step"], sub[f"{metric}_lo"], sub[f"{metric}_hi"],
                                color=f"C{k}", alpha=0.2, lw=0)
            ax.axvspan(last - res.tail + 0.5, last + 0.5, color="grey", alpha=0.12,
                       label=f"last {res.tail} steps: averaged into the final value")
            base = res.base
            if (base.shock_duration > 0 and (res.parameter == "shock_size"
                                             or base.shock_size > 0)):
                ax.axvspan(base.shock_start - 0.5, base.shock_start + base.shock_duration - 0.5,
                           color="gold", alpha=0.2, label="inflow shock")
            ax.set_xlabel("simulation step (time)")
            ax.set_ylabel(ylabel)
            ax.set_title(title, fontsize=10)
            ax.grid(alpha=0.3)
            ax.legend(fontsize=7, loc="best")
    fig.suptitle("Benchmark ecosystem simulation: lines are means over "
                 f"{len(results[0].seeds)} seeds, bands Student-t 95% intervals\n"
                 "swept: " + "; ".join(
                     f"{PARAMETER_WORDS.get(r.parameter, r.parameter)} "
                     f"({', '.join(f'{v:g}' for v in r.values)})" for r in results),
                 fontsize=11)
    fig.tight_layout()
    return save_png(fig, path, dpi=100)

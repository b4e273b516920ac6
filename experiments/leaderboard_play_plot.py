"""Figure: protocols side by side on ranking fidelity and wasted effort under equilibrium play.

Left panel: expected Kendall tau between the leaderboard and the capability order, and the
probability that the most capable developer ranks first, one pair of bars per protocol. Right
panel: the expected wasted effort (total cost, in reward units). Error bars are the certified
bounds of :func:`~benchgame.experiments.leaderboard_play.protocol_play`; a protocol without a
certified bound is marked "no bound", a skipped one "skipped". Rendered with the Agg backend
into memory and written atomically.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

from benchgame.core.atomic import atomic_write

__all__ = ["plot_play"]

_STATE = {"pure": "pure NE", "mixed": "mixed NE", "uncertified": "NOT certified",
          "skipped": "skipped"}


def _series(entries: list[tuple[str, dict]], key: str) -> tuple[np.ndarray, np.ndarray]:
    vals, errs = [], []
    for _, p in entries:
        m = None if p["metrics"] is None else p["metrics"][key]
        vals.append(np.nan if m is None else m["value"])
        errs.append(np.nan if m is None or m["bound"] is None else m["bound"])
    return np.array(vals, float), np.array(errs, float)


def plot_play(entries: list[tuple[str, dict]], path: str | Path, *, title: str = "") -> Path:
    """Draw fidelity and wasted effort per protocol and write a PNG atomically.

    Parameters
    ----------
    entries : list of (str, dict)
        ``(label, protocol_play(...))`` pairs, in the order to draw.
    path : str or path-like
        Output PNG.
    title : str, default ""
        The study's title (shown under the figure's title).

    Returns
    -------
    pathlib.Path
        The file written.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 5 (the
    designer's choice between direct evaluation and tune-before-test).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from benchgame.experiments.leaderboard_play import protocol_play
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.25, 0.0])
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "play.png"
    >>> plot_play([("direct", protocol_play(ct))], out).read_bytes()[:4]
    b'\\x89PNG'
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    labels = [lab for lab, _ in entries]
    x = np.arange(len(entries))
    tau, tau_e = _series(entries, "expected_tau")
    top, top_e = _series(entries, "p_top1_correct")
    waste, waste_e = _series(entries, "expected_total_cost")
    fig = Figure(figsize=(10, 4.8), dpi=110)
    ax1, ax2 = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
    w = 0.38
    ax1.bar(x - w / 2, np.nan_to_num(tau), w, yerr=tau_e, capsize=4, color="#4c72b0",
            label="expected Kendall tau (leaderboard vs capability)")
    ax1.bar(x + w / 2, np.nan_to_num(top), w, yerr=top_e, capsize=4, color="#dd8452",
            label="P(most capable developer ranks first)")
    ax1.axhline(0.0, color="black", lw=0.8)
    ax1.set_ylim(min(-0.05, float(np.nanmin(np.append(tau, 0.0))) - 0.1), 1.5)
    ax1.set_ylabel("ranking fidelity (1 = ranked by capability)")
    ax1.set_title("Ranking fidelity")
    ax2.bar(x, np.nan_to_num(waste), 0.6, yerr=waste_e, capsize=4, color="#c44e52",
            label="expected total cost of effort")
    top_w = float(np.nanmax(np.append(waste, 0.0)))
    ax2.set_ylim(0.0, 1.4 * top_w if top_w > 0 else 1.0)
    ax2.set_ylabel("expected wasted effort (reward units)")
    ax2.set_title("Wasted effort")
    for ax, ys in ((ax1, np.fmax(np.nan_to_num(tau), np.nan_to_num(top))),
                   (ax2, np.nan_to_num(waste))):
        lo, hi = ax.get_ylim()
        for k, (_, p) in enumerate(entries):
            note = _STATE[p["state"]]
            m = p["metrics"]
            if m is not None and p["state"] != "pure" and m["expected_tau"]["bound"] is None:
                note += "\nno bound"
            ax.text(k, max(ys[k], 0.0) + 0.02 * (hi - lo), note, ha="center", va="bottom",
                    fontsize=7)
        ax.set_xticks(x)
        ax.set_xticklabels(labels, rotation=20, ha="right", fontsize=8)
        ax.set_xlabel("evaluation protocol")
        ax.legend(fontsize=7, loc="upper left")
    fig.suptitle("Equilibrium play by protocol: ranking fidelity and wasted effort"
                 + (f"\n{title}" if title else ""), fontsize=10)
    fig.text(0.5, 0.01, "error bars: certified bounds (invisible when tiny; none where marked "
             "'no bound'); mixed play is computed on an effort grid", ha="center", fontsize=7,
             color="dimgrey")
    fig.tight_layout(rect=(0, 0.03, 1, 0.95))
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return atomic_write(path, buf.getvalue())

"""Sweep plots over a categorical parameter put its names on the vertical axis; the designer
plot's title states where the unique capability-ranking equilibrium holds."""

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from benchgame.experiments.sweeps.plot import _categorical, plot_sweep
from benchgame.games.leaderboard.plot import _takeaway

CLAIMS = ["general.invariance.affine", "general.minimax.theorem",
          "general.pure_existence_2x2.corrected"]


def _table():
    rows = [{"cell": i, "cell_id": f"c{i}", "claim": c, "seed": s, "status": "ok", "error": "",
             "ok": s != 1 or c != CLAIMS[0], "seconds": 0.1}
            for i, (c, s) in enumerate((c, s) for c in CLAIMS for s in range(2))]
    return pd.DataFrame(rows)


def test_categorical_names_are_y_ticks_and_shares_are_the_means():
    df = _table()
    df["ok"] = df["ok"].astype(float)
    fig = Figure()
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    _categorical(ax, df, [((), df)], [], "claim", "ok", "share", True)
    assert [t.get_text() for t in ax.get_yticklabels()] == CLAIMS
    xs = ax.lines[0].get_xdata()
    assert np.asarray(xs).tolist() == [0.5, 1.0, 1.0]
    assert ax.get_xlim() == (-0.05, 1.05)


def test_plot_sweep_on_claims_writes_png(tmp_path):
    out = tmp_path / "claims.png"
    plot_sweep(_table(), out, x="claim", outcome="ok")
    assert out.read_bytes()[1:4] == b"PNG"


def test_designer_takeaway():
    d = np.array([0.0, 100.0, 200.0, 300.0])
    assert _takeaway(d, ["none"] * 4) == (
        "no unique capability-ranking equilibrium for Delta in [0, 300]")
    st = ["none", "none", "unique", "unique"]
    assert _takeaway(d, st) == "unique equilibrium ranking by capability for Delta >= 200"
    assert _takeaway(d, st, 150.25) == (
        "unique equilibrium ranking by capability for Delta >= Delta* = 150.2")
    assert _takeaway(d, ["unique", "none", "unique", "none"]) == (
        "unique equilibrium ranking by capability on part of [0, 300] (green)")


def test_coinciding_lines_stay_visible():
    from benchgame.experiments.sweeps.plot import _lines

    df = pd.DataFrame({"delta": [0.0, 1.0] * 3, "case": ["a", "a", "b", "b", "c", "c"],
                       "works": [1.0] * 6})
    groups = list(df.groupby(["case"]))
    fig = Figure()
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    _lines(ax, df, groups, ["case"], "delta", "works", band=False)
    assert [ln.get_marker() for ln in ax.lines] == ["o", "s", "^"]
    assert [ln.get_markersize() for ln in ax.lines] == [8.0, 6.0, 4.0]
    assert [ln.get_zorder() for ln in ax.lines] == [3, 4, 5]
    assert not ax.collections  # no min-max band for a share

"""Sweep plots say in words what the axes and the colour bar measure, from the analysis' own
parameter and outcome descriptions."""

import pandas as pd

from benchgame.experiments.sweeps import plot as sweep_plot


def _drawn(drawn, table, **kw):
    return drawn(sweep_plot, sweep_plot.plot_sweep, table, "unused.png", **kw)


WORDS = {"delta": "tune-before-test level Delta", "developers": "number of developers n",
         "kappa": "cost scale kappa",
         "works": "unique PNE ranking by capability (null: undecided)",
         "kendall_tau": "Kendall tau_b of the PNE leaderboard (NaN: no PNE)"}


def _table():
    rows = [{"cell": k, "cell_id": f"c{k}", "delta": d, "kappa": q, "developers": n, "seed": s,
             "status": "ok", "error": "", "works": d > 0, "kendall_tau": 1.0, "seconds": 0.1}
            for k, (d, q, n, s) in enumerate((d, q, n, s) for d in (0.0, 10.0)
                                              for q in (1e-4, 1e-3) for n in (3, 5)
                                              for s in (0, 1))]
    return pd.DataFrame(rows)


def test_heat_map_labels_in_words(drawn):
    fig = _drawn(drawn, _table(), x="delta", y="kappa", outcome="works",
                 parameters=("delta", "kappa"), words=WORDS)
    ax, bar = fig.axes
    assert ax.get_xlabel() == "tune-before-test level Delta (delta)"
    assert ax.get_ylabel() == "cost scale kappa (kappa)"
    assert bar.get_ylabel() == "share of seeds with works true (0 to 1)"
    assert ax.get_title() == ("unique PNE ranking by capability (works), share of seeds where "
                              "true\nby delta and kappa (16 cells, 2 seeds each)")


def test_integer_parameter_has_integer_ticks_and_float_outcome_says_mean(drawn):
    t = _table()
    t = t[(t["delta"] == 10.0) & (t["kappa"] == 1e-4)]
    fig = _drawn(drawn, t, x="developers", outcome="kendall_tau",
                 parameters=("delta", "kappa", "developers"), words=WORDS)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "number of developers n (developers)"
    assert ax.get_ylabel() == "kendall_tau, mean over seeds (band: min to max)"
    assert ax.get_title().startswith("Kendall tau_b of the PNE leaderboard (kendall_tau)\nby "
                                     "developers")
    assert all(float(v).is_integer() for v in ax.get_xticks())


def test_without_words_the_column_names_stand(drawn):
    fig = _drawn(drawn, _table(), x="delta", y="kappa", outcome="works",
                 parameters=("delta", "kappa"))
    assert fig.axes[0].get_xlabel() == "delta"

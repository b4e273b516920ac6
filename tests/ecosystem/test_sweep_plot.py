"""The ecosystem simulation plot: titles, axis labels and legend entries in words."""

from benchgame.analyses.ecosystem import sweep_plot
from benchgame.analyses.ecosystem.parameter_sweep import sweep
from benchgame.analyses.ecosystem.simulation_params import EcosystemParams


def _figure(drawn, results):
    return drawn(sweep_plot, sweep_plot.plot_sweeps, results, "unused.png")


def test_shock_sweep_panels_name_metric_units_values_and_shock(drawn):
    base = EcosystemParams(steps=16, initial_benchmarks=10, shock_start=4, shock_duration=3)
    res = sweep(base, "shock_size", [0.0, 8.0], [0, 1], tail=5)
    fig = _figure(drawn, [res])
    gini_ax, coord_ax = fig.axes
    assert gini_ax.get_title() == "Concentration: Gini of adoption among live benchmarks"
    assert gini_ax.get_ylabel() == "Gini coefficient (0 equal, 1 one benchmark)"
    assert coord_ax.get_ylabel() == "mean Jaccard similarity (0 to 1)"
    assert gini_ax.get_xlabel() == "simulation step (time)"
    s = res.summary.set_index("value")
    labels = [t.get_text() for t in gini_ax.get_legend().get_texts()]
    assert labels == [
        f"inflow shock size = 0: final {s.loc[0.0, 'gini_mean']:.3f} "
        f"[{s.loc[0.0, 'gini_lo']:.3f}, {s.loc[0.0, 'gini_hi']:.3f}]",
        f"inflow shock size = 8: final {s.loc[8.0, 'gini_mean']:.3f} "
        f"[{s.loc[8.0, 'gini_lo']:.3f}, {s.loc[8.0, 'gini_hi']:.3f}]",
        "last 5 steps: averaged into the final value",
        "inflow shock",
    ]
    assert len(gini_ax.get_lines()) == 2  # one line per legend entry of a value
    assert fig.get_suptitle() == (
        "Benchmark ecosystem simulation: lines are means over 2 seeds, bands Student-t 95% "
        "intervals\nswept: inflow shock size (0, 8)")


def test_no_shock_band_without_a_shock(drawn):
    res = sweep(EcosystemParams(steps=10, initial_benchmarks=10), "penalty", [0.0, 2.0], [0, 1],
                tail=3)
    ax = _figure(drawn, [res]).axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0].startswith("over-fitting penalty = 0: final ")
    assert "inflow shock" not in labels

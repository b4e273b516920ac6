"""The arena validation plot's title: the takeaway in lines of at most 100 characters, never
broken inside an equation such as ``p = 0.00127``."""

import pandas as pd

from benchgame.analyses.arena import plot as arena_plot


def test_summary_title_wraps_between_statements(drawn):
    t = pd.DataFrame({"goodness": [0.2, 0.5, 0.9], "MMLU": [0.3, 0.4, 0.8],
                      "Elo": [900.0, 1000.0, 1100.0]}, index=["a", "b", "c"])
    summary = ("On 15 shared models, Goodness does not beat MMLU: Pearson r with Arena BT Elo "
               "0.867 vs 0.932 (difference -0.065, 95% paired bootstrap [-0.105, -0.003]; "
               "Williams t = -4.18, df = 12, p = 0.00127).")
    fig = drawn(arena_plot, arena_plot.plot_against_arena, t, "Elo", "unused.png",
                summary=summary)
    lines = fig.get_suptitle().split("\n")
    assert [ln.replace("\u00a0", " ") for ln in lines] == [
        "On 15 shared models, Goodness does not beat MMLU: Pearson r with Arena BT Elo 0.867 vs "
        "0.932",
        "(difference -0.065, 95% paired bootstrap [-0.105, -0.003]; Williams t = -4.18, df = 12,",
        "p = 0.00127)."]
    assert fig.axes[0].get_xlabel() == "Elo (Elo points)"

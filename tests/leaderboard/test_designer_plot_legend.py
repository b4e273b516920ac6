"""The designer plot names developers (never 0-based indices) and keeps coinciding reward-gap
levels visible: pairs sharing a level share its line, colour by colour."""

import math

from benchgame.games.leaderboard import Contest, GeneralizedLogit, PowerCost
from benchgame.games.leaderboard import plot as designer_plot


def _drawn(drawn, contest, **kw):
    return drawn(designer_plot, designer_plot.plot_designer, contest, "unused.png",
                 delta_max=3.0, points=7, **kw).axes[0]


def _three(rewards):
    theta = [3.0, 2.0, 1.0]
    return Contest(theta, GeneralizedLogit(theta, [math.log(3.0), math.log(2.0), 0.0],
                                           [1.0, 1.0, 1.0]), PowerCost(1.0, 1.0), rewards)


def test_equal_reward_gaps_share_one_interleaved_line(drawn):
    ax = _drawn(drawn, _three([2.0, 1.0, 0.0]))
    gaps = [ln for ln in ax.get_lines() if "reward gap" in ln.get_label()]
    assert [ln.get_label() for ln in gaps] == [
        "  effort worth the reward gap (1): stable above (shared by 2 pairs)"] * 2
    assert [ln.get_ydata()[0] for ln in gaps] == [1.0, 1.0]
    # the dash pattern as set (matplotlib has no public getter for it)
    (off0, dash0), (off1, dash1) = (ln._unscaled_dash_pattern for ln in gaps)
    assert off0 != off1 and dash0 == dash1  # the same pattern, shifted: both colours show
    assert [ln.get_color() for ln in gaps] == ["C0", "C1"]


def test_distinct_gaps_dotted_and_default_names_by_capability(drawn):
    ax = _drawn(drawn, _three([3.0, 1.0, 0.0]))
    labels = [ln.get_label() for ln in ax.get_lines()]
    assert "catch-up effort: developer 2 overtakes developer 1" in labels
    assert "catch-up effort: developer 3 overtakes developer 2" in labels
    assert "  effort worth the reward gap (2): stable above" in labels
    named = _drawn(drawn, _three([3.0, 1.0, 0.0]).with_names(["big", "mid", "small"]))
    assert "catch-up effort: small overtakes mid" in [ln.get_label()
                                                     for ln in named.get_lines()]

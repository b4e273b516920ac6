"""The replacement table and leave-one-out welfare in closed form, against market-by-market
evaluation on hypothesis-built markets (tied qualities included)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.core.validation import InputError
from benchgame.mechanisms.marketplace import (
    BradleyTerry,
    EpsilonUniform,
    Luce,
    Market,
    Perfect,
    Probit,
    Softmax,
    leave_one_out,
    replacement,
    replacement_table,
    welfare,
)
from benchgame.mechanisms.marketplace.one_removed import welfare_without_each
from benchgame.mechanisms.marketplace.replacement_scan import replacement_payoffs

MECHANISMS = ("winrate", "weighted_winrate")


@st.composite
def markets(draw, positive: bool = False, max_models: int = 7):
    """Markets whose qualities are small integers over a denominator (many exact ties), or
    arbitrary floats; positive qualities for the Luce rule."""
    n, m = draw(st.integers(2, max_models)), draw(st.integers(1, 4))
    if draw(st.booleans()):
        levels = draw(st.integers(1, 4))
        cells = st.integers(1 if positive else 0, levels).map(lambda k, d=levels: k / d)
    else:
        cells = st.floats(0.05 if positive else 0.0, 1.0, allow_nan=False)
    Q = draw(st.lists(st.lists(cells, min_size=m, max_size=m), min_size=n, max_size=n))
    if draw(st.booleans()):  # repeated rows: copies of another model
        Q[-1] = list(Q[0])
    w = np.array(draw(st.lists(st.integers(1, 5), min_size=m, max_size=m)), dtype=float)
    return Market(np.array(Q), w / w.sum())


closed_form_rules = st.one_of(
    st.sampled_from([0.0, 0.5, 5.0, 30.0, 1e6]).map(Softmax),
    st.floats(0.0, 40.0).map(BradleyTerry),
    st.just(Perfect()),
    st.floats(0.0, 1.0).map(EpsilonUniform),
    st.sampled_from([0.01, 0.25]).map(lambda tol: EpsilonUniform(0.3, tie_tol=tol)),
)


def reference_pairs(market, rule, tol=1e-9):
    """Per producer, the payments and welfare of every menu row, one market at a time."""
    out = {}
    for mech in MECHANISMS:
        rs = [replacement(market, i, rule, market.quality, mech, tol=tol)
              for i in range(market.n)]
        out[mech] = np.array([r.payoff for r in rs])
        out["welfare"] = np.array([r.welfare for r in rs])
    return out


def reference_choices(pairs, tol=1e-9):
    """The choice rule of the table, written as a loop over each producer's menu."""
    wel, choice = {}, {}
    for mech in MECHANISMS:
        wel[mech], choice[mech] = [], []
        for pay, w in zip(pairs[mech], pairs["welfare"], strict=True):
            br = [k for k in range(len(pay)) if pay[k] >= max(pay) - tol]
            worst = min(w[k] for k in br)
            wel[mech].append(worst)
            choice[mech].append(next(k for k in br if w[k] <= worst + tol))
    w = pairs["welfare"]
    wel["welfare"] = list(w.max(axis=1))
    choice["welfare"] = [next(k for k in range(len(r)) if r[k] >= r.max() - tol) for r in w]
    return wel, choice


def check_against_reference(market, rule):
    pairs = reference_pairs(market, rule)
    got = {"winrate": [], "weighted_winrate": [], "welfare": []}
    for _, wr, wwr, w in replacement_payoffs(market, rule):
        for key, v in zip(got, (wr, wwr, w), strict=True):
            got[key].append(v)
    for key, blocks in got.items():
        np.testing.assert_allclose(np.vstack(blocks), pairs[key], rtol=0, atol=1e-12)
    wel, choice = reference_choices(pairs)
    table = replacement_table(market, rule)
    for key in wel:
        assert table.choice[key] == tuple(market.models[k] for k in choice[key])
        np.testing.assert_allclose(table.welfare[key], wel[key], rtol=0, atol=1e-12)


@settings(max_examples=150, deadline=None)
@given(markets(), closed_form_rules)
def test_replacement_closed_form_matches_market_by_market(market, rule):
    check_against_reference(market, rule)


@settings(max_examples=40, deadline=None)
@given(markets(positive=True), st.floats(0.1, 20.0).map(Luce))
def test_replacement_luce_matches_market_by_market(market, rule):
    check_against_reference(market, rule)


@settings(max_examples=10, deadline=None)
@given(markets(max_models=4), st.just(Probit(0.2)))
def test_replacement_without_closed_form_matches(market, rule):
    check_against_reference(market, rule)


@settings(max_examples=150, deadline=None)
@given(markets(), closed_form_rules)
def test_leave_one_out_welfare_matches_removing_each_model(market, rule):
    ref = [float(welfare(market.without(i).quality, market.omega, rule))
           for i in range(market.n)]
    np.testing.assert_allclose(welfare_without_each(market, rule), ref, rtol=0, atol=1e-12)


def test_welfare_without_each_probit_matches_removing_each_model():
    mk = Market([[0.8, 0.2], [0.2, 0.9], [0.5, 0.5]], [0.5, 0.5])
    rule = Probit(0.2)
    ref = [float(welfare(mk.without(i).quality, mk.omega, rule)) for i in range(3)]
    np.testing.assert_allclose(welfare_without_each(mk, rule), ref, rtol=0, atol=1e-15)


def test_tied_copies_choose_the_first_row():
    # x and y are copies: y adopting x's vector is no change, and x is the first such row;
    # z keeps its own vector for welfare (task 2 would be lost), u's every choice ties at W = 1
    mk = Market([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.5, 0.5]], [0.5, 0.5],
                models=("x", "y", "z", "u"))
    t = replacement_table(mk, Perfect())
    assert t.choice == {"winrate": ("x", "x", "z", "z"),
                        "weighted_winrate": ("x", "x", "z", "z"),
                        "welfare": ("x", "x", "z", "x")}
    assert t.welfare["winrate"].tolist() == [1.0, 1.0, 1.0, 1.0]
    assert t.weighted_at_least_winrate == 1.0


def test_softmax_huge_beta_is_perfect_aggregation_on_ties():
    # beta = 1e17: the top-2 shift keeps the normaliser of Q_{-i} at least 1 when i is the max
    mk = Market([[1.0, 0.0], [0.6, 0.2], [0.6, 1.0]], [0.5, 0.5], models=("a", "b", "c"))
    soft, perfect = replacement_table(mk, Softmax(1e17)), replacement_table(mk, Perfect())
    assert soft.choice == perfect.choice
    for key in soft.welfare:
        np.testing.assert_array_equal(soft.welfare[key], perfect.welfare[key])
    np.testing.assert_array_equal(welfare_without_each(mk, Softmax(1e17)), [0.8, 1.0, 0.6])


def test_luce_refuses_zero_quality():
    mk = Market([[0.0, 1.0], [0.5, 0.5]], [0.5, 0.5])
    with pytest.raises(InputError, match="quality"):
        replacement_table(mk, Luce(1.0))
    with pytest.raises(InputError, match="quality"):
        leave_one_out(mk, Luce(1.0))


def test_single_model_replacement_is_no_change():
    mk = Market([[0.3, 0.7]], [0.5, 0.5], models=("solo",))
    t = replacement_table(mk, Softmax(5.0))
    assert t.choice["winrate"] == ("solo",)
    np.testing.assert_allclose(t.welfare["welfare"], [0.5], rtol=0, atol=1e-15)


def test_large_market_plot_is_a_fixed_size_scatter(tmp_path):
    import matplotlib.image as mpimg

    from benchgame.mechanisms.marketplace.plot import NAMED_MODELS, plot_market

    rng = np.random.default_rng(3)

    def rows(n):
        return [{"model": f"m{i}", "winrate": w, "weighted_winrate": v, "delta_welfare": d}
                for i, (w, v, d) in enumerate(rng.random((n, 3)))]

    shapes = []
    for n in (NAMED_MODELS + 1, 10 * NAMED_MODELS):
        out = plot_market(rows(n), tmp_path / f"m{n}.png", source="synthetic",
                          rule={"rule": "perfect"}, spearman={"winrate": 0.5,
                                                              "weighted_winrate": None})
        shapes.append(mpimg.imread(out).shape)
    # a fixed 10 x 4.6 inch figure at 120 dpi (named rows would be 21,864 px tall for 600)
    assert all(h < 600 and w < 1250 for h, w, _ in shapes)


def test_large_market_scatter_names_the_models_that_stand_out(tmp_path, monkeypatch):
    from benchgame.mechanisms.marketplace import plot

    rng = np.random.default_rng(4)
    rows = [{"model": f"m{i}", "winrate": w, "weighted_winrate": w, "delta_welfare": d}
            for i, (w, d) in enumerate(0.1 * rng.random((plot.NAMED_MODELS + 40, 2)))]
    rows += [{"model": f"dW{k}", "winrate": 0.0, "weighted_winrate": 0.0, "delta_welfare": k}
             for k in (1, 2, 3)]
    rows += [{"model": f"top{k}", "winrate": k, "weighted_winrate": k, "delta_welfare": -1.0}
             for k in (1, 2, 3)]
    names = []
    real_save = plot.save_png

    def capture(fig, path):
        names.extend(sorted(t.get_text() for t in ax.texts) for ax in fig.axes)
        return real_save(fig, path)

    monkeypatch.setattr(plot, "save_png", capture)
    plot.plot_market(rows, tmp_path / "m.png", source="synthetic", rule={"rule": "perfect"},
                     spearman={"winrate": 0.5, "weighted_winrate": 0.5})
    expected = ["dW1", "dW2", "dW3", "top1", "top2", "top3"]
    assert names == [expected, expected]


def test_market_command_on_a_generated_table(tmp_path):
    import json

    from typer.testing import CliRunner

    from benchgame.cli import app

    rng = np.random.default_rng(4)
    n, m = 120, 5
    Q = rng.integers(0, 5, size=(n, m)) / 4          # many ties
    csv = tmp_path / "scores.csv"
    csv.write_text("model," + ",".join(f"t{t}" for t in range(m)) + "\n" + "".join(
        f"x{i}," + ",".join(f"{v:g}" for v in Q[i]) + "\n" for i in range(n)))
    out = tmp_path / "rep.json"
    res = CliRunner().invoke(app, ["market", str(csv), "-r", "perfect", "-f", "json",
                                   "-o", str(out), "--plot", str(tmp_path / "p.png")])
    assert res.exit_code == 0, res.output
    rep = json.loads(out.read_text())
    mk = Market(Q, np.full(m, 1 / m), models=tuple(f"x{i}" for i in range(n)),
                tasks=tuple(f"t{t}" for t in range(m)))
    wel, choice = reference_choices(reference_pairs(mk, Perfect()))
    got = rep["replacement"]["producers"]
    assert [p["winrate_choice"] for p in got] == [f"x{k}" for k in choice["winrate"]]
    assert [p["welfare_choice"] for p in got] == [f"x{k}" for k in choice["welfare"]]
    np.testing.assert_allclose([p["welfare_weighted_winrate"] for p in got],
                               wel["weighted_winrate"], rtol=0, atol=1e-12)
    assert (tmp_path / "p.png").stat().st_size > 0


@settings(max_examples=100, deadline=None)
@given(markets(), closed_form_rules)
def test_leave_one_out_welfare_optimum_is_the_first_of_the_tied(market, rule):
    ref = np.array([float(welfare(market.quality, market.omega, rule))
                    - float(welfare(market.without(i).quality, market.omega, rule))
                    for i in range(market.n)])
    first = int(np.flatnonzero(ref >= ref.max() - 1e-12)[0])
    assert leave_one_out(market, rule).optima["welfare"][0] == first


def test_copies_of_the_best_model_tie_for_the_welfare_optimum():
    # y copies x, the first argmax of every task: removing either leaves the same market
    mk = Market([[0.9, 0.7], [0.9, 0.7], [0.2, 0.3]], [0.5, 0.5], models=("x", "y", "z"))
    for rule in (Softmax(3.0), Luce(2.0), EpsilonUniform(0.2)):
        r = leave_one_out(mk, rule)
        assert r.optima["welfare"][0] == 0
        assert r.delta_welfare[0] == pytest.approx(r.delta_welfare[1], abs=1e-15)

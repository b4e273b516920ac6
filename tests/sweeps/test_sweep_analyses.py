"""Built-in sweep analyses and the designer's search, cross-checked against direct calls of the
library and against the theorems they rest on."""

from __future__ import annotations

import math
from functools import partial

import numpy as np
import pytest

from benchgame.experiments.leaderboard_config import load_config
from benchgame.experiments.sweeps import (
    designer_search,
    draw_population,
    get_analysis,
    run_sweep,
    summarize_designer,
)
from benchgame.experiments.sweeps.leaderboard_cells import leaderboard_cell
from benchgame.games.leaderboard import designer_choice
from benchgame.games.leaderboard.protocol import TuneBeforeTest
from benchgame.mechanisms.protocols import register_protocol

# specifications in these tests name the test analyses' module under imports
run_sweep = partial(run_sweep, allow_imports=True)

FIG1_DELTA_STAR = 248.47879600584946    # designer_choice on benchgame/examples figure1


def lb_params(**changes):
    p = get_analysis("leaderboard").defaults()
    p.update(changes)
    return p


def test_leaderboard_cell_matches_figure1_designer_choice():
    from benchgame.examples import example_path

    contest = load_config(example_path("figure1")).contest
    d = designer_choice(contest)
    assert d.delta == pytest.approx(FIG1_DELTA_STAR, rel=1e-9)
    theta, _ = draw_population("figure1", 5, 0)
    np.testing.assert_array_equal(theta, contest.theta)
    below = leaderboard_cell(lb_params(population="figure1", delta=100.0), 0)
    above = leaderboard_cell(lb_params(population="figure1", delta=1000.0), 0)
    for cell in (below, above):
        assert cell["delta_star"] == pytest.approx(FIG1_DELTA_STAR, rel=1e-9)
        assert cell["delta_star_certified"] is True and cell["c3"] is True
        assert cell["oracle_agrees"] is True
    assert below["pure_status"] == "none" and below["works"] is False
    assert below["max_regret"] > 0.1 and below["witness_gain"] > 0 and below["min_margin"] < 0
    assert math.isnan(below["kendall_tau"])
    assert above["pure_status"] == "unique" and above["works"] is True
    assert above["kendall_tau"] == 1.0 and above["max_regret"] <= 1e-9
    assert above["min_margin"] >= 0 and math.isnan(above["witness_gain"])


def test_works_iff_delta_above_delta_star_on_c3_populations(tmp_path):
    # Prop 5.3 + Theorem 4.6 (corrected): under C3 the stable levels are exactly [Delta*, inf);
    # the cell decides stability at Delta (Lemma C) and Delta* (bisection) independently.
    res = run_sweep({"analysis": "leaderboard", "output": str(tmp_path / "lb.parquet"),
                     "seeds": 5, "parameters": {"delta": [0.0, 30.0, 300.0, 3000.0, 3e4],
                                                "developers": [3, 5]}}, workers=1)
    t = res.table
    assert res.failed == 0 and t["c3"].all() and t["delta_star_certified"].all()
    assert t["oracle_agrees"].all()
    clear = (t["delta"] - t["delta_star"]).abs() > 1e-6 * (1 + t["delta_star"])
    assert clear.sum() >= 45
    assert (t.loc[clear, "works"] == (t.loc[clear, "delta"] >= t.loc[clear, "delta_star"])).all()
    assert t["works"].any() and not t["works"].all()
    # Delta* belongs to the population: the same for every Delta
    assert (t.groupby(["developers", "seed"])["delta_star"].nunique() == 1).all()


def test_substitutes_population_never_stabilizes(tmp_path):
    res = run_sweep({"analysis": "leaderboard", "output": str(tmp_path / "s.parquet"),
                     "seeds": 3, "parameters": {"population": ["substitutes"],
                                                "delta": [0.0, 1.0, 3.0, 1e3]}}, workers=1)
    t = res.table
    assert res.failed == 0 and np.isinf(t["delta_star"]).all()
    low = t[t["delta"] < 10]
    assert (low["pure_status"] == "none").all() and not low["works"].any()
    assert low["oracle_agrees"].all() and (low["witness_gain"] > 0).all()
    # at Delta = 1000 every score rounds to F = 1.0, but the substitutes order theta + x exactly:
    # the same answer and the same overtaking gain as at small Delta
    high = t[t["delta"] == 1e3]
    assert (high["pure_status"] == "none").all() and not high["works"].any()
    assert high["oracle_agrees"].all()
    gain = t.pivot(index="seed", columns="delta", values="witness_gain")
    assert np.allclose(gain[1e3], gain[0.0], rtol=1e-12, atol=0)


def test_bad_leaderboard_values_fail_their_cells_only(tmp_path):
    res = run_sweep({"analysis": "leaderboard", "output": str(tmp_path / "b.parquet"),
                     "parameters": {"population": ["logit", "no_such_population"],
                                    "threshold": [False]}}, workers=1)
    assert res.table["status"].tolist() == ["ok", "failed"]
    assert "population: is 'no_such_population'" in res.table["error"][1]


def test_designer_search_figure1_picks_the_first_level_above_delta_star(tmp_path):
    doc = {"analysis": "leaderboard", "output": str(tmp_path / "d.parquet"), "seeds": 1,
           "parameters": {"population": ["figure1"], "threshold": [False]},
           "cases": [{"protocol": "tbt", "delta": d} for d in (1000.0, 100.0, 300.0)]}
    found = designer_search(doc, workers=1)
    assert found.chosen is not None and found.chosen["delta"] == 300.0
    assert found.chosen["fraction"] == 1.0
    assert found.candidates["delta"].tolist() == [100.0, 300.0, 1000.0]   # cheapest first
    assert found.candidates["fraction"].tolist() == [0.0, 1.0, 1.0]
    none = summarize_designer(found.sweep.table[found.sweep.table["delta"] == 100.0])
    assert none.chosen is None and none.reason.startswith("none")


def test_designer_fractions_equal_the_share_of_populations_below_each_level(tmp_path):
    levels = [0.0, 100.0, 1000.0, 10000.0]
    doc = {"analysis": "leaderboard", "output": str(tmp_path / "d.parquet"), "seeds": 8,
           "parameters": {"delta": levels, "developers": [4]},
           "designer": {"required_fraction": 0.5}}
    found = designer_search(doc, workers=1)
    t = found.sweep.table
    star = t.groupby("seed")["delta_star"].first()
    expected = [float((star <= d).mean()) for d in levels]
    assert found.candidates["fraction"].tolist() == expected
    assert found.required_fraction == 0.5
    first = next(d for d, f in zip(levels, expected, strict=True) if f >= 0.5)
    assert found.chosen["delta"] == first


def test_registered_protocol_family(tmp_path):
    register_protocol("half_tbt", lambda delta, cap: TuneBeforeTest(delta / 2), replace=True)
    res = run_sweep({"analysis": "leaderboard", "output": str(tmp_path / "h.parquet"),
                     "seeds": 1, "parameters": {"population": ["figure1"],
                                                "threshold": [False]},
                     "cases": [{"protocol": "half_tbt", "delta": 400.0},
                               {"protocol": "tbt", "delta": 200.0},
                               {"protocol": "half_tbt", "delta": 600.0},
                               {"protocol": "tbt", "delta": 300.0}]}, workers=1)
    assert res.table["works"].tolist() == [False, False, True, True]
    assert res.table["max_regret"][0] == pytest.approx(res.table["max_regret"][1], rel=1e-12)


def test_marketplace_cell_matches_a_direct_entry_call():
    from benchgame.mechanisms.marketplace import Market, Probit, entry

    cell = get_analysis("marketplace").fn
    p = {"rule": "probit", "noise": 0.2, "models": 3, "tasks": 4, "menu_size": 16}
    out = cell(p, 11)
    rng = np.random.default_rng(11)
    market = Market(rng.uniform(0, 1, (3, 4)), rng.dirichlet(np.ones(4)))
    menu = rng.uniform(0, 1, (16, 4))
    wr = entry(market, Probit(0.2), menu, "winrate")
    assert out["wr_gap"] == wr.gap and out["welfare_opt"] == wr.welfare_opt
    assert out["welfare_opt"] >= max(out["wr_welfare"], out["wwr_welfare"])
    assert out["wr_gap"] >= 0 and out["wwr_gap"] >= 0
    assert out["identity_residual"] < 1e-12
    assert cell(p, 11) == out


def test_ecosystem_cell_final_gini_and_shock_dip():
    from benchgame.analyses.ecosystem.simulation import simulate
    from benchgame.analyses.ecosystem.simulation_params import EcosystemParams

    cell = get_analysis("ecosystem").fn
    base = get_analysis("ecosystem").defaults()
    calm = cell({**base, "steps": 50}, 2)
    h = simulate(EcosystemParams(**{**{k: v for k, v in base.items() if k != "tail"},
                                    "steps": 50}), 2).history
    assert calm["final_gini"] == float(h["gini"].iloc[-10:].mean())
    assert calm["coordination_dip"] == 0.0 and calm["trough_step"] is None
    shocked = cell({**base, "steps": 50, "shock_size": 10.0}, 2)
    assert 20 <= shocked["trough_step"] <= 20 + 10 + 2 * base["window"]
    assert shocked["coordination_dip"] > 0     # the inflow makes coordination harder


def test_claims_cells_report_found_versus_expected(tmp_path):
    res = run_sweep({"analysis": "claims", "output": str(tmp_path / "c.parquet"),
                     "seeds": [0, 1],
                     "parameters": {"claim": ["general.pure_existence_2x2.false",
                                              "general.minimax.theorem"],
                                    "examples": [10]}}, workers=1)
    t = res.table.set_index(["claim", "seed"])
    assert res.failed == 0 and t["ok"].all()
    false = t.loc["general.pure_existence_2x2.false"]
    assert (false["expected"] == "REFUTED").all() and (false["found"] == "REFUTED").all()
    assert (false["violated"] != "").all()
    holds = t.loc["general.minimax.theorem"]
    assert (holds["found"] == "HOLDS").all() and (holds["instances_tried"] == 10).all()
    assert holds["probe_found_counterexample"].all()

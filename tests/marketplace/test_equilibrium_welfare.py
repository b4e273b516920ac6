"""Consumer welfare over the Nash equilibria of producer games with three or more producers."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from benchgame.games import NormalFormGame, correlated_equilibrium
from benchgame.mechanisms.marketplace import EpsilonUniform, producer_game
from benchgame.mechanisms.marketplace.equilibrium_welfare import (
    compare_equilibrium_welfare,
    equilibrium_welfare,
)
from benchgame.proofs_check import run_claim

SPECIALISTS = [[1, 0], [0, 1]]
#: three producers, winrate, perfect aggregation: no pure equilibrium (8 profiles)
NO_PURE_MENUS = [[[0.25, 0.75, 0.5], [0.0, 0.75, 0.75]],
                 [[0.75, 0.5, 1.0], [1.0, 0.75, 0.25]],
                 [[0.75, 0.0, 0.25], [0.5, 1.0, 0.75]]]
NO_PURE_W = [4 / 7, 1 / 7, 2 / 7]


def test_no_pure_equilibrium_gets_a_mixed_one_and_an_exact_welfare_bracket():
    pg = producer_game(NO_PURE_MENUS, NO_PURE_W, EpsilonUniform(0), "winrate")
    assert len(pg.pure_equilibria()) == 0
    ew = equilibrium_welfare(pg)
    assert ew.equilibria.scope == "mixed" and not ew.equilibria.complete
    (eq,) = ew.equilibria
    np.testing.assert_allclose(eq.strategies[0], [0, 1], atol=1e-12)
    np.testing.assert_allclose(eq.strategies[1], [2 / 3, 1 / 3], atol=1e-12)
    np.testing.assert_allclose(eq.strategies[2], [4 / 5, 1 / 5], atol=1e-12)
    assert eq.certificate.exploitability < 1e-12
    # every correlated (hence every Nash) equilibrium has the same consumer welfare
    assert ew.bounds_exact
    lo, hi = ew.ce_bounds
    assert lo == pytest.approx(hi, abs=1e-15) == pytest.approx(ew.welfare[0], abs=1e-12)
    assert ew.welfare[0] == pytest.approx(179 / 210, abs=1e-12)
    assert ew.optimum == pytest.approx(13 / 14)
    poa = ew.price_of_anarchy
    assert poa[0] == pytest.approx(poa[1]) == pytest.approx((13 / 14) / (179 / 210))
    frame = ew.to_frame()
    assert list(frame.columns) == ["profile", "welfare", "exploitability"]
    assert frame.loc[0, "profile"].startswith("1=F0[1]:1 2=F1[0]:0.667+F1[1]:0.333")
    d = ew.to_dict()
    assert d["scope"] == "mixed" and d["equilibria"][0]["strategies"]["2"]["F1[0]"] == \
        pytest.approx(2 / 3)


def test_pure_case_brackets_collapse_to_the_pure_welfare():
    wr = equilibrium_welfare(producer_game([SPECIALISTS] * 3, [0.7, 0.3], EpsilonUniform(0),
                                           "winrate"))
    assert wr.equilibria.scope == "pure" and wr.equilibria.complete
    assert wr.welfare == (pytest.approx(0.7),)
    assert wr.ce_bounds == (pytest.approx(0.7), pytest.approx(0.7))
    assert wr.price_of_anarchy == (pytest.approx(1 / 0.7), pytest.approx(1 / 0.7))
    assert wr.epsilon == 0.0


def test_weighted_winrate_beats_winrate_at_every_equilibrium_with_perfect_choice():
    games = [producer_game([SPECIALISTS] * 3, [0.7, 0.3], EpsilonUniform(0), m)
             for m in ("weighted_winrate", "winrate")]
    c = compare_equilibrium_welfare(*games)
    assert (c.verdict, c.computed) == ("every", "higher")
    # correlated equilibria of weighted winrate go down to 0.794 (below its pure equilibria)
    assert c.better.ce_bounds[0] == pytest.approx(0.7939024390243903, abs=1e-12)
    assert c.better.ce_bounds[1] == pytest.approx(1.0)
    assert c.to_dict()["worse"]["mechanism"] == "winrate"


def test_heavy_noise_weighted_winrate_is_worse_at_every_equilibrium():
    games = [producer_game([SPECIALISTS] * 3, [0.64, 0.36], EpsilonUniform(0.75), m)
             for m in ("weighted_winrate", "winrate")]
    c = compare_equilibrium_welfare(*games)
    assert c.computed == "lower"
    # every correlated equilibrium of weighted winrate is "everyone on A" (W = pi) and lies
    # below every correlated equilibrium of winrate: certified for mixed play too
    assert c.better.ce_bounds == (pytest.approx(0.64, abs=1e-12),) * 2
    assert c.worse.ce_bounds == (pytest.approx(0.642624, abs=1e-9), pytest.approx(0.66))
    assert c.worse.welfare == (pytest.approx(0.66),) * 3
    assert c.verdict == "none" and c.better.bounds_exact and c.worse.bounds_exact
    swapped = compare_equilibrium_welfare(games[1], games[0])
    assert swapped.computed == "higher" and swapped.verdict == "every"


def test_none_verdict_when_every_correlated_equilibrium_is_worse():
    # the second game's CE range [1, 1] lies strictly above the first's [0.7, 0.7]
    games = [producer_game([SPECIALISTS] * 3, [0.7, 0.3], EpsilonUniform(0), m)
             for m in ("winrate", "weighted_winrate")]
    low = producer_game([SPECIALISTS] * 3, [0.7, 0.3], EpsilonUniform(0), "winrate")
    high = producer_game([[[1, 1]]] * 3, [0.7, 0.3], EpsilonUniform(0), "winrate")
    assert compare_equilibrium_welfare(low, high).verdict == "none"
    assert compare_equilibrium_welfare(low, high).computed == "lower"
    assert compare_equilibrium_welfare(*games).verdict == "none"


def test_two_producers_use_the_complete_vertex_enumeration():
    pg = producer_game([SPECIALISTS] * 2, [0.6, 0.4], EpsilonUniform(0.2), "weighted_winrate")
    ew = equilibrium_welfare(pg)
    assert ew.equilibria.complete and ew.equilibria.method != "pure_then_simpdiv"
    assert len(ew.equilibria) == 3  # two specialised pure equilibria and one mixed
    assert min(ew.welfare) >= ew.ce_bounds[0] - 1e-12
    assert max(ew.welfare) <= ew.ce_bounds[1] + 1e-12


def test_correlated_equilibrium_optimises_a_given_welfare():
    chicken = NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    default = correlated_equilibrium(chicken, objective="min_welfare")
    same = correlated_equilibrium(chicken, objective="min_welfare",
                                  welfare=chicken.payoffs.sum(axis=-1))
    assert default.exact_welfare == same.exact_welfare == Fraction(36, 5)
    # welfare = row player's payoff only: the row player's worst CE
    row = correlated_equilibrium(chicken, objective="min_welfare",
                                 welfare=chicken.payoffs[..., 0])
    value = sum(row.exact[a] * Fraction(int(chicken.payoffs[a + (0,)]))
                for a in np.ndindex(2, 2))
    assert value == Fraction(2) and row.optimality == "exact"


@pytest.mark.parametrize("claim_id, expected", [
    ("marketplace.n_producer_equilibrium_welfare.literal", "REFUTED"),
    ("marketplace.n_producer_equilibrium_welfare.corrected", "HOLDS"),
])
def test_claims(claim_id, expected):
    report = run_claim(claim_id, examples=6)
    assert report.found.value == expected
    if expected == "HOLDS":
        assert report.probe is not None and report.probe.counterexample is not None


def test_welfare_by_payment_rule_tabulates_every_optionless_rule():
    from benchgame.mechanisms.marketplace import welfare_by_payment_rule

    t = welfare_by_payment_rule([SPECIALISTS] * 3, [0.7, 0.3], EpsilonUniform(0.2))
    f = t.to_frame()
    assert sorted(f.index) == ["margin", "marginal", "pairwise", "weighted_pairwise",
                               "weighted_winrate", "winrate"]
    assert f.loc["winrate", "welfare_min"] == pytest.approx(0.7)
    assert f.loc["weighted_winrate", "welfare_min"] == pytest.approx(0.9133333333333333)
    assert f.loc["weighted_winrate", "ce_low"] == pytest.approx(0.736, abs=1e-3)
    assert bool(f["bounds_exact"].all()) and (f["scope"] == "pure").all()
    assert set(t.to_dict()) == set(f.index)

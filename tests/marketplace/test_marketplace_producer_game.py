"""The producers' simultaneous game: tensor, pure and mixed equilibria, welfare, exactness."""

from __future__ import annotations

import re
from fractions import Fraction

import nashpy
import numpy as np
import pytest

from benchgame.core.validation import InputError
from benchgame.mechanisms.marketplace import EpsilonUniform, Perfect, Softmax, payoffs, welfare
from benchgame.mechanisms.marketplace.producer_game import exact_check, producer_game

LINE = np.array([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]])


def test_tensor_matches_direct_evaluation():
    rng = np.random.default_rng(0)
    menus = [rng.random((3, 4)), rng.random((2, 4)), rng.random((4, 4))]
    w = rng.dirichlet(np.ones(4))
    r = Softmax(7)
    pg = producer_game(menus, w, r, "weighted_winrate")
    assert pg.game.payoffs.shape == (3, 2, 4, 3)
    for prof in [(0, 0, 0), (2, 1, 3), (1, 0, 2)]:
        Q = np.array([menus[k][a] for k, a in enumerate(prof)])
        np.testing.assert_allclose(pg.game.payoffs[prof], payoffs("weighted_winrate", Q, w, r))
        assert pg.welfare[prof] == pytest.approx(float(welfare(Q, w, r)))


def test_winrate_homogenizes_weighted_specializes_and_poa():
    # pi = 0.6 < (2 - 0.2)/(3 - 0.2): weighted winrate supports (1, 0); winrate forces (1, 1)
    w = [0.6, 0.4]
    r = EpsilonUniform(0.2)
    wr = producer_game([LINE, LINE], w, r, "winrate")
    wwr = producer_game([LINE, LINE], w, r, "weighted_winrate")
    assert [e.pure_profile() for e in wr.pure_equilibria()] == [(0, 0)]
    assert sorted(e.pure_profile() for e in wwr.pure_equilibria()) == [(0, 2), (2, 0)]
    np.testing.assert_allclose(wr.equilibrium_welfare(), [0.6])
    np.testing.assert_allclose(wwr.equilibrium_welfare(), [0.9, 0.9])  # 1 - eps/2
    assert wr.consumer_price_of_anarchy().value == pytest.approx(0.9 / 0.6)
    assert wwr.consumer_price_of_anarchy().value == pytest.approx(1.0)
    for e in wr.pure_equilibria():
        assert e.certificate.max_regret <= 1e-12


def test_consumer_price_of_anarchy_uses_the_worst_equilibrium():
    # pi = (1/2, 1/2), eps = 0.2: winrate pays 1/2 in every profile, so all 9 are equilibria.
    # W: both on one task 0.5 (e.g. (1,0),(1,0): A 1, B 0); (1,0) vs (0,1) 0.9 (each task
    # 0.9 * 1 + 0.1 * 0); (1/2,1/2) vs (1,0) 0.5*(0.9 + 0.1*0.5) + 0.5*(0.9*0.5) = 0.7.
    pg = producer_game([LINE, LINE], [0.5, 0.5], EpsilonUniform(0.2), "winrate")
    np.testing.assert_allclose(pg.equilibrium_welfare(), [0.5, 0.7, 0.9, 0.7, 0.5, 0.7, 0.9,
                                                          0.7, 0.5])
    poa, pos = pg.consumer_price_of_anarchy(), pg.consumer_price_of_stability()
    assert poa.value == pytest.approx(0.9 / 0.5)           # worst equilibrium: W = 0.5
    assert poa.equilibrium_welfare == pytest.approx(0.5)
    assert poa.attained_by == (0, 4, 8)
    assert pos.value == pytest.approx(1.0)                 # best equilibrium: W = 0.9
    assert poa.welfare_notion == pos.welfare_notion == "consumer welfare"
    assert poa.to_dict()["welfare_notion"] == "consumer welfare"
    d = pg.to_dict()
    assert d["welfare_notion"] == "consumer welfare"
    np.testing.assert_allclose(d["welfare"][0], [0.5, 0.7, 0.9])


def test_producer_price_of_anarchy_is_the_games_level_sum_of_payoffs():
    from benchgame.games import price_of_anarchy

    # winrate is constant-sum: the producers' ratio is 1 while the consumers' is 0.9 / 0.6
    wr = producer_game([LINE, LINE], [0.6, 0.4], EpsilonUniform(0.2), "winrate")
    prod = wr.producer_price_of_anarchy()
    assert prod.value == pytest.approx(1.0) and prod.welfare_notion == "sum of payoffs"
    assert prod.to_dict() == price_of_anarchy(wr.pure_equilibria()).to_dict()
    assert wr.consumer_price_of_anarchy().value == pytest.approx(1.5)
    assert wr.producer_price_of_stability().value == pytest.approx(1.0)
    # weighted winrate pays out exactly W: the two notions agree
    wwr = producer_game([LINE, LINE], [0.6, 0.4], EpsilonUniform(0.2), "weighted_winrate")
    assert wwr.producer_price_of_anarchy().value == pytest.approx(
        wwr.consumer_price_of_anarchy().value)


@pytest.mark.parametrize("name", ["price_of_anarchy", "price_of_stability"])
def test_ambiguous_ratio_names_are_removed_with_a_pointer(name):
    pg = producer_game([LINE, LINE], [0.6, 0.4], EpsilonUniform(0.2), "winrate")
    assert not hasattr(pg, name)
    with pytest.raises(AttributeError, match=rf"consumer_{name}\(\).*producer_{name}\(\)"):
        getattr(pg, name)()


def test_mixed_equilibria_certified_and_match_nashpy():
    rng = np.random.default_rng(3)
    menus = [rng.random((3, 2)), rng.random((3, 2))]
    pg = producer_game(menus, [0.5, 0.5], Softmax(4), "weighted_winrate")
    eqs = pg.mixed_equilibria()
    assert len(eqs) >= 1
    A, B = pg.game.bimatrix()
    ref = list(nashpy.Game(A, B).support_enumeration())
    for e in eqs:
        assert e.certificate.max_relative_regret <= 1e-9
        assert any(all(np.allclose(x, y, atol=1e-8) for x, y in zip(e.strategies, s,
                                                                    strict=True)) for s in ref)
        assert 0.0 <= pg.welfare_of(e.strategies) <= 1.0


def test_exact_rational_verification_agrees():
    menu = [[Fraction(1), Fraction(0)], [Fraction(1, 2), Fraction(1, 2)], [Fraction(0),
                                                                            Fraction(1)]]
    for mech in ("winrate", "weighted_winrate"):
        pg = producer_game([LINE] * 3, [0.7, 0.3], EpsilonUniform(0.25), mech)
        chk = exact_check(pg, [menu] * 3, [Fraction(7, 10), Fraction(3, 10)], Fraction(1, 4))
        assert chk.agree and all(v == 0 for v in chk.regrets.values())


@pytest.mark.parametrize(("field", "change"), [
    ("exact_menus", {"menus": 2}),
    ("exact_menus[0]", {"value": Fraction(1, 3)}),
    ("omega", {"omega": [Fraction(3, 5), Fraction(2, 5)]}),
    ("eps", {"eps": Fraction(1, 5)}),
])
def test_exact_check_refuses_inputs_of_another_game(field, change):
    menu = [[Fraction(1), Fraction(0)], [Fraction(1, 2), Fraction(1, 2)], [Fraction(0),
                                                                            Fraction(1)]]
    pg = producer_game([LINE] * 3, [0.7, 0.3], EpsilonUniform(0.25), "winrate")
    menus = [menu] * change.get("menus", 3)
    if "value" in change:
        menus = [[[change["value"], Fraction(0)], *menu[1:]]] + [menu] * 2
    omega = change.get("omega", [Fraction(7, 10), Fraction(3, 10)])
    with pytest.raises(InputError, match=rf"^{re.escape(field)}:"):
        exact_check(pg, menus, omega, change.get("eps", Fraction(1, 4)))


def test_n3_perfect_thresholds_on_grid():
    # everyone on A: NE iff pi >= 2/3 (winrate) and pi >= 3/4 (weighted winrate)
    for pi, wr_ne, wwr_ne in [(0.7, True, False), (0.6, False, False), (0.8, True, True)]:
        for mech, expect in (("winrate", wr_ne), ("weighted_winrate", wwr_ne)):
            pg = producer_game([LINE] * 3, [pi, 1 - pi], Perfect(), mech)
            assert ((0, 0, 0) in [e.pure_profile() for e in pg.pure_equilibria()]) == expect


def test_bad_menus():
    with pytest.raises(InputError):
        producer_game([LINE, np.ones((2, 3))], [0.5, 0.5], Perfect())
    with pytest.raises(InputError):
        producer_game([LINE, LINE], [0.5, 0.5], Perfect(), "nope")
    pg = producer_game([LINE] * 3, [0.5, 0.5], Perfect())
    with pytest.raises(InputError):
        pg.mixed_equilibria()

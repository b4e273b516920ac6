"""Equilibrium selection, utilitarian welfare, price of anarchy and price of stability."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import benchgame.games.examples
from benchgame.core.validation import InputError
from benchgame.games import (
    Equilibrium,
    EquilibriumSet,
    NormalFormGame,
    max_entropy,
    optimal_welfare,
    price_of_anarchy,
    price_of_stability,
    pure_equilibria,
    read_nfg,
    select,
    strategy_entropy,
    utilitarian_welfare,
    welfare_maximizing,
)

BOS = read_nfg(benchgame.games.examples.path("battle_of_sexes.nfg"))
PD = read_nfg(benchgame.games.examples.path("prisoners_dilemma.nfg"))


def _bos_set(complete: bool = True) -> EquilibriumSet:
    """The three equilibria of the battle of the sexes (A=[[2,0],[0,1]], B=[[1,0],[0,2]])."""
    pure = list(pure_equilibria(BOS))
    mixed = Equilibrium.certified(BOS, [[2 / 3, 1 / 3], [1 / 3, 2 / 3]], "indifference",
                                  exact=[[Fraction(2, 3), Fraction(1, 3)],
                                         [Fraction(1, 3), Fraction(2, 3)]])
    assert mixed.verify_exact().ok
    eqs = tuple(pure + [mixed]) if complete else tuple(pure)
    reason = "all three equilibria of a nondegenerate 2x2 game" if complete else "pure only"
    return EquilibriumSet(BOS, eqs, "hand", complete=complete, reason=reason)


def test_welfare_of_bos_equilibria():
    s = _bos_set()
    assert [utilitarian_welfare(BOS, e) for e in s] == pytest.approx([3.0, 3.0, 4 / 3])
    opt = optimal_welfare(BOS)
    assert opt.value == 3.0
    assert opt.maximizers == ((0, 0), (1, 1))


def test_price_of_anarchy_and_stability_bos():
    s = _bos_set()
    poa = price_of_anarchy(s)
    assert poa.value == pytest.approx(9 / 4)  # 3 / (4/3)
    assert poa.equilibrium_welfare == pytest.approx(4 / 3)
    assert poa.attained_by == (2,)
    assert (poa.is_bound, poa.bound, poa.scope) == (False, "exact", "mixed")
    pos = price_of_stability(s)
    assert pos.value == pytest.approx(1.0)
    assert pos.attained_by == (0, 1)
    assert pos.to_dict()["kind"] == "price_of_stability"


def test_incomplete_set_gives_bounds():
    s = _bos_set(complete=False)  # pure equilibria only, but labelled as a mixed-scope set
    poa = price_of_anarchy(s)
    assert poa.is_bound and poa.bound == "lower"
    assert poa.value == pytest.approx(1.0)  # a lower bound on the true 9/4
    pos = price_of_stability(s)
    assert pos.is_bound and pos.bound == "upper"
    assert "incomplete" in pos.reason


def test_pure_scope_prisoners_dilemma():
    s = pure_equilibria(PD)
    poa, pos = price_of_anarchy(s), price_of_stability(s)
    assert poa.value == pytest.approx(3.0) and pos.value == pytest.approx(3.0)  # 6 / 2
    assert not poa.is_bound
    assert poa.scope == "pure" and "pure price of anarchy" in poa.reason


def test_undefined_ratios_raise():
    rps = NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    uniform = Equilibrium.certified(rps, [np.full(3, 1 / 3)] * 2, "hand")
    s = EquilibriumSet(rps, (uniform,), "hand", complete=True, reason="unique")
    with pytest.raises(InputError, match=r"optimal welfare is 0 <= 0, so the price of anarchy"):
        price_of_anarchy(s)
    g = PD.transformed(shift=[-1, -1])  # (D, D) now has welfare 0, OPT = 4
    with pytest.raises(InputError, match=r"worst equilibrium welfare is 0 <= 0"):
        price_of_anarchy(pure_equilibria(g))
    empty = EquilibriumSet(rps, (), "pure_enumeration", complete=True, reason="none", scope="pure")
    with pytest.raises(InputError, match="contains no equilibrium"):
        price_of_stability(empty)
    with pytest.raises(InputError, match="eqset"):
        price_of_anarchy([uniform])


def test_selection_bos():
    s = _bos_set()
    w = welfare_maximizing(s)
    assert (w.index, w.ties, w.score) == (0, (0, 1), pytest.approx(3.0))
    assert not w.is_unique_choice and w.complete
    h = max_entropy(s)
    assert h.index == 2
    assert h.score == pytest.approx(2 * -(2 / 3 * np.log(2 / 3) + 1 / 3 * np.log(1 / 3)))
    assert h.scores[:2] == (0.0, 0.0)
    custom = select(s, lambda e: e.payoffs[1])  # the column player's favourite
    assert custom.index == 1 and custom.criterion == "<lambda>"
    assert select(s, "welfare").equilibrium is w.equilibrium


def test_selection_errors():
    s = _bos_set()
    with pytest.raises(InputError, match="unknown selection criterion 'fairness'"):
        select(s, "fairness")
    with pytest.raises(InputError, match="non-finite"):
        select(s, lambda e: float("nan"))
    with pytest.raises(InputError, match="no equilibrium"):
        select(EquilibriumSet(BOS, (), "x", complete=False, reason="r"))


def _brute_welfare(game: NormalFormGame, profile) -> float:
    total = 0.0
    for a in itertools.product(*[range(m) for m in game.shape]):
        p = np.prod([profile[i][a[i]] for i in range(game.num_players)])
        total += p * game.payoffs[a].sum()
    return total


@settings(max_examples=30)
@given(st.lists(st.integers(1, 3), min_size=1, max_size=3), st.integers(0, 2**31))
def test_welfare_matches_brute_force(shape, seed):
    rng = np.random.default_rng(seed)
    g = NormalFormGame(rng.integers(-4, 5, tuple(shape) + (len(shape),)))
    prof = [rng.dirichlet(np.ones(m)) for m in shape]
    assert utilitarian_welfare(g, prof) == pytest.approx(_brute_welfare(g, prof), abs=1e-9)
    opt = optimal_welfare(g)
    brute = max(g.payoffs[a].sum() for a in itertools.product(*[range(m) for m in shape]))
    assert opt.value == brute
    assert all(g.payoffs[a].sum() == brute for a in opt.maximizers)
    assert utilitarian_welfare(g, prof) <= opt.value + 1e-9  # OPT over pure = OPT over mixed
    pure = pure_equilibria(g)
    if len(pure) and min(utilitarian_welfare(g, e) for e in pure) > 0:
        poa, pos = price_of_anarchy(pure), price_of_stability(pure)
        assert poa.value >= pos.value >= 1.0 - 1e-12


def test_entropy_of_pure_and_uniform():
    g = NormalFormGame(np.zeros((2, 4, 2)))
    e = Equilibrium.certified(g, [[0.5, 0.5], np.full(4, 0.25)], "hand")
    assert strategy_entropy(e) == pytest.approx(np.log(2) + np.log(4))
    assert strategy_entropy(Equilibrium.certified(g, [[1, 0], [0, 0, 1, 0]], "hand")) == 0.0

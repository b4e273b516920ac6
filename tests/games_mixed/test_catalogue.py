"""Known 3- and 4-player games: the equilibria simpdiv and the logit path return, exactly."""

from fractions import Fraction

import pytest
import sympy as sp

from benchgame.games import logit_path, simplicial_subdivision, solve

from .catalogue import (
    GAMBIT_2X2X2X2,
    GAMBIT_3X3X3,
    JORDAN,
    MAX_CUT,
    MCKELVEY_MCLENNAN,
    NAU_SEC4,
    NAU_SEC5,
    NAU_SEC6,
    PENNIES_4,
    exact_equilibria_2x2x2,
)

H = Fraction(1, 2)
R601 = sp.sqrt(601)
SEC4 = ((53 - R601) / 46, (R601 - 13) / 24, (R601 - 23) / 4)  # Nau et al. (2004), section 4


def first_probs(eq):
    return tuple(float(s[0]) for s in eq.strategies)


def assert_matches(eq, expected, atol=1e-12):
    """Every probability within atol of the exact expected profile (sympy numbers or Fractions)."""
    for s, e in zip(eq.strategies, expected, strict=True):
        for p, q in zip(s, e, strict=True):
            assert abs(float(p) - float(sp.N(q, 30))) <= atol, (eq.strategies, expected)


def two(p):
    return (p, 1 - p)


# game, method, expected exact profile, whether the returned profile is an exact equilibrium
CASES = [
    ("jordan", JORDAN, "simpdiv", [two(H)] * 3, True),
    ("jordan", JORDAN, "logit", [two(H)] * 3, True),
    ("pennies4", PENNIES_4, "simpdiv", [two(H)] * 4, True),
    ("pennies4", PENNIES_4, "logit", [two(H)] * 4, True),
    ("nau_sec4", NAU_SEC4, "simpdiv", [two(p) for p in SEC4], False),
    ("nau_sec4", NAU_SEC4, "logit", [two(p) for p in SEC4], False),
    ("mckelvey_mclennan", MCKELVEY_MCLENNAN, "simpdiv", [(0, 1), (0, 1), (1, 0)], True),
    ("mckelvey_mclennan", MCKELVEY_MCLENNAN, "logit", [two(H), two(H), (1, 0)], True),
    ("max_cut", MAX_CUT, "simpdiv", [(0, 1), (1, 0), (0, 1)], True),
    ("max_cut", MAX_CUT, "logit", [two(H)] * 3, True),
    ("nau_sec6", NAU_SEC6, "simpdiv", [two(H), two(H), (Fraction(1, 4),) * 4], True),
    ("nau_sec6", NAU_SEC6, "logit", [two(H), two(H), (Fraction(1, 4),) * 4], True),
    ("gambit_3x3x3", GAMBIT_3X3X3, "simpdiv", [(0, 1, 0), (0, 0, 1), (0, 0, 1)], True),
    ("gambit_3x3x3", GAMBIT_3X3X3, "logit", [(0, 1, 0), (0, 0, 1), (0, 0, 1)], True),
    ("gambit_2x2x2x2", GAMBIT_2X2X2X2, "simpdiv", [(1, 0), (1, 0), (1, 0), (0, 1)], True),
    ("gambit_2x2x2x2", GAMBIT_2X2X2X2, "logit", [(1, 0), (1, 0), (1, 0), (0, 1)], True),
]


def run(game, method):
    return simplicial_subdivision(game) if method == "simpdiv" else logit_path(game).equilibrium


@pytest.mark.parametrize(("name", "game", "method", "expected", "exact"), CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_known_equilibrium(name, game, method, expected, exact):
    eq = run(game, method)
    assert eq.method == method
    assert eq.certificate.passed and eq.certificate.max_relative_regret <= 1e-12
    assert_matches(eq, expected)
    check = eq.verify_exact()
    assert eq.provenance["exact_equilibrium"] is exact
    assert check.ok is exact  # never called exact unless the exact regret is 0
    if exact:
        assert [list(s) for s in eq.exact] == [[Fraction(x) for x in e] for e in expected]
    else:  # the returned floats' exact regret: positive, and tiny
        bound = Fraction(eq.provenance["exact_max_regret"])
        assert 0 < bound <= Fraction(1, 10**12)
        assert check.regrets == tuple(Fraction(r) for r in eq.provenance["exact_regrets"])


def test_mckelvey_mclennan_has_nine_equilibria_two_totally_mixed():
    eqs, continuum = exact_equilibria_2x2x2(MCKELVEY_MCLENNAN)
    assert not continuum and len(eqs) == 9
    totally_mixed = sorted(e for e in eqs if all(0 < x < 1 for x in e))
    assert totally_mixed == [(Fraction(2, 5), H, Fraction(1, 3)),
                             (H, Fraction(2, 5), Fraction(1, 4))]
    for method in ("simpdiv", "logit"):
        assert first_probs(run(MCKELVEY_MCLENNAN, method)) in {tuple(map(float, e)) for e in eqs}


def test_nau_sec4_unique_irrational_equilibrium():
    eqs, continuum = exact_equilibria_2x2x2(NAU_SEC4)
    assert not continuum and len(eqs) == 1
    assert all(sp.simplify(a - b) == 0 for a, b in zip(eqs[0], SEC4, strict=True))


def test_nau_sec5_continuum_point_is_exact():
    # the completely mixed equilibria: p3 = 1/4 and p1 p2 - 3 p1 - 3 p2 + 3 = 0
    eq = simplicial_subdivision(NAU_SEC5)
    assert eq.provenance["exact_equilibrium"] and eq.verify_exact().ok
    (p1, _), (p2, _), (p3, _) = eq.exact
    assert p3 == Fraction(1, 4) and p1 * p2 - 3 * p1 - 3 * p2 + 3 == 0 and 0 < p1 < 1
    # the logit path ends at the symmetric point of that curve: p1 = p2 = 3 - sqrt(6)
    lim = logit_path(NAU_SEC5).equilibrium
    assert_matches(lim, [two(3 - sp.sqrt(6)), two(3 - sp.sqrt(6)), two(Fraction(1, 4))])
    assert not lim.provenance["exact_equilibrium"]


@pytest.mark.parametrize(("game", "scope", "count"), [
    (MAX_CUT, "pure", 2), (MCKELVEY_MCLENNAN, "pure", 4), (GAMBIT_3X3X3, "pure", 2),
    (GAMBIT_2X2X2X2, "pure", 2), (JORDAN, "mixed", 1), (PENNIES_4, "mixed", 1),
    (NAU_SEC4, "mixed", 1), (NAU_SEC6, "mixed", 1)])
def test_auto_solve_scope(game, scope, count):
    res = solve(game)
    assert (res.scope, len(res)) == (scope, count)
    if scope == "pure":
        assert res.complete and res.method == "pure_enumeration"
    else:
        assert not res.complete and res.method == "pure_then_simpdiv"
        assert "no pure equilibrium" in res.reason and "one equilibrium" in res.reason
        assert res.all_certified

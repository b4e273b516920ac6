"""Catalogue of games whose exact equilibria are decided by ties, near-ties, float constants or
payoff magnitudes, with their exact expected answers, checked through ``solve`` and through
``benchgame solve``.

Each entry gives the game, the method, the exact expected equilibria (as fractions), the pure
near-ties that a tolerance accepts but that are not equilibria (with the exact gain of the
first profitable deviation), and whether the answer is complete and unique.
"""

from __future__ import annotations

import json
from fractions import Fraction as F

import numpy as np
import pytest
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.games import NormalFormGame, all_equilibria, solve
from benchgame.games.nfg import write_nfg


def _near_tie_2x2() -> NormalFormGame:
    # (0, 0) is a near-tie: the row player gains 1e-10 (x payoff range ~1) by deviating
    return NormalFormGame.from_bimatrix([[1, 0], [1 + 1e-10, 0]], [[1, 0], [1, 0]])


def _near_tie_three_players() -> NormalFormGame:
    # everybody prefers strategy 1; at (0, 1, 1) player 0 gets 1 - 1e-10 instead of 0
    U = np.zeros((2, 2, 2, 3))
    for a in np.ndindex(2, 2, 2):
        for i in range(3):
            U[a + (i,)] = float(a[i] == 1)
    U[0, 1, 1, 0] = 1 - 1e-10
    return NormalFormGame(U)


def _large_range_3x3x3() -> NormalFormGame:
    # players 1 and 2 copy player 0; player 0 gets 100 * ((a0 + a1 + a2) mod 3), and 1e12 at
    # (0, 0, 0): at (1, 1, 1) and (2, 2, 2) she gains 200 <= 1e-9 x 1e12 by deviating
    U = np.zeros((3, 3, 3, 3))
    for a in np.ndindex(3, 3, 3):
        U[a + (0,)] = 100.0 * (sum(a) % 3)
        U[a + (1,)] = float(a[1] == a[0])
        U[a + (2,)] = float(a[2] == a[0])
    U[0, 0, 0, 0] = 1e12
    return NormalFormGame(U)


FLOAT_CS_A = np.array([[12345.6, -7777.7], [-9999.9, 22222.2]])


def _float_constant_sum() -> NormalFormGame:
    # B = 0.1 - A in floats: A + B is 0.1 only up to rounding (spread 1.8e-12)
    return NormalFormGame.from_bimatrix(FLOAT_CS_A, 0.1 - FLOAT_CS_A)


LARGE_A = np.array([[483_603_989_123, 507_337_634_456, -69_638_923_789],
                    [-792_549_941_012, 933_703_700_345, -358_499_358_678],
                    [-599_336_898_901, 715_518_378_234, 26_292_181_567]], dtype=float)


def _large_zero_sum() -> NormalFormGame:
    return NormalFormGame.from_bimatrix(LARGE_A)


D = 294717998345
CATALOGUE = {
    "near_tie_2x2": dict(
        game=_near_tie_2x2, method="pure",
        equilibria={((0, 1), (1, 0))},
        near={(0, 0): (0, F(1 + 1e-10) - 1)}, unique=True),
    "near_tie_three_players": dict(
        game=_near_tie_three_players, method="auto",
        equilibria={((0, 1), (0, 1), (0, 1))},
        near={(0, 1, 1): (0, 1 - F(1 - 1e-10))}, unique=True),
    "large_range_3x3x3": dict(
        game=_large_range_3x3x3, method="pure",
        equilibria={((1, 0, 0), (1, 0, 0), (1, 0, 0))},
        near={(1, 1, 1): (0, F(200)), (2, 2, 2): (0, F(200))}, unique=True),
    # the exact equilibrium of the stored game (B is not exactly 0.1 - A), which vertex
    # enumeration finds too; 32222.1 / 52345.4 up to the rounding of the payoffs
    "float_constant_sum": dict(
        game=_float_constant_sum, method="zero_sum",
        equilibria={((F(35428573621361052, 57554375960585833),
                      F(22125802339224781, 57554375960585833)),
                     (F(32985238882117223, 57554375960585831),
                      F(24569137078468608, 57554375960585831)))},
        near={}, unique=None),
    "large_zero_sum": dict(
        game=_large_zero_sum, method="zero_sum",
        equilibria={((F(156407270117, D), F(0), F(138310728228, D)),
                     (F(23982776339, D), F(0), F(270735222006, D)))},
        near={}, unique=None),
}


def _exact(profile) -> tuple:
    return tuple(tuple(F(p) for p in s) for s in profile)


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_catalogue_through_solve(name):
    case = CATALOGUE[name]
    game = case["game"]()
    eqs = solve(game, case["method"])
    expected = {_exact(p) for p in case["equilibria"]}
    assert {e.verify_exact().strategies for e in eqs} == expected
    for e in eqs:
        check = e.verify_exact()
        assert check.ok and check.source == "algorithm"
        assert check.regrets == (0,) * game.num_players
        assert e.certificate.passed
    assert {e.pure_profile(): (e.verify_exact().deviation.player, e.verify_exact().deviation.gain)
            for e in eqs.near_equilibria} == case["near"]
    assert not any(e.verify_exact().ok for e in eqs.near_equilibria)
    if case["unique"] is None:
        assert not eqs.complete
    else:
        assert eqs.complete and eqs.is_unique == case["unique"]


@pytest.mark.parametrize("name", ["float_constant_sum", "large_zero_sum"])
def test_zero_sum_catalogue_agrees_with_vertex_enumeration(name):
    case = CATALOGUE[name]
    res = all_equilibria(case["game"]())
    assert res.complete and {e.exact for e in res} == {_exact(p) for p in case["equilibria"]}


def test_float_constant_sum_is_the_decimal_game_up_to_rounding():
    x = CATALOGUE["float_constant_sum"]["equilibria"].copy().pop()[0]
    assert float(x[0]) == pytest.approx(float(F("32222.1") / F("52345.4")), rel=1e-15)
    sol = solve(_float_constant_sum(), "zero_sum")
    assert sol.provenance["value"] == pytest.approx(
        float((F("12345.6") * F("22222.2") - F("-7777.7") * F("-9999.9")) / F("52345.4")),
        rel=1e-12)


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_catalogue_through_cli(name, tmp_path):
    case = CATALOGUE[name]
    game = case["game"]()
    path = tmp_path / f"{name}.nfg"
    write_nfg(game, path)
    result = CliRunner().invoke(app, ["solve", str(path), "--method", case["method"],
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    got = {tuple(tuple(F(p) for p in s) for s in e["exact_verification"]["strategies"])
           for e in out["equilibria"]}
    assert got == {_exact(p) for p in case["equilibria"]}
    assert all(e["exact_verification"]["ok"] for e in out["equilibria"])
    near = {tuple(int(np.argmax(s)) for s in e["strategies"]):
            (e["exact_verification"]["deviation"]["player"],
             F(e["exact_verification"]["deviation"]["gain"]))
            for e in out["near_equilibria"]}
    assert near == case["near"]
    assert not any(e["exact_verification"]["ok"] for e in out["near_equilibria"])
    assert out["unique"] == case["unique"] and out["count"] == len(case["equilibria"])


def test_cli_table_lists_near_ties_apart(tmp_path):
    path = tmp_path / "near.nfg"
    write_nfg(_near_tie_2x2(), path)
    result = CliRunner().invoke(app, ["solve", str(path), "--method", "pure"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "1 equilibrium by pure_enumeration; complete: True" in text
    assert "unique: yes" in text
    # strategies are named "1", "2" in the .nfg file: the near-tie is the first of each
    assert ("near-ties within the tolerance, not equilibria: (1, 1) (player 1 gains 1e-10 by "
            "playing 2)") in text


def test_cli_table_numbers_equilibria_from_one_at_80_columns():
    from importlib.resources import files

    game = files("benchgame.games") / "examples" / "battle_of_sexes.nfg"
    result = CliRunner().invoke(app, ["solve", str(game)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(ln) for ln in lines) <= 80
    assert "│ 1 │ 2              │ 2              │ 1, 2               │ 0       │ ok      │" \
        in lines
    assert "│ 2 │ 1: 2/3, 2: 1/3 │ 1: 1/3, 2: 2/3 │ 0.666667, 0.666667 │ 0       │ ok      │" \
        in lines
    text = " ".join(result.stdout.split())
    assert text.startswith("Battle of the sexes")
    assert "3 equilibria by vertex_enumeration" in text
    assert text.endswith("connected components (by #): {1} {2} {3}")

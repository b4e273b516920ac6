"""Zero-sum LP: value, optimal strategies, duality gap, constant-sum, rejection."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.core.validation import InputError
from benchgame.games import NormalFormGame, all_equilibria, zero_sum_equilibrium


def test_rps_constant_sum():
    A = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    sol = zero_sum_equilibrium(NormalFormGame.from_bimatrix(A, 4 - A))
    assert abs(sol.value) < 1e-9 and sol.duality_gap < 1e-9 and sol.constant == 4
    assert sol.equilibrium.exact == ((Fraction(1, 3),) * 3, (Fraction(1, 3),) * 3)


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_value_matches_every_enumerated_equilibrium(m, n, seed):
    A = np.random.default_rng(seed).integers(-5, 6, (m, n))
    game = NormalFormGame.from_bimatrix(A, -A)
    sol = zero_sum_equilibrium(game)
    assert abs(sol.value - sol.upper) < 1e-7 and sol.duality_gap < 1e-7
    for e in all_equilibria(game):
        assert abs(float(e.payoffs[0]) - sol.value) < 1e-7


def test_general_sum_rejected():
    with pytest.raises(InputError, match="zero-sum"):
        zero_sum_equilibrium(NormalFormGame.from_bimatrix(np.eye(2), np.eye(2)))


@pytest.mark.parametrize("scale", [1.0, 1e3, 1e5, 1e8, 1e12])
def test_float_constant_sum_is_accepted_and_verifies_exactly(scale):
    # B = 0.1 - A in floats: A + B equals 0.1 only up to rounding (rejected at scale >= 1e5
    # before, while is_zero_sum() said True; the rationalised strategies failed verify_exact)
    A = np.array([[3.3, -7.7, 1.1], [-9.9, 2.2, 4.4]]) * scale
    game = NormalFormGame.from_bimatrix(A, 0.1 - A)
    assert game.is_zero_sum()
    sol = zero_sum_equilibrium(game)
    assert sol.constant == pytest.approx(0.1, abs=1e-15 * scale)
    check = sol.equilibrium.verify_exact()
    assert check.ok and check.source == "algorithm" and check.regrets == (0, 0)
    assert sol.equilibrium.provenance["exact_source"] == "support"
    (ref,) = all_equilibria(game)
    assert sol.equilibrium.exact == ref.exact


def test_constant_sum_detection_is_one_stated_tolerance():
    A = np.array([[1.0, -2.0], [-3.0, 4.0]]) * 1e6
    for spread, accepted in [(0.5e-12 * 4e6, True), (2e-12 * 4e6, False)]:
        B = -A + np.array([[0.0, spread], [0.0, 0.0]])
        game = NormalFormGame.from_bimatrix(A, B)
        assert game.is_zero_sum() is accepted
        if accepted:
            assert zero_sum_equilibrium(game).equilibrium.verify_exact().ok
        else:
            with pytest.raises(InputError, match="zero-sum"):
                zero_sum_equilibrium(game)


def test_large_payoffs_verify_exactly_through_cli(tmp_path):
    from typer.testing import CliRunner

    from benchgame.cli import app
    from benchgame.games.nfg import write_nfg

    A = np.array([[3, -1], [-2, 1]]) * 1e12 + np.array([[0.25, 0.5], [0.75, 0.125]])
    game = NormalFormGame.from_bimatrix(A)
    sol = zero_sum_equilibrium(game)
    (ref,) = all_equilibria(game)
    assert sol.equilibrium.exact == ref.exact and sol.equilibrium.verify_exact().ok
    write_nfg(game, tmp_path / "big.nfg")
    result = CliRunner().invoke(app, ["solve", str(tmp_path / "big.nfg"), "--method",
                                      "zero_sum", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("| 1 "))
    assert row.rstrip().endswith("| ok |") and "FAILS" not in result.output

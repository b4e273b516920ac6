"""NormalFormGame: validation (one-line errors naming the field), evaluation, transforms."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchgame.core.validation import InputError
from benchgame.games import NormalFormGame

PD = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])


@pytest.mark.parametrize(
    ("payoffs", "field", "fragment"),
    [
        ([[[1, np.nan], [0, 0]], [[0, 0], [1, 1]]], "payoffs", "non-finite"),
        ([[[1, np.inf], [0, 0]], [[0, 0], [1, 1]]], "payoffs", "non-finite"),
        ([[[1, 2], [0, 0]], [[0, 0]]], "payoffs", "rectangular"),
        ([], "payoffs", "at least one player"),
        (np.zeros((2, 2, 3)), "payoffs", "last axis"),
        (np.zeros((0, 2, 2)), "payoffs", "no strategy"),
        ([["a", "b"]], "payoffs", "rectangular"),
    ],
)
def test_bad_payoffs_raise_one_line_naming_field(payoffs, field, fragment):
    with pytest.raises(InputError) as err:
        NormalFormGame(payoffs)
    assert err.value.field == field
    assert fragment in str(err.value)
    assert "\n" not in str(err.value)


def test_bimatrix_shape_mismatch_names_B():
    with pytest.raises(InputError, match="^B: has shape"):
        NormalFormGame.from_bimatrix(np.zeros((2, 2)), np.zeros((2, 3)))


def test_labels_validated():
    with pytest.raises(InputError, match=r"labels\[1\]: has 1 labels for 2 strategies"):
        NormalFormGame(np.zeros((2, 2, 2)), labels=[["a", "b"], ["c"]])
    with pytest.raises(InputError, match="duplicate"):
        NormalFormGame(np.zeros((2, 2, 2)), labels=[["a", "a"], ["c", "d"]])


def test_profile_validation():
    with pytest.raises(InputError, match=r"profile\[0\]: sums to 0.9"):
        PD.expected_payoffs([[0.5, 0.4], [0.5, 0.5]])
    with pytest.raises(InputError, match="has 1 strategies for 2 players"):
        PD.regrets([[1, 0]])
    with pytest.raises(InputError, match="negative"):
        PD.regrets([[1.5, -0.5], [1, 0]])


def test_expected_payoffs_and_regrets_exact_values():
    # row mixes 1/2-1/2, column plays Defect
    prof = [[0.5, 0.5], [0.0, 1.0]]
    np.testing.assert_allclose(PD.expected_payoffs(prof), [0.5, 3.0])
    np.testing.assert_allclose(PD.regrets(prof), [0.5, 0.0])


def test_three_player_action_values_match_brute_force():
    rng = np.random.default_rng(0)
    U = rng.normal(size=(2, 3, 4, 3))
    g = NormalFormGame(U)
    prof = [rng.dirichlet(np.ones(m)) for m in g.shape]
    for i in range(3):
        brute = np.zeros(g.shape[i])
        for a in np.ndindex(*g.shape):
            p = np.prod([prof[j][a[j]] for j in range(3) if j != i])
            brute[a[i]] += p * U[a + (i,)]
        np.testing.assert_allclose(g.action_values(prof, i), brute)


@given(st.integers(0, 2**32 - 1), st.floats(0.1, 10), st.floats(-5, 5))
def test_regrets_scale_with_positive_affine_maps(seed, scale, shift):
    rng = np.random.default_rng(seed)
    g = NormalFormGame(rng.normal(size=(3, 2, 2)))
    prof = [rng.dirichlet(np.ones(m)) for m in g.shape]
    np.testing.assert_allclose(g.transformed(scale, shift).regrets(prof), scale * g.regrets(prof),
                               atol=1e-9)


def test_permuted_relabels_payoffs_and_labels():
    g = NormalFormGame(np.arange(8.0).reshape(2, 2, 2), labels=[["u", "d"], ["l", "r"]])
    p = g.permuted([[1, 0], [0, 1]])
    assert p.labels == (("d", "u"), ("l", "r"))
    np.testing.assert_array_equal(p.payoffs[0], g.payoffs[1])
    with pytest.raises(InputError, match="not a permutation"):
        g.permuted([[0, 0], [0, 1]])


def test_zero_sum_detection():
    assert NormalFormGame.from_bimatrix([[1, -1], [-1, 1]]).is_zero_sum()
    assert NormalFormGame.from_bimatrix([[2, 0], [0, 2]], [[0, 2], [2, 0]]).is_zero_sum()
    assert not PD.is_zero_sum()

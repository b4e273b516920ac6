"""Hand-computed values of the pairwise payment rules on a 3-model, 2-task market.

Perfect aggregation, so ``B[i, j, t] = P(i beats j on t)`` is 1 (``q_i(t) > q_j(t)``), 1/2 (tie)
or 0. Market (rows = models, columns = tasks A, B), ``omega = (0.6, 0.4)``::

    q_0 = (0.9, 0.2),  q_1 = (0.5, 0.6),  q_2 = (0.5, 0.1)

Task A: 0 beats 1 and 2, 1 and 2 tie. Task B: 1 beats 0 and 2, 0 beats 2.
"""

from __future__ import annotations

import numpy as np
import pytest

from benchgame.core.validation import InputError
from benchgame.mechanisms.marketplace import EpsilonUniform, Perfect, payoffs

Q = np.array([[0.9, 0.2], [0.5, 0.6], [0.5, 0.1]])
W = np.array([0.6, 0.4])


def test_pairwise_values():
    # i=0: (0.6 + 1.0)/2; i=1: (0.4 + 0.6*0.5 + 0.4)/2; i=2: (0 + 0.6*0.5)/2; sum n/2 = 1.5
    np.testing.assert_allclose(payoffs("pairwise", Q, W, Perfect()), [0.8, 0.55, 0.15],
                               atol=1e-15)


def test_weighted_pairwise_weights_each_win_by_the_winners_own_quality():
    # i=0: vs 1: 0.6*0.9 = 0.54; vs 2: 0.6*0.9 + 0.4*0.2 = 0.62; mean 0.58
    # i=1: vs 0: 0.4*0.6 = 0.24; vs 2: 0.6*0.5*0.5 + 0.4*0.6 = 0.39; mean 0.315
    # i=2: vs 0: 0; vs 1: 0.6*0.5*0.5 = 0.15; mean 0.075
    # (weighting by the opponent's quality would give 0.32, 0.135, 0.075)
    np.testing.assert_allclose(payoffs("weighted_pairwise", Q, W, Perfect()),
                               [0.58, 0.315, 0.075], atol=1e-15)


def test_weighted_pairwise_under_noise():
    # epsilon-uniform with eps = 0.5 on a pair: winner 0.75, loser 0.25, tie 0.5
    # i=0: vs 1: 0.6*0.75*0.9 + 0.4*0.25*0.2 = 0.425; vs 2: 0.6*0.75*0.9 + 0.4*0.75*0.2 = 0.465
    # i=1: vs 0: 0.6*0.25*0.5 + 0.4*0.75*0.6 = 0.255; vs 2: 0.6*0.5*0.5 + 0.4*0.75*0.6 = 0.33
    # i=2: vs 0: 0.6*0.25*0.5 + 0.4*0.25*0.1 = 0.085; vs 1: 0.6*0.5*0.5 + 0.4*0.25*0.1 = 0.16
    np.testing.assert_allclose(payoffs("weighted_pairwise", Q, W, EpsilonUniform(0.5)),
                               [0.445, 0.2925, 0.1225], atol=1e-15)


@pytest.mark.parametrize(("reference", "expected"), [
    (0, [0.5, 0.4, 0.0]),   # against q_0: itself 1/2; 1 wins B only; 2 wins nothing
    (1, [0.6, 0.5, 0.3]),   # against q_1: 0 wins A; 2 ties A (0.6 * 1/2)
    (2, [1.0, 0.7, 0.5]),   # against q_2: 0 wins both; 1 ties A and wins B
])
def test_reference_values(reference, expected):
    np.testing.assert_allclose(payoffs("reference", Q, W, Perfect(), reference=reference),
                               expected, atol=1e-15)


def test_reference_default_is_model_0_and_bad_reference_is_refused():
    np.testing.assert_allclose(payoffs("reference", Q, W, Perfect()), [0.5, 0.4, 0.0],
                               atol=1e-15)
    with pytest.raises(InputError) as exc:
        payoffs("reference", Q, W, Perfect(), reference=3)
    assert exc.value.field == "reference"


def test_margin_values():
    # i=0: vs 1: 0.6*0.4 = 0.24; vs 2: 0.6*0.4 + 0.4*0.1 = 0.28; mean 0.26
    # i=1: vs 0: 0.4*0.4 = 0.16; vs 2: 0.6*0.5*0 + 0.4*0.5 = 0.2; mean 0.18
    # i=2: loses or ties with margin 0 everywhere: 0
    np.testing.assert_allclose(payoffs("margin", Q, W, Perfect()), [0.26, 0.18, 0.0],
                               atol=1e-15)


def test_pairwise_rules_vectorize_over_stacked_markets():
    stack = np.stack([Q, Q[[2, 0, 1]]])  # the second market lists the models in another order
    for mech, want in (("weighted_pairwise", [0.58, 0.315, 0.075]),
                       ("margin", [0.26, 0.18, 0.0])):
        got = payoffs(mech, stack, W, Perfect())
        np.testing.assert_allclose(got[0], want, atol=1e-15)
        np.testing.assert_allclose(got[1], np.array(want)[[2, 0, 1]], atol=1e-15)

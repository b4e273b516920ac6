"""Lemke-Howson: every label, lexicographic rule, results inside the enumerated set."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.core.validation import InputError
from benchgame.games import NormalFormGame, all_equilibria, lemke_howson, lemke_howson_all


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1), st.sampled_from([1, 9]))
def test_lh_outputs_lie_in_enumerated_set(m, n, seed, span):
    rng = np.random.default_rng(seed)
    game = NormalFormGame.from_bimatrix(rng.integers(-span, span + 1, (m, n)),
                                        rng.integers(-span, span + 1, (m, n)))
    full = all_equilibria(game)
    lh = lemke_howson_all(game)
    assert not lh.complete and "need not" in lh.reason
    for e in lh:
        assert e.verify_exact()
        if not full.degenerate:
            assert full.contains(e, atol=1e-9)


def test_degenerate_game_terminates_with_provenance():
    # all-equal payoffs: maximal degeneracy; the lexicographic rule must not cycle
    game = NormalFormGame.from_bimatrix(np.ones((4, 4)), np.ones((4, 4)))
    for k in range(8):
        e = lemke_howson(game, k)
        assert e.provenance["initial_label"] == k and e.provenance["pivots"] >= 2
        assert e.verify_exact()


def test_scale_and_shift_invariance():
    rng = np.random.default_rng(3)
    A, B = rng.integers(-5, 6, (4, 4)), rng.integers(-5, 6, (4, 4))
    g = NormalFormGame.from_bimatrix(A, B)
    h = NormalFormGame.from_bimatrix(7 * A + 100, 0.5 * B - 3)
    for k in range(8):
        assert lemke_howson(g, k).exact == lemke_howson(h, k).exact


def test_bad_label():
    g = NormalFormGame.from_bimatrix(np.eye(2), np.eye(2))
    with pytest.raises(InputError, match="initial_label"):
        lemke_howson(g, 4)


def test_in_set_claim_probe_finds_counterexample_without_witness():
    import dataclasses

    from benchgame.proofs_check import get_claim, run_claim

    claim = dataclasses.replace(get_claim("general.lemke_howson_in_set.theorem"), witnesses=())
    report = run_claim(claim, examples=40, seed=0)
    assert report.found.value == "HOLDS"
    assert report.probe.found_counterexample
    numbers = report.probe.counterexample.numbers
    assert numbers["in_vertex_enumeration"] and not numbers["in_support_enumeration"]

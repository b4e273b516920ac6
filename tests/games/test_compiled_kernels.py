"""The compiled pivoting kernels: Lemke-Howson on condensed tableaux and the reverse search of
best-response polytope vertices, against their pure-Python runs, Qhull and exact enumeration."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from benchgame.core.validation import InputError
from benchgame.games import NormalFormGame, lemke_howson, vertex_enumeration
from benchgame.games.best_response_polytopes import polytope_vertices, positive_shift
from benchgame.games.compiled import compiled
from benchgame.games.lemke_howson_kernel import lemke_howson_path
from benchgame.games.simple_polytopes import complementary_masks, simple_vertex_masks
from benchgame.games.vertex_search_kernel import SEARCH_STATUS, vertex_search

WIDE = st.integers(-1000, 1000)


@st.composite
def bimatrices(draw, low=1, high=6, payoffs=WIDE):
    m, n = draw(st.integers(low, high)), draw(st.integers(low, high))
    A = draw(arrays(np.int64, (m, n), elements=payoffs))
    B = draw(arrays(np.int64, (m, n), elements=payoffs))
    return A.astype(float), B.astype(float)


def _masks(labels: np.ndarray) -> list[int]:
    return sorted(int(sum(1 << k for k in np.flatnonzero(row))) for row in labels)


@settings(max_examples=60, deadline=None)
@given(bimatrices(payoffs=st.integers(0, 3)), st.data())
def test_compiled_lemke_howson_path_is_the_pure_python_path(AB, data):
    U = np.stack(AB, axis=-1)
    k = data.draw(st.integers(0, sum(AB[0].shape) - 1))
    fast = compiled(lemke_howson_path)(U, k, 1e-12, 10_000, 1e300)
    slow = lemke_howson_path(U, k, 1e-12, 10_000, 1e300)
    assert fast[4:6] == slow[4:6] and fast[5] == 0
    for a, b in zip(fast[:4] + fast[6:], slow[:4] + slow[6:], strict=True):
        assert np.array_equal(a, b)


def test_lemke_howson_ends_at_the_known_equilibria_with_pinned_pivot_counts():
    g = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    got = [([str(p) for p in e.exact[0]], e.provenance["pivots"])
           for e in (lemke_howson(g, k) for k in range(5))]
    assert got == [(["1", "0", "0"], 2), (["0", "1/3", "2/3"], 4), (["1", "0", "0"], 3),
                   (["1", "0", "0"], 2), (["0", "1/3", "2/3"], 4)]


def test_lemke_howson_max_pivots_is_an_input_error():
    g = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    assert lemke_howson(g, 1, max_pivots=4).provenance["pivots"] == 4
    with pytest.raises(InputError, match="^max_pivots: path longer than 3 pivots"):
        lemke_howson(g, 1, max_pivots=3)


@settings(max_examples=60, deadline=None)
@given(bimatrices(high=7))
def test_reverse_search_finds_exactly_the_qhull_vertices_of_generic_polytopes(AB):
    _, B1 = positive_shift(*AB)
    masks, status = compiled(vertex_search)(B1, 1e-9, 10**6, 1e-11)
    if SEARCH_STATUS[status] != "complete":  # a tie: the caller takes the Qhull path
        return
    assert sorted(int(k) for k in masks) == _masks(polytope_vertices(B1).labels)


def test_reverse_search_in_pure_python_and_compiled_agree():
    rng = np.random.default_rng(5)
    M = 1.0 + rng.random((4, 6))
    fast, slow = compiled(vertex_search)(M, 1e-9, 10**6, 1e-11), vertex_search(M, 1e-9, 10**6,
                                                                               1e-11)
    assert fast[1] == slow[1] == 0 and np.array_equal(fast[0], slow[0])
    assert sorted(int(k) for k in fast[0]) == _masks(polytope_vertices(M).labels)


def test_degenerate_polytope_stops_the_search_and_limit_is_an_input_error():
    masks, status = compiled(vertex_search)(np.ones((2, 2)), 1e-9, 100, 1e-11)
    assert SEARCH_STATUS[status] == "degenerate"
    assert simple_vertex_masks(np.ones((2, 2)), np.ones((2, 2)), 1e-9, 100) is None
    M = 1.0 + np.random.default_rng(1).random((6, 6))
    with pytest.raises(InputError, match="^game: is 6 x 6 with more than max_vertices=10"):
        simple_vertex_masks(M, M, 1e-9, 10)


def test_complementary_masks_pair_each_vertex_with_its_complement():
    P = np.array([0b0110, 0b0011, 0b1100], np.uint64)
    Q = np.array([0b0110, 0b1001, 0b0011], np.uint64)  # common numbering: 1001, 0110, 1100
    p, q = complementary_masks(P, Q, 2, 2)  # P[2]'s complement 0011 is no vertex of Q
    assert p.tolist() == [0, 1] and q.tolist() == [0, 2]


def test_generic_games_use_the_pivoting_path_and_degenerate_ones_qhull():
    rng = np.random.default_rng(2)
    A, B = rng.integers(-1000, 1001, (9, 9)), rng.integers(-1000, 1001, (9, 9))
    res = vertex_enumeration(NormalFormGame.from_bimatrix(A, B))
    assert res.provenance["vertex_method"] == "pivoting" and res.degenerate is False
    assert all(e.verify_exact() for e in res)
    qhull = vertex_enumeration(NormalFormGame.from_bimatrix(A, B), max_vertices=10**7)
    assert [e.exact for e in qhull] == [e.exact for e in res]
    deg = vertex_enumeration(NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]],
                                                          [[3, 3], [2, 6], [3, 1]]))
    assert deg.provenance["vertex_method"] == "qhull" and deg.components == ((0,), (1, 2))


def test_forty_by_five_games_are_enumerated_by_pivoting_and_contain_every_lemke_howson_end():
    rng = np.random.default_rng(4)
    A, B = rng.integers(-1000, 1001, (40, 5)), rng.integers(-1000, 1001, (40, 5))
    game = NormalFormGame.from_bimatrix(A, B)
    res = vertex_enumeration(game)
    assert res.complete and res.provenance["vertex_method"] == "pivoting"
    assert all(e.verify_exact() for e in res)
    found = {e.exact for e in res}
    assert all(lemke_howson(game, k).exact in found for k in range(45))

"""The label search (EEE) for all equilibria: exact answers, agreement with vertex enumeration
and Gambit, the route of degenerate games, and the node limit."""

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from benchgame.core.validation import InputError
from benchgame.games import NormalFormGame, solve, vertex_enumeration
from benchgame.games.label_search import label_search_masks, prefers_label_search
from benchgame.games.label_search_kernel import LABEL_STATUS, label_search

from .test_oracle_pygambit import gambit_set, our_set
from .test_vertex_enumeration import CASES, exact_set


@pytest.mark.parametrize("name", sorted(CASES))
def test_catalogue_games_exact(name):
    A, B, expected = CASES[name]
    res = vertex_enumeration(NormalFormGame.from_bimatrix(np.array(A), np.array(B)),
                             algorithm="label_search")
    assert exact_set(res) == {tuple(tuple(F(v) for v in s) for s in p) for p in expected}
    assert res.provenance["vertex_method"] == "label_search"
    assert res.complete and res.degenerate is None and "label search" in res.reason
    assert all(e.verify_exact() for e in res)


def test_battle_of_the_sexes_nodes_and_masks():
    A1, B1 = np.array([[2.0, 1.0], [1.0, 1.5]]), np.array([[1.5, 1.0], [1.0, 2.0]])
    mp, mq, prov = label_search_masks(B1, A1.T)
    # 0b0110 in P: x_2 = 0 and column 1 tight (the pure equilibrium (1, 1)); in Q's own
    # numbering 0b0110 is y_2 = 0 and row 1 tight, its complement in the common numbering
    assert mp.tolist() == [6, 9, 12] and mq.tolist() == [6, 9, 12]
    assert prov == {"search_nodes": 5, "linear_programs": 12}
    assert label_search(B1, A1.T, 1e-11, 1000)[4] == LABEL_STATUS.index("complete")


square_games = st.integers(2, 6).flatmap(lambda k: st.tuples(
    arrays(np.int64, (k, k), elements=st.integers(-50, 50)),
    arrays(np.int64, (k, k), elements=st.integers(-50, 50))))


@settings(max_examples=60, deadline=None)
@given(square_games)
def test_equals_vertex_enumeration_exactly(AB):
    game = NormalFormGame.from_bimatrix(*AB)
    ours = vertex_enumeration(game, algorithm="label_search")
    ref = vertex_enumeration(game, algorithm="vertex_search")
    assert [e.exact for e in ours] == [e.exact for e in ref]
    assert ours.complete and ours.components == ref.components
    if ours.provenance["vertex_method"] != "label_search":  # stopped at a tie: vertices
        assert ours.provenance["vertex_method"] == ref.provenance["vertex_method"]
        assert "label_search" in ours.provenance


@settings(max_examples=15, deadline=None)
@given(st.tuples(st.integers(2, 5), st.integers(2, 5), st.integers(0, 2**32 - 1)))
def test_equals_gambit_enummixed(params):
    m, n, seed = params
    rng = np.random.default_rng(seed)
    A, B = rng.integers(-9, 10, (m, n)), rng.integers(-9, 10, (m, n))
    res = vertex_enumeration(NormalFormGame.from_bimatrix(A, B), algorithm="label_search")
    assert res.complete and our_set(res) == gambit_set(A, B)


def test_sixteen_by_sixteen_agrees_with_vertex_enumeration():
    rng = np.random.default_rng(0)
    game = NormalFormGame.from_bimatrix(*rng.random((2, 16, 16)))
    res = solve(game)
    assert res.provenance["vertex_method"] == "label_search" and len(res) == 111
    assert res.provenance["linear_programs"] > res.provenance["search_nodes"] > 0
    ref = vertex_enumeration(game, algorithm="vertex_search")
    assert ref.provenance["vertices_P"] + ref.provenance["vertices_Q"] > 10 * (
        res.provenance["search_nodes"])
    assert [e.exact for e in res] == [e.exact for e in ref]
    assert all(e.verify_exact() for e in res)


def test_degenerate_game_falls_back_to_vertex_enumeration_and_says_so():
    g = NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 3], [2, 6], [3, 1]])
    res = vertex_enumeration(g, algorithm="label_search")
    assert res.provenance["vertex_method"] == "qhull" and "degenerate" in (
        res.provenance["label_search"])
    assert res.degenerate is True and res.components == ((0,), (1, 2))
    assert [[str(p) for p in e.exact[1]] for e in res.equilibria[1:]] == [["2/3", "1/3"],
                                                                          ["1", "0"]]


def test_node_limit_is_an_input_error_naming_the_environment_variable(monkeypatch):
    game = NormalFormGame.from_bimatrix(*np.random.default_rng(0).random((2, 12, 12)))
    monkeypatch.setenv("BENCHGAME_MAX_SEARCH_NODES", "3")
    with pytest.raises(InputError, match="more than 3 search nodes") as err:
        vertex_enumeration(game)
    assert err.value.field == "game" and "BENCHGAME_MAX_SEARCH_NODES" in err.value.fix


def test_unknown_algorithm_is_an_input_error():
    with pytest.raises(InputError, match="algorithm"):
        vertex_enumeration(NormalFormGame.from_bimatrix(np.eye(2), np.eye(2)), algorithm="x")


@pytest.mark.parametrize(("m", "n", "expected"), [(4, 4, False), (9, 9, False),
                                                  (10, 10, True), (40, 5, False),
                                                  (20, 8, True)])
def test_method_choice_by_size(m, n, expected):
    assert prefers_label_search(m, n) is expected


edge_sets = st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), min_size=1, max_size=20)


@settings(max_examples=80, deadline=None)
@given(edge_sets)
def test_bicliques_by_connected_part_equal_those_of_the_whole_graph(pairs):
    from benchgame.games.components import _part_bicliques, maximal_bicliques

    assert maximal_bicliques(pairs) == sorted(_part_bicliques(pairs))


def test_many_isolated_equilibria_are_singleton_components():
    from benchgame.games.components import maximal_bicliques

    pairs = [(k, (7 * k) % 400) for k in range(400)]
    assert maximal_bicliques(pairs) == [((p,), (q,)) for p, q in sorted(pairs)]


@pytest.mark.parametrize("seed", [0, 1])
def test_compiled_kernel_counts_equal_the_pure_python_ones(seed):
    from benchgame.games.best_response_polytopes import positive_shift
    from benchgame.games.compiled import compiled

    A1, B1 = positive_shift(*np.random.default_rng(seed).integers(-1000, 1001, (2, 9, 9)))
    args = (np.ascontiguousarray(B1), np.ascontiguousarray(A1.T), 1e-11, 10**6)
    fast, slow = compiled(label_search)(*args), label_search(*args)
    assert [a.tolist() for a in fast[:2]] == [a.tolist() for a in slow[:2]]
    assert (fast[2], int(fast[3]), fast[4]) == (slow[2], int(slow[3]), slow[4])


def test_degenerate_large_game_refused_saying_the_label_search_stopped():
    game = NormalFormGame.from_bimatrix(np.ones((30, 30)), np.ones((30, 30)))
    with pytest.raises(InputError, match="label search stopped at a degenerate vertex") as err:
        vertex_enumeration(game)
    assert err.value.field == "game" and "30 x 30" in err.value.problem

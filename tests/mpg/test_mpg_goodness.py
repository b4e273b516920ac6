"""MPG Goodness: tree aggregation of Beta posteriors, intervals, missing-leaf rules."""

import json

import numpy as np
import pandas as pd
import pytest

from benchgame.core.validation import InputError
from benchgame.mechanisms.mpg import (
    cost_per_thousand,
    load_tree,
    mpg_goodness,
    queries_per_second,
    tree_from_dict,
)

TREE = {"name": "root", "children": [
    {"name": "A", "children": [{"name": "a1", "n_items": 100}, {"name": "a2", "n_items": 100}]},
    {"name": "B", "children": [{"name": "b1", "n_items": 100}]},
]}


def test_equal_weights_per_child_at_every_level():
    t = tree_from_dict(TREE)
    assert np.allclose(t.leaf_weights(), [0.25, 0.25, 0.5])
    w = t.leaf_weights(np.array([[True, False, True], [False, False, True]]))
    assert np.allclose(w, [[0.5, 0, 0.5], [0, 0, 1.0]])
    t2 = tree_from_dict({**TREE, "children": [{**TREE["children"][0], "weight": 3},
                                              TREE["children"][1]]})
    assert np.allclose(t2.leaf_weights(), [0.375, 0.375, 0.25])


def test_goodness_is_weighted_posterior_mean_with_exact_values():
    t = tree_from_dict(TREE)
    scores = pd.DataFrame({"a1": [0.5, 0.9], "a2": [0.7, 0.9], "b1": [0.2, 0.9]},
                          index=["x", "y"])
    r = mpg_goodness(scores, t, draws=2000, seed=1)
    # posterior mean (1 + c) / (2 + n), n = 100
    post = (1 + np.array([[50, 70, 20], [90, 90, 90]])) / 102
    expect = post @ np.array([0.25, 0.25, 0.5])
    assert r.ranking.loc["x", "goodness"] == pytest.approx(expect[0], abs=1e-12)
    assert r.ranking.loc["y", "goodness"] == pytest.approx(expect[1], abs=1e-12)
    assert list(r.ranking.index) == ["y", "x"] and list(r.ranking["rank"]) == [1, 2]
    assert (r.ranking["lo"] < r.ranking["goodness"]).all()
    assert (r.ranking["goodness"] < r.ranking["hi"]).all()
    assert r.subdomains.loc["x", "A"] == pytest.approx(post[0, :2].mean(), abs=1e-12)
    assert r.subdomains.loc["x", "B"] == pytest.approx(post[0, 2], abs=1e-12)
    # the Monte Carlo sd matches the exact posterior sd of the weighted sum
    a, b = 1 + np.array([50, 70, 20]), 1 + 100 - np.array([50, 70, 20])
    var = a * b / ((a + b) ** 2 * (a + b + 1))
    exact_sd = np.sqrt(np.sum(np.array([0.25, 0.25, 0.5]) ** 2 * var))
    assert r.ranking.loc["x", "sd"] == pytest.approx(exact_sd, rel=0.06)


def test_seeded_draws_are_reproducible_and_interval_shrinks_with_items():
    t = tree_from_dict(TREE)
    s = pd.DataFrame({"a1": [0.5], "a2": [0.5], "b1": [0.5]}, index=["x"])
    r1, r2 = mpg_goodness(s, t, seed=4), mpg_goodness(s, t, seed=4)
    pd.testing.assert_frame_equal(r1.ranking, r2.ranking)
    big = tree_from_dict(json.loads(json.dumps(TREE).replace("100", "10000")))
    rb = mpg_goodness(s, big, seed=4)
    width = (r1.ranking["hi"] - r1.ranking["lo"]).iloc[0]
    assert (rb.ranking["hi"] - rb.ranking["lo"]).iloc[0] < width / 5


def test_missing_leaves_rules():
    t = tree_from_dict(TREE)
    s = pd.DataFrame({"a1": [0.5, 0.6], "a2": [np.nan, 0.6], "b1": [0.3, 0.6]},
                     index=["x", "y"])
    assert list(mpg_goodness(s, t).ranking.index) == ["y"]
    r = mpg_goodness(s, t, missing="renormalize")
    assert r.ranking.loc["x", "goodness"] == pytest.approx(0.5 * 51 / 102 + 0.5 * 31 / 102)


def test_scaling_of_non_accuracy_metrics():
    t = tree_from_dict(TREE)
    s = pd.DataFrame({"a1": [10.0, 30.0], "a2": [1.0, 2.0], "b1": [0.2, 0.4]}, index=["x", "y"])
    with pytest.raises(InputError, match=r"model 'x', column 'a1'.*not in \[0, 1\]"):
        mpg_goodness(s, t)
    r = mpg_goodness(s, t, scale="minmax")
    assert r.leaves.loc["y", "a1"] == pytest.approx(101 / 102)
    r = mpg_goodness(s, t, scale={"a1": (0, 100), "a2": (0, 10), "b1": (0, 1)})
    assert r.leaves.loc["x", "a1"] == pytest.approx(11 / 102)


def test_bundled_tree_and_obsscaling_ranking():
    from benchgame.analyses.arena import obsscaling_with_arena

    tree = load_tree()
    assert [c.name for c in tree.children] == ["factual recall", "problem solving",
                                               "language understanding"]
    assert len(tree.leaves()) == 7
    r = mpg_goodness(obsscaling_with_arena(), tree)
    assert len(r.ranking) == 22
    assert list(r.ranking.index[:2]) == ["gpt-4-0314", "gpt-4-0613"]
    assert r.ranking.index[-1] == "dolly-v2-12b"


@pytest.mark.parametrize(("tree", "pattern"), [
    ({"name": "r", "children": []}, "children"),
    ({"name": "r", "children": [{"name": "a", "n_items": 0}]}, "n_items"),
    ({"name": "r", "children": [{"name": "a", "n_items": 5, "weight": -1}]}, "weight"),
    ({"name": "r", "children": [{"name": "a", "n_items": 5}, {"name": "a", "n_items": 5}]},
     "more than once"),
    ({"name": "r", "n_items": 4}, "root is a leaf"),
])
def test_bad_trees(tree, pattern):
    with pytest.raises(InputError, match=pattern):
        tree_from_dict(tree)


def test_bad_scores_and_parameters():
    t = tree_from_dict(TREE)
    s = pd.DataFrame({"a1": [0.5], "a2": [0.5]}, index=["x"])
    with pytest.raises(InputError, match="lacks the leaf columns"):
        mpg_goodness(s, t)
    s = pd.DataFrame({"a1": [0.5], "a2": [0.5], "b1": [0.5]}, index=["x"])
    with pytest.raises(InputError, match="prior"):
        mpg_goodness(s, t, prior=(0, 1))
    with pytest.raises(InputError, match="draws"):
        mpg_goodness(s, t, draws=5)


def test_fastness_is_separate():
    q = queries_per_second([100, 300], [10, 10], models=["a", "b"])
    assert q.tolist() == [10.0, 30.0]
    c = cost_per_thousand([[100, 200]], [[10, 30]], [1e-6], [2e-6])
    assert c.iloc[0] == pytest.approx(1000 * (150e-6 + 40e-6))
    with pytest.raises(InputError, match="seconds"):
        queries_per_second([1], [0])


@pytest.mark.parametrize("scale", ["unit", "minmax", {"a1": (0, 1), "a2": (0, 1), "b1": (0, 1)}])
@pytest.mark.parametrize("cell", [np.inf, -np.inf, "n/a"])
def test_non_finite_or_non_numeric_cell_names_model_and_column(scale, cell):
    t = tree_from_dict(TREE)
    scores = pd.DataFrame({"a1": [0.5, 0.9, 0.3], "a2": [0.7, cell, 0.4],
                           "b1": [0.2, 0.9, 0.6]}, index=["x", "y", "z"])
    with pytest.raises(InputError) as exc:
        mpg_goodness(scores, t, scale=scale)
    assert exc.value.field == "scores, model 'y', column 'a2'"
    assert "not a finite number" in exc.value.problem


def test_numeric_strings_and_missing_cells_are_accepted():
    t = tree_from_dict(TREE)
    scores = pd.DataFrame({"a1": ["0.5", "0.9"], "a2": [0.7, None], "b1": [0.2, 0.9]},
                          index=["x", "y"], dtype=object)
    r = mpg_goodness(scores, t, missing="renormalize", draws=200)
    post_x = (1 + np.array([50, 70, 20])) / 102
    assert r.ranking.loc["x", "goodness"] == pytest.approx(post_x @ [0.25, 0.25, 0.5])
    post_y = (1 + np.array([90, 90])) / 102
    assert r.ranking.loc["y", "goodness"] == pytest.approx(post_y @ [0.5, 0.5])


@pytest.mark.parametrize("prior", [("a", 1), (1, 2, 3), (1,), None, (0, 1), (1, np.inf),
                                   (-1, 1)])
def test_bad_prior_is_input_error(prior):
    t = tree_from_dict(TREE)
    scores = pd.DataFrame({"a1": [0.5], "a2": [0.7], "b1": [0.2]}, index=["x"])
    with pytest.raises(InputError) as exc:
        mpg_goodness(scores, t, prior=prior)
    assert exc.value.field == "prior"

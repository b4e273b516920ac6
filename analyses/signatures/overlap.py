"""The three overlap measures between benchmarks of arXiv:2509.23488 and the confound test.

* Performance overlap: rho(a, b) = Spearman(Y[:, a], Y[:, b]) over the models (pairwise complete
  observations).
* Signature overlap: z-score the feature values within the group of features considered (the
  union of the signatures), v_a(k) = mean_{j in S_a} z[k, j], O_sig(a, b) = Spearman(v_a, v_b).
  The normalization axis is not settled by the available descriptions of the paper, so both are
  offered: ``zscore="model"`` (default, "within-group" per model, across the group's features) or
  ``zscore="feature"`` (per feature, across models).
* Semantic overlap: A_sem(a, b) = (1/T) sum_t cos(f(concat Q_a^(t)), f(concat Q_b^(t))) over T
  equal-size random subsamples of the two benchmarks' questions. The paper's f is a sentence
  encoder; this offline version uses TF-IDF vectors (a fallback that needs no model weights).
* Confound test: Mann-Whitney U between the overlaps of same-group pairs and cross-group pairs
  (e.g. same benchmark family vs different families).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import lazy_loader as lazy
import numpy as np

from benchgame.core.validation import InputError

pd = lazy.load("pandas")
stats = lazy.load("scipy.stats", suppress_warning=True)

__all__ = [
    "ConfoundTest",
    "confound_test",
    "performance_overlap",
    "semantic_overlap",
    "signature_overlap",
]


def performance_overlap(Y: pd.DataFrame, *, min_models: int = 3) -> pd.DataFrame:
    """Spearman correlation matrix of the benchmark columns of ``Y`` (models x benchmarks).

    Parameters
    ----------
    Y : pandas.DataFrame
        Scores, models x benchmarks (at least two numeric columns; missing values allowed).
    min_models : int
        Fewest models with both scores for a pair to get a value (else NaN).

    Returns
    -------
    pandas.DataFrame
        Symmetric benchmarks x benchmarks matrix of :math:`\\rho(a, b)`.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``Y`` is not a DataFrame with two or more columns, or a column is not numeric.

    References
    ----------
    .. [1] S. Wu, H. Bao, S. Li, A. Holtzman and J. A. Evans, "Mapping overlaps in benchmarks
       through perplexity in the wild", arXiv:2509.23488, 2025,
       the performance overlap (Spearman across models).

    Examples
    --------
    >>> import pandas as pd
    >>> Y = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 1, 4, 3, 5], "c": [5, 4, 3, 2, 1]})
    >>> performance_overlap(Y)
         a    b    c
    a  1.0  0.8 -1.0
    b  0.8  1.0 -0.8
    c -1.0 -0.8  1.0
    """
    if not isinstance(Y, pd.DataFrame) or Y.shape[1] < 2:
        raise InputError("Y", "is not a DataFrame with at least two benchmark columns",
                         "give models x benchmarks scores")
    bad = [c for c in Y.columns if not pd.api.types.is_numeric_dtype(Y[c])]
    if bad:
        raise InputError(f"Y[{bad[0]!r}]", "is not numeric", "convert the scores to numbers")
    return Y.corr(method="spearman", min_periods=min_models)


def signature_overlap(P: pd.DataFrame, signatures: Mapping[str, Sequence[str]], *,
                      zscore: Literal["model", "feature"] = "model") -> pd.DataFrame:
    """Signature overlap matrix O_sig (see the module docstring).

    Parameters
    ----------
    P : pandas.DataFrame
        Feature values, models x features (named columns).
    signatures : mapping
        From a benchmark name to its signature's feature names (columns of ``P``).
    zscore : {"model", "feature"}
        Axis of the z-scores within the group of signature features.

    Returns
    -------
    pandas.DataFrame
        Symmetric benchmarks x benchmarks matrix of :math:`O_{sig}(a, b)`.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``P`` is not a DataFrame, there are fewer than two signatures, a signature is empty
        or names unknown features, or a signature feature has non-finite values.

    References
    ----------
    .. [1] S. Wu, H. Bao, S. Li, A. Holtzman and J. A. Evans, "Mapping overlaps in benchmarks
       through perplexity in the wild", arXiv:2509.23488, 2025,
       the signature overlap.

    Examples
    --------
    >>> import pandas as pd
    >>> P = pd.DataFrame({"t1": [1, 2, 3, 4, 5.0], "t2": [2, 1, 4, 3, 5.0],
    ...                   "t3": [5, 3, 4, 1, 2.0]})
    >>> signature_overlap(P, {"a": ["t1"], "b": ["t1", "t2"], "c": ["t3"]})
         a    b    c
    a  1.0  0.6 -0.6
    b  0.6  1.0 -1.0
    c -0.6 -1.0  1.0
    """
    if not isinstance(P, pd.DataFrame):
        raise InputError("P", "is not a DataFrame", "give models x features with named columns")
    if len(signatures) < 2:
        raise InputError("signatures", "has fewer than two benchmarks", "give at least two")
    if zscore not in ("model", "feature"):
        raise InputError("zscore", f"is {zscore!r}", "use 'model' or 'feature'")
    for b, s in signatures.items():
        if not s:
            raise InputError(f"signatures[{b!r}]", "is empty", "give at least one feature")
        unknown = [f for f in s if f not in P.columns]
        if unknown:
            raise InputError(f"signatures[{b!r}]", f"names unknown features {unknown[:3]}",
                             "use column names of P")
    group = list(dict.fromkeys(f for s in signatures.values() for f in s))
    G = P[group].to_numpy(float)
    if not np.all(np.isfinite(G)):
        raise InputError("P", "has non-finite values in signature features", "fill them in")
    axis = 1 if zscore == "model" else 0
    mu = G.mean(axis=axis, keepdims=True)
    sd = G.std(axis=axis, keepdims=True)
    Z = np.divide(G - mu, sd, out=np.zeros_like(G), where=sd > 0)
    pos = {f: k for k, f in enumerate(group)}
    V = pd.DataFrame({b: Z[:, [pos[f] for f in s]].mean(axis=1) for b, s in signatures.items()},
                     index=P.index)
    return V.corr(method="spearman")


_TOKEN = re.compile(r"[a-z0-9]+")


def semantic_overlap(questions: Mapping[str, Sequence[str]], *, sample_size: int | None = None,
                     repeats: int = 100, seed: int = 0) -> pd.DataFrame:
    """TF-IDF semantic overlap A_sem averaged over ``repeats`` equal-size subsamples.

    The idf is computed over all questions of all benchmarks, idf_w = ln((1 + N) / (1 + df_w)) +
    1; tokens are lower-cased runs of letters and digits.

    Parameters
    ----------
    questions : mapping
        From a benchmark name to its question texts (at least two benchmarks).
    sample_size : int, optional
        Questions per subsample; defaults to the size of the smallest benchmark.
    repeats : int
        Number T of subsamples averaged.
    seed : int
        Seed of the subsampling.

    Returns
    -------
    pandas.DataFrame
        Symmetric benchmarks x benchmarks matrix of mean cosine similarities in [0, 1].

    Raises
    ------
    benchgame.core.validation.InputError
        If fewer than two benchmarks are given, a benchmark has no question texts, or
        ``sample_size`` exceeds the smallest benchmark.

    References
    ----------
    .. [1] S. Wu, H. Bao, S. Li, A. Holtzman and J. A. Evans, "Mapping overlaps in benchmarks
       through perplexity in the wild", arXiv:2509.23488, 2025,
       the semantic overlap (the paper uses a sentence encoder).
    .. [2] K. Sparck Jones, "A statistical interpretation of term specificity and its application
       in retrieval", Journal of Documentation 28(1):11-21, 1972 (idf).

    Examples
    --------
    >>> q = {"math": ["What is two plus two?", "Solve for x: x plus one equals three."],
    ...      "history": ["Who was the first emperor of Rome?", "When did the Roman empire fall?"],
    ...      "algebra": ["Solve for y: y plus two equals five.", "What is x if two x equals four?"]}
    >>> semantic_overlap(q, repeats=20, seed=0).round(3)
              math  history  algebra
    math     1.000      0.0    0.659
    history  0.000      1.0    0.000
    algebra  0.659      0.0    1.000
    """
    from scipy import sparse  # deferred: scipy.sparse is slow to import

    names = list(questions)
    if len(names) < 2:
        raise InputError("questions", "has fewer than two benchmarks", "give at least two")
    for b in names:
        if not questions[b] or not all(isinstance(q, str) for q in questions[b]):
            raise InputError(f"questions[{b!r}]", "is not a non-empty list of strings",
                             "give the question texts")
    k = min(len(questions[b]) for b in names) if sample_size is None else int(sample_size)
    if k < 1 or any(len(questions[b]) < k for b in names):
        raise InputError("sample_size", f"is {k}", "give 1 <= sample_size <= smallest benchmark")
    vocab: dict[str, int] = {}
    rows, cols, vals, owner = [], [], [], []
    for bi, b in enumerate(names):
        for q in questions[b]:
            cnt = Counter(_TOKEN.findall(q.lower()))
            r = len(owner)
            owner.append(bi)
            for w, c in cnt.items():
                rows.append(r)
                cols.append(vocab.setdefault(w, len(vocab)))
                vals.append(c)
    C = sparse.csr_matrix((vals, (rows, cols)), shape=(len(owner), max(len(vocab), 1)))
    df = np.asarray((C > 0).sum(axis=0)).ravel()
    idf = np.log((1 + C.shape[0]) / (1 + df)) + 1.0
    owner_arr = np.asarray(owner)
    idx = {bi: np.flatnonzero(owner_arr == bi) for bi in range(len(names))}
    rng = np.random.default_rng(seed)
    acc = np.zeros((len(names), len(names)))
    for _ in range(repeats):
        S = np.zeros((len(names), len(owner)))
        for bi in range(len(names)):
            S[bi, rng.choice(idx[bi], size=k, replace=False)] = 1.0
        V = np.asarray((sparse.csr_matrix(S) @ C).todense()) * idf
        nrm = np.linalg.norm(V, axis=1, keepdims=True)
        U = np.divide(V, nrm, out=np.zeros_like(V), where=nrm > 0)
        acc += U @ U.T
    return pd.DataFrame(acc / repeats, index=names, columns=names)


@dataclass(frozen=True)
class ConfoundTest:
    """Mann-Whitney U test of same-group against cross-group overlaps.

    Parameters
    ----------
    statistic : float
        The U statistic of the same-group sample.
    p_value : float
        Its p-value under ``alternative``.
    n_same : int
        Same-group pairs.
    n_cross : int
        Cross-group pairs.
    median_same : float
        Median overlap of same-group pairs.
    median_cross : float
        Median overlap of cross-group pairs.
    alternative : str
        ``"two-sided"``, ``"greater"`` (same-group larger) or ``"less"``.
    method : str
        The test and the pairs used.

    References
    ----------
    .. [1] H. B. Mann and D. R. Whitney, "On a test of whether one of two random variables is
       stochastically larger than the other", Annals of Mathematical Statistics 18(1):50-60,
       1947.
    .. [2] S. Wu, H. Bao, S. Li, A. Holtzman and J. A. Evans, "Mapping overlaps in benchmarks
       through perplexity in the wild", arXiv:2509.23488, 2025,
       robustness test: overlaps are inflated within benchmark families at the performance level.
    """

    statistic: float
    p_value: float
    n_same: int
    n_cross: int
    median_same: float
    median_cross: float
    alternative: str
    method: str = "Mann-Whitney U (scipy.stats.mannwhitneyu), pairs from the upper triangle"

    def to_dict(self) -> dict:
        """The fields as a plain dictionary.

        Returns
        -------
        dict
            One key per field.
        """
        return dict(self.__dict__)


def confound_test(overlap: pd.DataFrame, groups: Mapping[str, str], *,
                  alternative: Literal["two-sided", "greater", "less"] = "two-sided"
                  ) -> ConfoundTest:
    """Compare overlaps of pairs in the same group with pairs across groups (Mann-Whitney U).

    Parameters
    ----------
    overlap : pandas.DataFrame
        Square overlap matrix with matching index and columns (output of an overlap function);
        pairs come from the upper triangle, NaN pairs are dropped.
    groups : mapping
        From each benchmark to its group label (e.g. its family).
    alternative : {"two-sided", "greater", "less"}
        Alternative hypothesis for the same-group overlaps.

    Returns
    -------
    ConfoundTest
        The U statistic, p-value, pair counts and medians.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``overlap`` is not square with matching labels, a benchmark has no group, or there is
        no same-group or no cross-group pair.

    References
    ----------
    .. [1] H. B. Mann and D. R. Whitney, "On a test of whether one of two random variables is
       stochastically larger than the other", Annals of Mathematical Statistics 18(1):50-60,
       1947.
    .. [2] S. Wu, H. Bao, S. Li, A. Holtzman and J. A. Evans, "Mapping overlaps in benchmarks
       through perplexity in the wild", arXiv:2509.23488, 2025,
       robustness test: same-family against cross-family pairs.

    Examples
    --------
    >>> import pandas as pd
    >>> ov = pd.DataFrame([[1, .9, .8, .2], [.9, 1, .85, .3], [.8, .85, 1, .25], [.2, .3, .25, 1]],
    ...                   index=list("abcd"), columns=list("abcd"))
    >>> r = confound_test(ov, {"a": "MMLU", "b": "MMLU", "c": "MMLU", "d": "other"},
    ...                   alternative="greater")
    >>> r.statistic, r.p_value, r.median_same, r.median_cross
    (9.0, 0.05, 0.85, 0.25)
    """
    if not isinstance(overlap, pd.DataFrame) or list(overlap.index) != list(overlap.columns):
        raise InputError("overlap", "is not a square DataFrame with matching labels",
                         "pass the output of an overlap function")
    missing = [b for b in overlap.index if b not in groups]
    if missing:
        raise InputError("groups", f"has no group for {missing[:3]}", "label every benchmark")
    labels = np.array([groups[b] for b in overlap.index])
    iu = np.triu_indices(len(labels), 1)
    vals = overlap.to_numpy(float)[iu]
    same = labels[iu[0]] == labels[iu[1]]
    ok = np.isfinite(vals)
    a, b = vals[same & ok], vals[~same & ok]
    if a.size == 0 or b.size == 0:
        raise InputError("groups", "give no same-group or no cross-group pair",
                         "use at least two groups, one with two or more benchmarks")
    res = stats.mannwhitneyu(a, b, alternative=alternative)
    return ConfoundTest(float(res.statistic), float(res.pvalue), int(a.size), int(b.size),
                        float(np.median(a)), float(np.median(b)), alternative)

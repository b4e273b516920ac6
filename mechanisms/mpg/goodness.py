"""MPG Goodness: Beta posteriors per benchmark leaf pushed through a weighted taxonomy tree.

A reconstruction of the method of Spangher et al., "Project MPG", arXiv:2410.22368, whose
aggregation is not published in detail:

* Leaf l, model M, with n_l items and c_l correct answers:
  theta_l ~ Beta(alpha0 + c_l, beta0 + n_l - c_l), default alpha0 = beta0 = 1 (``prior``).
  Scores are accuracies; c_l = round(score * n_l) (a reconstruction). Other metrics are first
  mapped to [0, 1] (``scale``: ``"unit"`` requires [0, 1]; ``"minmax"`` rescales each column over
  the models; a mapping ``column -> (lo, hi)`` uses fixed bounds).
* Aggregation g(v) = sum_{u in children(v)} w_u g(u), sum w_u = 1 (equal weights by default), so
  Goodness = g(root) = sum_l W_l theta_l with W_l the product of the weights along the path.
  Subdomain scores are g at depth 1.
* Uncertainty: S joint posterior draws of all theta_l (independent across leaves), pushed through
  the tree; report the posterior mean and the equal-tailed credible interval.
* Missing leaves (``missing``): ``"complete"`` (default) keeps only models with every leaf;
  ``"renormalize"`` renormalizes sibling weights over the available children per model.

Fastness (throughput or cost) is a separate number (:mod:`benchgame.mechanisms.mpg.fastness`) and
never enters Goodness. The hierarchical-prior option of the reconstruction (logit theta_l ~
N(mu_v, tau_v^2)) needs numpyro/pymc and is not implemented.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import lazy_loader as lazy
import numpy as np

from benchgame.core.limits import check_limit
from benchgame.core.serialize import Serializable
from benchgame.core.validation import InputError
from benchgame.mechanisms.mpg.tree import TaxonomyNode, load_tree

pd = lazy.load("pandas")

__all__ = ["MPGResult", "leaf_posteriors", "mpg_goodness"]

Scale = Literal["unit", "minmax"] | Mapping[str, tuple[float, float]]


@dataclass(frozen=True)
class MPGResult(Serializable):
    """Goodness ranking with credible intervals, subdomain scores and leaf posteriors.

    Built by :func:`mpg_goodness`.

    Parameters
    ----------
    ranking : pandas.DataFrame
        Index model; columns ``goodness`` (posterior mean), ``lo``, ``hi``, ``sd``, ``rank``;
        sorted by ``goodness`` descending.
    subdomains : pandas.DataFrame
        Index model; for every depth-1 node ``<name>`` columns ``<name>``, ``<name> lo``,
        ``<name> hi``.
    leaves : pandas.DataFrame
        Index model; posterior mean of every leaf.
    weights : pandas.Series
        Effective leaf weights (for ``missing="complete"``) or their mean over models.
    tree : TaxonomyNode
        The taxonomy tree used.
    method : str
        One-line description of the method and its settings.
    provenance : dict
        Prior, scale, missing-leaf rule, draws, level, seed, tree name and number of models.

    Notes
    -----
    ``to_dict()`` gives every field: the tables as lists of records (``model`` first), the
    weights as a dict from leaf to weight and the tree as :meth:`TaxonomyNode.to_dict
    <benchgame.mechanisms.mpg.tree.TaxonomyNode.to_dict>`.

    References
    ----------
    Spangher et al. (2024), "Project MPG", arXiv:2410.22368, abstract: Goodness, accuracy
    aggregated over a general space of benchmarks, ranked overall and by subdomain. The Beta
    posteriors and the tree aggregation are a reconstruction of the paper's method, which is
    not published in detail.
    """

    ranking: pd.DataFrame
    subdomains: pd.DataFrame
    leaves: pd.DataFrame
    weights: pd.Series
    tree: TaxonomyNode
    method: str
    provenance: dict = field(default_factory=dict)

    @property
    def goodness(self) -> pd.Series:
        """Posterior mean Goodness per model, best first."""
        return self.ranking["goodness"].rename("Goodness")

    def to_frame(self) -> pd.DataFrame:
        """The ranking, one row per model (by name), best first, with credible intervals.

        Returns
        -------
        pandas.DataFrame
            Index ``model``; columns ``goodness`` (posterior mean), ``lo`` and ``hi`` (the
            equal-tailed credible interval), ``sd`` and ``rank`` (a copy of ``ranking``; the
            subdomain scores are in ``subdomains``).

        Examples
        --------
        >>> import pandas as pd
        >>> from benchgame.mechanisms.mpg import tree_from_dict
        >>> tree = tree_from_dict({"name": "root", "children": [
        ...     {"name": "math", "children": [{"name": "GSM8K", "n_items": 100}]},
        ...     {"name": "code", "children": [{"name": "HumanEval", "n_items": 100}]}]})
        >>> scores = pd.DataFrame({"GSM8K": [0.5, 0.9], "HumanEval": [0.2, 0.6]},
        ...                       index=["llama", "gpt"])
        >>> mpg_goodness(scores, tree, draws=1000).to_frame()[["goodness", "rank"]].round(3)
               goodness  rank
        model
        gpt       0.745     1
        llama     0.353     2
        """
        return self.ranking.copy()


def _numeric(scores: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """The leaf columns as floats; missing cells (None/NaN) stay NaN, anything else that is not
    a finite number raises :class:`InputError` naming the model and the column."""
    raw = scores[cols]
    X = raw.apply(pd.to_numeric, errors="coerce").astype(float)
    bad = (X.isna() & raw.notna()) | np.isinf(X)
    if bad.to_numpy().any():
        m, c = next((m, c) for c in cols for m in X.index if bad.at[m, c])
        raise InputError(f"scores, model {m!r}, column {c!r}",
                         f"value {raw.at[m, c]!r} is not a finite number",
                         "give finite numeric scores (leave a missing score empty/NaN)")
    return X


def _scaled(scores: pd.DataFrame, cols: list[str], scale: Scale) -> pd.DataFrame:
    X = _numeric(scores, cols)
    if isinstance(scale, Mapping):
        out = X.copy()
        for c in cols:
            if c not in scale:
                raise InputError(f"scale[{c!r}]", "is missing", "give (lo, hi) for every leaf")
            lo, hi = scale[c]
            if not hi > lo:
                raise InputError(f"scale[{c!r}]", f"has hi {hi} <= lo {lo}", "give lo < hi")
            out[c] = ((X[c] - lo) / (hi - lo)).clip(0.0, 1.0)
        return out
    if scale == "minmax":
        lo, hi = X.min(), X.max()
        span = (hi - lo).where(hi > lo, 1.0)
        return (X - lo) / span
    if scale != "unit":
        raise InputError("scale", f"is {scale!r}", "use 'unit', 'minmax' or {column: (lo, hi)}")
    bad = (X < 0) | (X > 1)
    if bad.to_numpy().any():
        m, c = next((m, c) for c in cols for m in X.index if bad.at[m, c])
        raise InputError(f"scores, model {m!r}, column {c!r}", f"value {X.at[m, c]!r} is not in "
                         "[0, 1]", "use scale='minmax' or fixed bounds for non-accuracy metrics")
    return X


def leaf_posteriors(scores: pd.DataFrame, tree: TaxonomyNode, *,
                    prior: tuple[float, float] = (1.0, 1.0), scale: Scale = "unit"
                    ) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """Beta posterior parameters of every (model, leaf) pair, and the scaled score table.

    Missing scores give ``alpha = alpha0, beta = beta0`` (the prior) and are masked by the caller.

    Parameters
    ----------
    scores : pandas.DataFrame
        Models (index) x benchmark columns; NaN for missing.
    tree : TaxonomyNode
        Taxonomy whose leaves name the score columns and item counts ``n_l``.
    prior : (float, float), default (1.0, 1.0)
        Beta prior ``(alpha0, beta0)``, both finite and positive.
    scale : "unit", "minmax" or mapping column -> (lo, hi), default "unit"
        Map to ``[0, 1]``: scores already in ``[0, 1]``, min-max over the models, or fixed
        bounds per column.

    Returns
    -------
    alpha, beta : ndarray, shape (models, leaves)
        ``alpha0 + c_l`` and ``beta0 + n_l - c_l`` with ``c_l = round(score * n_l)``.
    scaled : pandas.DataFrame
        The leaf columns mapped to ``[0, 1]``.

    Raises
    ------
    InputError
        If the prior is invalid, a leaf column is missing, a score is not a finite number, or
        (``scale="unit"``) a score is outside ``[0, 1]``.

    References
    ----------
    Spangher et al. (2024), "Project MPG", arXiv:2410.22368, abstract: Goodness, accuracy
    aggregated over a general space of benchmarks, ranked overall and by subdomain. The Beta
    posteriors and the tree aggregation are a reconstruction of the paper's method, which is
    not published in detail.

    Examples
    --------
    >>> import pandas as pd
    >>> from benchgame.mechanisms.mpg import tree_from_dict
    >>> tree = tree_from_dict({"name": "root", "children": [
    ...     {"name": "A", "children": [{"name": "a1", "n_items": 100},
    ...                                {"name": "a2", "n_items": 100}]},
    ...     {"name": "B", "children": [{"name": "b1", "n_items": 100}]}]})
    >>> scores = pd.DataFrame({"a1": [0.5, 0.9], "a2": [0.7, 0.9], "b1": [0.2, 0.9]},
    ...                       index=["x", "y"])
    >>> alpha, beta, _ = leaf_posteriors(scores, tree)
    >>> alpha.tolist(), beta.tolist()
    ([[51.0, 71.0, 21.0], [91.0, 91.0, 91.0]], [[51.0, 31.0, 81.0], [11.0, 11.0, 11.0]])
    """
    try:
        a0, b0 = (float(v) for v in prior)
    except (TypeError, ValueError):
        raise InputError("prior", f"is {prior!r}", "give two finite positive numbers "
                         "(alpha0, beta0)") from None
    if not (np.isfinite(a0) and np.isfinite(b0) and a0 > 0 and b0 > 0):
        raise InputError("prior", f"is {prior!r}", "give two finite positive numbers "
                         "(alpha0, beta0)")
    leaves = tree.leaves()
    cols = [leaf.column for leaf in leaves]
    missing_cols = [c for c in cols if c not in scores.columns]
    if missing_cols:
        raise InputError("scores", f"lacks the leaf columns {missing_cols}",
                         f"the table has {list(scores.columns)}")
    X = _scaled(scores, cols, scale)
    n = np.array([leaf.n_items for leaf in leaves], dtype=float)
    v = X.to_numpy(float)
    c = np.where(np.isfinite(v), np.round(np.nan_to_num(v) * n), 0.0)
    seen = np.isfinite(v)
    return a0 + c, b0 + np.where(seen, n - c, 0.0), X


def mpg_goodness(
    scores: pd.DataFrame,
    tree: TaxonomyNode | None = None,
    *,
    prior: tuple[float, float] = (1.0, 1.0),
    scale: Scale = "unit",
    missing: Literal["complete", "renormalize"] = "complete",
    draws: int = 4000,
    level: float = 0.95,
    seed: int = 0,
) -> MPGResult:
    """Goodness and subdomain scores with Monte Carlo credible intervals.

    The method is described in the module docstring.

    Parameters
    ----------
    scores : pandas.DataFrame
        Models (index) x benchmark columns; NaN for missing.
    tree : TaxonomyNode, optional
        Default: :func:`benchgame.mechanisms.mpg.tree.load_tree` (bundled ObsScaling tree).
    prior : (float, float), default (1.0, 1.0)
        Beta prior ``(alpha0, beta0)`` of every leaf.
    scale : "unit", "minmax" or mapping column -> (lo, hi), default "unit"
        How scores are mapped to ``[0, 1]`` (see :func:`leaf_posteriors`).
    missing : {"complete", "renormalize"}, default "complete"
        Keep only models with every leaf, or renormalize sibling weights over the available
        children per model.
    draws : int, default 4000
        Monte Carlo draws S (at least 100).
    level : float, default 0.95
        Credible level of the equal-tailed interval.
    seed : int, default 0
        Seed of the random generator.

    Returns
    -------
    MPGResult
        Ranking (exact posterior mean, interval, sd, rank), subdomain scores, leaf posterior
        means, effective leaf weights.

    Raises
    ------
    InputError
        If ``scores`` is empty or has repeated model names, an option is invalid, or no model
        has the leaves ``missing`` requires.

    References
    ----------
    Spangher et al. (2024), "Project MPG", arXiv:2410.22368, abstract: Goodness, accuracy
    aggregated over a general space of benchmarks, ranked overall and by subdomain. The Beta
    posteriors and the tree aggregation are a reconstruction of the paper's method, which is
    not published in detail.

    Examples
    --------
    Equal weights per child: leaves ``a1``, ``a2`` weigh 1/4 each, ``b1`` 1/2. Goodness is the
    exact posterior mean ``sum_l W_l (1 + c_l) / (2 + n_l)``:

    >>> import pandas as pd
    >>> from benchgame.mechanisms.mpg import tree_from_dict
    >>> tree = tree_from_dict({"name": "root", "children": [
    ...     {"name": "A", "children": [{"name": "a1", "n_items": 100},
    ...                                {"name": "a2", "n_items": 100}]},
    ...     {"name": "B", "children": [{"name": "b1", "n_items": 100}]}]})
    >>> scores = pd.DataFrame({"a1": [0.5, 0.9], "a2": [0.7, 0.9], "b1": [0.2, 0.9]},
    ...                       index=["x", "y"])
    >>> r = mpg_goodness(scores, tree, draws=1000)
    >>> r.ranking["goodness"].round(4).to_dict(), r.ranking["rank"].tolist()
    ({'y': 0.8922, 'x': 0.402}, [1, 2])
    >>> r.subdomains[["A", "B"]].round(4).loc["x"].tolist()
    [0.598, 0.2059]
    """
    if not isinstance(scores, pd.DataFrame) or scores.empty:
        raise InputError("scores", "is not a non-empty DataFrame", "give models x benchmarks")
    if not scores.index.is_unique:
        raise InputError("scores", "has repeated model names", "de-duplicate the table first")
    if missing not in ("complete", "renormalize"):
        raise InputError("missing", f"is {missing!r}", "use 'complete' or 'renormalize'")
    if not isinstance(draws, int) or draws < 100:
        raise InputError("draws", f"is {draws!r}", "use at least 100 draws")
    if not 0 < level < 1:
        raise InputError("level", f"is {level}", "give a level in (0, 1)")
    tree = load_tree() if tree is None else tree
    alpha, beta, X = leaf_posteriors(scores, tree, prior=prior, scale=scale)
    mask = np.isfinite(X.to_numpy(float))
    models = np.asarray(X.index)
    if missing == "complete":
        keep = mask.all(axis=1)
    else:
        keep = mask.any(axis=1)
    if not keep.any():
        raise InputError("scores", "has no model with the leaves required by missing="
                         f"{missing!r}", "fill in scores or use missing='renormalize'")
    alpha, beta, mask, models = alpha[keep], beta[keep], mask[keep], models[keep]
    W = tree.leaf_weights(mask)  # (M, L)
    rng = np.random.default_rng(seed)
    check_limit(draws * alpha.size, "draws", "draws")  # draws x models x leaves
    theta = rng.beta(alpha, beta, size=(draws, *alpha.shape))  # (S, M, L)
    q = [(1 - level) / 2, (1 + level) / 2]

    def summarize(weights: np.ndarray) -> tuple[np.ndarray, ...]:
        g = np.einsum("sml,ml->sm", theta, weights)
        lo, hi = np.quantile(g, q, axis=0)
        exact = np.sum(alpha / (alpha + beta) * weights, axis=1)  # exact posterior mean
        return exact, lo, hi, g.std(axis=0)

    mean, lo, hi, sd = summarize(W)
    ranking = pd.DataFrame({"goodness": mean, "lo": lo, "hi": hi, "sd": sd},
                           index=pd.Index(models, name="model"))
    ranking = ranking.sort_values("goodness", ascending=False)
    ranking["rank"] = np.arange(1, len(ranking) + 1)
    sub: dict[str, np.ndarray] = {}
    pos = 0
    for child in tree.children:
        k = len(child.leaves())
        m_sub = mask[:, pos:pos + k]
        Ws = np.zeros_like(W)
        Ws[:, pos:pos + k] = child.leaf_weights(m_sub)
        s_mean, s_lo, s_hi, _ = summarize(Ws)
        has = m_sub.any(axis=1)
        sub[child.name] = np.where(has, s_mean, np.nan)
        sub[f"{child.name} lo"] = np.where(has, s_lo, np.nan)
        sub[f"{child.name} hi"] = np.where(has, s_hi, np.nan)
        pos += k
    subdomains = pd.DataFrame(sub, index=pd.Index(models, name="model")).loc[ranking.index]
    post_mean = np.where(mask, alpha / (alpha + beta), np.nan)
    leaves_df = pd.DataFrame(post_mean, index=pd.Index(models, name="model"),
                             columns=[leaf.name for leaf in tree.leaves()]).loc[ranking.index]
    weights = pd.Series(W.mean(axis=0), index=[leaf.name for leaf in tree.leaves()],
                        name="weight")
    scale_txt = scale if isinstance(scale, str) else "fixed bounds"
    return MPGResult(
        ranking=ranking, subdomains=subdomains, leaves=leaves_df, weights=weights, tree=tree,
        method=f"MPG Goodness (reconstruction): Beta({prior[0]:g}+c, {prior[1]:g}+n-c) per leaf, "
               f"weighted tree aggregation, {draws} Monte Carlo draws, {level:.0%} equal-tailed "
               "interval",
        provenance={"prior": tuple(prior), "scale": scale_txt, "missing": missing,
                    "draws": draws, "level": level, "seed": seed, "tree": tree.name,
                    "models": len(models)})

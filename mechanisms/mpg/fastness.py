"""MPG Fastness, kept separate from Goodness (Spangher et al., arXiv:2410.22368).

The paper reports "cost or QPS"; its hardware, concurrency and pricing are not published, so two
definitions are offered as a reconstruction of the paper's definition:

* throughput: QPS = N_queries / wall-clock seconds (at fixed concurrency and hardware);
* cost per 1000 queries: 1000 * sum_q (prompt_tokens_q * p_in + completion_tokens_q * p_out) /
  N_queries.
"""

from __future__ import annotations

import lazy_loader as lazy
import numpy as np

from benchgame.core.validation import InputError, as_finite_array

pd = lazy.load("pandas")

__all__ = ["cost_per_thousand", "queries_per_second"]


def queries_per_second(n_queries, seconds, models=None) -> pd.Series:
    """Throughput per model: queries per second ``n_queries / seconds``.

    Parameters
    ----------
    n_queries : array_like, shape (models,)
        Number of queries answered by each model (non-negative).
    seconds : array_like, shape (models,)
        Wall-clock time of each run (positive), at fixed concurrency and hardware.
    models : sequence of str, optional
        Model names for the index.

    Returns
    -------
    pandas.Series
        ``QPS`` per model.

    Raises
    ------
    InputError
        If a count or duration is negative or not finite, the lengths differ, or a duration is
        zero.

    References
    ----------
    Spangher et al. (2024), "Project MPG", arXiv:2410.22368, abstract: Fastness, cost or QPS,
    reported next to Goodness. The measurement is a reconstruction of the paper's definition
    (hardware, concurrency and pricing are not published).

    Examples
    --------
    >>> queries_per_second([100, 50], [20.0, 25.0], models=["x", "y"]).to_dict()
    {'x': 5.0, 'y': 2.0}
    """
    n = as_finite_array(n_queries, "n_queries", ndim=1, nonnegative=True)
    t = as_finite_array(seconds, "seconds", ndim=1, shape=(n.size,), nonnegative=True)
    if np.any(t <= 0):
        raise InputError("seconds", "contains a zero duration", "give positive wall-clock times")
    return pd.Series(n / t, index=models, name="QPS")


def cost_per_thousand(prompt_tokens, completion_tokens, price_in, price_out,
                      models=None) -> pd.Series:
    """Cost per 1000 queries of every model.

    ``1000 * mean_q (prompt_tokens_q * price_in + completion_tokens_q * price_out)``.

    Parameters
    ----------
    prompt_tokens : array_like, shape (models, queries)
        Prompt token counts.
    completion_tokens : array_like, shape (models, queries)
        Completion token counts.
    price_in : array_like, shape (models,)
        Price of one prompt token, per model.
    price_out : array_like, shape (models,)
        Price of one completion token, per model.
    models : sequence of str, optional
        Model names for the index.

    Returns
    -------
    pandas.Series
        ``cost per 1000 queries`` per model.

    Raises
    ------
    InputError
        If a count or price is negative or not finite, or the shapes do not match.

    References
    ----------
    Spangher et al. (2024), "Project MPG", arXiv:2410.22368, abstract: Fastness, cost or QPS,
    reported next to Goodness. The measurement is a reconstruction of the paper's definition
    (hardware, concurrency and pricing are not published).

    Examples
    --------
    >>> cost_per_thousand([[100, 300]], [[50, 50]], [1e-6], [2e-6], models=["x"]).round(6).to_dict()
    {'x': 0.3}
    """
    P = as_finite_array(prompt_tokens, "prompt_tokens", ndim=2, nonnegative=True)
    C = as_finite_array(completion_tokens, "completion_tokens", ndim=2, shape=P.shape,
                        nonnegative=True)
    pi = as_finite_array(price_in, "price_in", ndim=1, shape=(P.shape[0],), nonnegative=True)
    po = as_finite_array(price_out, "price_out", ndim=1, shape=(P.shape[0],), nonnegative=True)
    cost = (P * pi[:, None] + C * po[:, None]).mean(axis=1) * 1000.0
    return pd.Series(cost, index=models, name="cost per 1000 queries")

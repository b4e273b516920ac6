"""MPG Fastness, kept separate from Goodness (Spangher et al., arXiv:2410.22368).

[RECON] The paper reports "cost or QPS"; its hardware, concurrency and pricing are unknown. Two
definitions are offered:

* throughput: QPS = N_queries / wall-clock seconds (at fixed concurrency and hardware);
* cost per 1000 queries: 1000 * sum_q (prompt_tokens_q * p_in + completion_tokens_q * p_out) /
  N_queries.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchgame.core.validation import InputError, as_finite_array

__all__ = ["cost_per_thousand", "queries_per_second"]


def queries_per_second(n_queries, seconds, models=None) -> pd.Series:
    """QPS per model: ``n_queries / seconds`` (both positive, one entry per model)."""
    n = as_finite_array(n_queries, "n_queries", ndim=1, nonnegative=True)
    t = as_finite_array(seconds, "seconds", ndim=1, shape=(n.size,), nonnegative=True)
    if np.any(t <= 0):
        raise InputError("seconds", "contains a zero duration", "give positive wall-clock times")
    return pd.Series(n / t, index=models, name="QPS")


def cost_per_thousand(prompt_tokens, completion_tokens, price_in, price_out,
                      models=None) -> pd.Series:
    """Cost per 1000 queries per model.

    ``prompt_tokens`` and ``completion_tokens`` are (models x queries) token counts; ``price_in``
    and ``price_out`` are per-token prices per model (length = models).
    """
    P = as_finite_array(prompt_tokens, "prompt_tokens", ndim=2, nonnegative=True)
    C = as_finite_array(completion_tokens, "completion_tokens", ndim=2, shape=P.shape,
                        nonnegative=True)
    pi = as_finite_array(price_in, "price_in", ndim=1, shape=(P.shape[0],), nonnegative=True)
    po = as_finite_array(price_out, "price_out", ndim=1, shape=(P.shape[0],), nonnegative=True)
    cost = (P * pi[:, None] + C * po[:, None]).mean(axis=1) * 1000.0
    return pd.Series(cost, index=models, name="cost per 1000 queries")

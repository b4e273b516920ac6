"""Every producer's replacement choices over the table's rows, evaluated in blocks of producers.

Producer ``i`` may replace its vector by any row ``q_k`` of the table (``k = i``: no change).
For each pair ``(i, k)`` the scan computes the producer's winrate and weighted winrate and the
consumer welfare of ``Q_{-i} (+) q_k``: in closed form for the exponential and argmax rules
(:mod:`benchgame.mechanisms.marketplace.one_removed`, ``O(n^2 m)`` in all), market by market for
other rules. Producers are taken in blocks so that no array exceeds ``BLOCK_ENTRIES`` floats.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from benchgame.mechanisms.marketplace.choice_rules import ChoiceRule
from benchgame.mechanisms.marketplace.market import Market
from benchgame.mechanisms.marketplace.one_removed import BLOCK_ENTRIES, one_removed
from benchgame.mechanisms.marketplace.outcome import _evaluate
from benchgame.mechanisms.marketplace.welfare import task_welfare

__all__ = ["replacement_payoffs"]

MECHANISMS = ("winrate", "weighted_winrate")


def replacement_payoffs(market: Market, rule: ChoiceRule
                        ) -> Iterator[tuple[slice, np.ndarray, np.ndarray, np.ndarray]]:
    """Payoffs and welfare of every replacement, one block of producers at a time.

    Parameters
    ----------
    market : Market
        The market; its rows are every producer's menu.
    rule : ChoiceRule
        Choice rule of the aggregator.

    Yields
    ------
    rows : slice
        The producers of the block.
    winrate, weighted_winrate, welfare : ndarray, shape (rows, n)
        Entry ``[i, k]``: producer ``i``'s payments and the welfare after it adopts ``q_k``.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: model replacement (a
    reconstruction of the paper's definitions).

    Examples
    --------
    >>> from benchgame.mechanisms.marketplace import Market, Perfect
    >>> m = Market([[0.8, 0.2], [0.2, 0.9], [0.5, 0.5]], [0.5, 0.5])
    >>> rows, wr, wwr, wel = next(replacement_payoffs(m, Perfect()))
    >>> wr[2].tolist(), wel[2].round(6).tolist()
    ([0.25, 0.25, 0.0], [0.85, 0.85, 0.85])
    """
    Q, omega, n = market.quality, market.omega, market.n
    P = rule.probabilities(Q)
    own = (P @ omega, (P * Q) @ omega, float(task_welfare(Q, rule, P) @ omega))
    form = one_removed(rule, Q) if n >= 2 else None
    step = max(1, BLOCK_ENTRIES // (n * market.m))
    blocks = (form.replacements(omega, step) if form is not None else
              ((rows, *_market_by_market(market, rule, range(rows.start, rows.stop)))
               for rows in (slice(s, min(n, s + step)) for s in range(0, n, step))))
    for rows, wr, wwr, wel in blocks:
        i = np.arange(rows.start, rows.stop)
        wr[i - rows.start, i] = own[0][i]
        wwr[i - rows.start, i] = own[1][i]
        wel[i - rows.start, i] = own[2]
        yield rows, wr, wwr, wel


def _market_by_market(market: Market, rule: ChoiceRule, producers: range
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The payoffs of :func:`replacement_payoffs` for rules without closed forms."""
    Q, omega = market.quality, market.omega
    out = np.empty((3, len(producers), market.n))
    for r, i in enumerate(producers):
        base = np.delete(Q, i, axis=0)
        for j, mech in enumerate(MECHANISMS):
            out[j, r], out[2, r] = _evaluate(base, omega, rule, mech, Q, i, {})
    return out[0], out[1], out[2]

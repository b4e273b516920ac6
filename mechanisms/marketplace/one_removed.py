"""Markets with one model removed, and with it replaced by another model's vector, in closed form.

Leave-one-out entry and the replacement table evaluate, for every model ``i``, the market
``Q_{-i}`` (model ``i`` removed) and the ``n`` markets ``Q_{-i} (+) q_k`` (model ``i``'s vector
replaced by model ``k``'s). For the exponential rules (softmax, Bradley-Terry, Luce:
``P_j`` proportional to ``exp(s x_j)``) and the argmax rules (perfect, epsilon-uniform), the
per-task sums over every ``Q_{-i}`` follow from the full market's in ``O(n m)`` together, and an
added vector costs ``O(1)`` per task: all ``n^2`` replacements in ``O(n^2 m)`` instead of the
``O(n^3 m)`` of evaluating each market from scratch.

Exponential rules. Let ``M_{-i}(t) = max_{j != i} x_j(t)``: the task's largest value, or its
second largest when ``i`` is the task's first argmax (top-2 maxima). ``D_{-i}(t) = sum_{j != i}
exp(s (x_j(t) - M_{-i}(t)))`` and ``N_{-i}(t)``, the same sum weighted by ``q_j(t)``, are the
log-sum-exp of ``Q_{-i}`` shifted by its own maximum: every term is at most 1 and the largest is
1, so ``1 <= D_{-i} <= n - 1`` (no overflow, and no underflow of the normaliser, whatever ``s``).
A vector ``q_k`` of ``Q_{-i}`` added back does not raise the maximum; its weight is
``g = exp(s (x_k - M_{-i})) <= 1``, its selection probability ``g / (D_{-i} + g)`` and the task
welfare ``(N_{-i} + g q_k) / (D_{-i} + g)``.

Argmax rules. ``B_{-i}(t)``, the models of ``Q_{-i}`` within ``tie_tol`` of ``M_{-i}(t)`` (the
test of :class:`~benchgame.mechanisms.marketplace.choice_rules.EpsilonUniform`, on the same
floats), has size ``c_{-i}`` and quality sum ``S_{-i}``; an added ``q_k`` of ``Q_{-i}`` joins it
iff ``q_k >= M_{-i} - tie_tol``.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from benchgame.mechanisms.marketplace.choice_rules import (
    ChoiceRule,
    EpsilonUniform,
    Luce,
    Softmax,
)
from benchgame.mechanisms.marketplace.market import Market
from benchgame.mechanisms.marketplace.welfare import welfare

__all__ = ["one_removed", "welfare_without_each"]

BLOCK_ENTRIES = 1 << 18
"""Largest ``markets x models x tasks`` block evaluated at once (2 MB per float array)."""


def _top_two(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per column: ``first`` (n, m) marks the first argmax; the largest and second largest."""
    a = np.argmax(x, axis=0)
    first = np.zeros(x.shape, dtype=bool)
    first[a, np.arange(x.shape[1])] = True
    top1 = x[a, np.arange(x.shape[1])]
    top2 = np.where(first, -np.inf, x).max(axis=0)
    return first, top1, top2


class _Removed:
    """What the two families share: ``Q_{-i} (+) q_k`` has, per task, the selection
    probability ``scale h_k / (d_i + h_k) + noise`` for the added model and the welfare
    ``scale (u_i + h_k q_k) / (d_i + h_k) + noise (r_i + q_k)``, with ``d``, ``u`` the sums over
    ``Q_{-i}`` and ``h`` the added model's weight (row-dependent where ``i`` is a task's first
    argmax: the special rows, at most ``m``)."""

    q: np.ndarray          # (n, m) qualities
    first: np.ndarray      # (n, m) first argmax of each task
    den: np.ndarray        # (n, m) d_i
    num: np.ndarray        # (n, m) u_i
    added: np.ndarray      # (n, m) h_k for the rows that are no task's first argmax
    rest: np.ndarray       # (n, m) r_i = sum_{j != i} q_j
    scale: float = 1.0
    noise: float = 0.0

    def added_for(self, i: int) -> np.ndarray:
        """``h_k`` (n, m) when model ``i`` is the one removed."""
        raise NotImplementedError

    def task_welfare_without(self) -> np.ndarray:
        """``W_t(Q_{-i})`` for every ``i``, shape (n, m)."""
        n = self.q.shape[0]
        return (self.scale * self.num / self.den
                + (self.noise * n / (n - 1)) * self.rest)

    def replacements(self, omega: np.ndarray, step: int
                     ) -> Iterator[tuple[slice, np.ndarray, np.ndarray, np.ndarray]]:
        """Producer ``i``'s winrate, weighted winrate and the welfare on adopting each ``q_k``.

        Yields ``(rows, winrate, weighted_winrate, welfare)`` for blocks of ``step``
        producers, each array of shape ``(rows, n)``; entries ``k == i`` are not the current
        market's (the caller sets that diagonal).
        """
        n = self.q.shape[0]
        special = np.flatnonzero(self.first.any(axis=1))
        const = (self.noise * omega.sum(), self.noise * (self.q @ omega),
                 self.noise * (self.rest @ omega))
        weights = (self.added * omega, self.added * self.q * omega)
        for s in range(0, n, step):
            rows = slice(s, min(n, s + step))
            out = self._block(rows, self.added, weights, omega)
            for i in special[(special >= rows.start) & (special < rows.stop)]:
                h = self.added_for(int(i))
                one = self._block(slice(i, i + 1), h, (h * omega, h * self.q * omega), omega)
                for x, y in zip(out, one, strict=True):
                    x[i - s] = y[0]
            wr, wwr, wel = out
            wr += const[0]
            wwr += const[1]
            wel += wwr + const[2][rows, None]
            yield rows, wr, wwr, wel

    def _block(self, rows: slice, h: np.ndarray, weights: tuple[np.ndarray, np.ndarray],
               omega: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        r = self.den[rows][:, None, :] + h                       # (b, n, m)
        np.divide(self.scale, r, out=r)
        return (np.einsum("bkt,kt->bk", r, weights[0]),
                np.einsum("bkt,kt->bk", r, weights[1]),
                np.einsum("bkt,bt->bk", r, self.num[rows] * omega))


class ExponentialRemoved(_Removed):
    """Closed forms of ``Q_{-i}`` and ``Q_{-i} (+) q_k`` under ``P`` proportional to ``exp(s x)``.

    Parameters
    ----------
    scale : float
        ``s`` (softmax ``beta``, Luce ``gamma``).
    x : ndarray, shape (n, m)
        The values the rule exponentiates (``Q`` for softmax, ``log Q`` for Luce); ``n >= 2``.
    quality : ndarray, shape (n, m)
        ``Q``.
    """

    def __init__(self, scale: float, x: np.ndarray, quality: np.ndarray) -> None:
        self.q, self.rest = quality, np.zeros_like(quality)
        self.first, top1, top2 = _top_two(x)
        self.added = np.exp(scale * (x - top1))                   # shift M_{-i} = top1
        xs = np.where(self.first, top2, x)                        # first argmax: weight 0
        self.second = np.where(self.first, 0.0, np.exp(scale * (xs - top2)))
        wq, sq = self.added * quality, self.second * quality
        self.den = np.where(self.first, self.second.sum(axis=0),
                            self.added.sum(axis=0) - self.added)
        self.num = np.where(self.first, sq.sum(axis=0), wq.sum(axis=0) - wq)

    def added_for(self, i: int) -> np.ndarray:
        return np.where(self.first[i], self.second, self.added)


class ArgmaxRemoved(_Removed):
    """Closed forms of ``Q_{-i}`` and ``Q_{-i} (+) q_k`` under epsilon-uniform aggregation.

    Parameters
    ----------
    eps, tie_tol : float
        The rule's noise level and tie tolerance.
    quality : ndarray, shape (n, m)
        ``Q`` (``n >= 2``).
    """

    def __init__(self, eps: float, tie_tol: float, quality: np.ndarray) -> None:
        self.q, self.scale, self.noise = quality, 1.0 - eps, eps / quality.shape[0]
        self.first, top1, top2 = _top_two(quality)
        self.level = np.where(self.first, top2, top1) - tie_tol  # M_{-i} - tie_tol
        in1 = quality >= top1 - tie_tol
        in2 = (quality >= top2 - tie_tol) & ~self.first
        self.added = in1.astype(float)
        self.den = np.where(self.first, in2.sum(axis=0), in1.sum(axis=0) - in1)
        s1 = np.where(in1, quality, 0.0)
        self.num = np.where(self.first, np.where(in2, quality, 0.0).sum(axis=0),
                            s1.sum(axis=0) - s1)
        self.rest = quality.sum(axis=0) - quality

    def added_for(self, i: int) -> np.ndarray:
        return (self.q >= self.level[i]).astype(float)


def one_removed(rule: ChoiceRule, quality: np.ndarray
                ) -> ExponentialRemoved | ArgmaxRemoved | None:
    """The closed forms of the markets with one model removed, when the rule has them.

    Parameters
    ----------
    rule : ChoiceRule
        A choice rule; softmax, Bradley-Terry and Luce (exponential), perfect and
        epsilon-uniform (argmax) have closed forms, unless a subclass overrides
        ``probabilities``.
    quality : ndarray, shape (n, m)
        Qualities, ``n >= 2`` (Luce: all positive).

    Returns
    -------
    ExponentialRemoved, ArgmaxRemoved or None
        ``None`` for other rules (probit, users' rules), which are evaluated market by market.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: entry and replacement; the
    leave-one-out sums are the log-sum-exp of each ``Q_{-i}`` (a reconstruction).

    Examples
    --------
    Welfare of each market without one model, under perfect aggregation:

    >>> import numpy as np
    >>> Q = np.array([[0.8, 0.2], [0.2, 0.9], [0.5, 0.5]])
    >>> from benchgame.mechanisms.marketplace import Perfect
    >>> one_removed(Perfect(), Q).task_welfare_without().tolist()
    [[0.5, 0.9], [0.8, 0.5], [0.8, 0.9]]
    """
    probabilities = type(rule).probabilities
    if probabilities is Softmax.probabilities:
        return ExponentialRemoved(rule.beta, quality, quality)
    if probabilities is Luce.probabilities:
        return ExponentialRemoved(rule.gamma, np.log(quality), quality)
    if probabilities is EpsilonUniform.probabilities:
        return ArgmaxRemoved(rule.eps, rule.tie_tol, quality)
    return None


def welfare_without_each(market: Market, rule: ChoiceRule) -> np.ndarray:
    """Consumer welfare ``W(Q_{-i})`` of the market without model ``i``, for every ``i``.

    In closed form for the exponential and argmax rules (``O(n m)``), otherwise market by
    market in blocks of at most ``BLOCK_ENTRIES`` floats.

    Parameters
    ----------
    market : Market
        The market (at least two models).
    rule : ChoiceRule
        Choice rule of the aggregator.

    Returns
    -------
    ndarray, shape (n,)
        ``W(Q_{-i})``.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: market entry; the welfare a model
    adds is ``W(Q) - W(Q_{-i})`` (a reconstruction).

    Examples
    --------
    >>> from benchgame.mechanisms.marketplace import Market, Perfect, Softmax
    >>> m = Market([[0.8, 0.2], [0.2, 0.9], [0.5, 0.5]], [0.5, 0.5])
    >>> welfare_without_each(m, Perfect()).round(6).tolist()
    [0.7, 0.65, 0.85]
    >>> welfare_without_each(m, Softmax(0.0)).round(6).tolist()
    [0.525, 0.5, 0.525]
    """
    Q, omega, n = market.quality, market.omega, market.n
    form = one_removed(rule, Q)
    if form is not None:
        return form.task_welfare_without() @ omega
    out = np.empty(n)
    step = max(1, BLOCK_ENTRIES // (n * market.m))
    for s in range(0, n, step):
        idx = np.array([[k for k in range(n) if k != i] for i in range(s, min(n, s + step))])
        out[s:s + len(idx)] = welfare(Q[idx], omega, rule)
    return out

"""Ranking-fidelity metrics of equilibrium leaderboards: the result type and Kendall tau_b.

How faithfully does an equilibrium leaderboard reflect the capability order? For a pure
equilibrium: Kendall tau_b between the leaderboard and the capability order (1 under the
corrected Proposition 4.3 of Chen, Zhang and Hardt 2026). For a mixed equilibrium: the expected
tau, the probability that the leaderboard equals the capability order, the probability that the
top model is the most capable one, the expected number of inversions and the Spearman correlation
of expected ranks. Without an equilibrium the leaderboard is undefined, and the result carries
that state and no number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from benchgame.core.validation import require

__all__ = ["Fidelity", "kendall_tau_b", "spearman_rho"]

State = Literal["pure", "mixed", "no_equilibrium", "undecided"]


def kendall_tau_b(ranks: Any, theta: Any) -> float:
    """Kendall tau_b between a leaderboard (ranks, 1 = top; ties allowed) and capabilities.

    ``tau_b = (n_c - n_d) / sqrt((n_0 - n_1)(n_0 - n_2))`` with ``n_c``/``n_d`` the concordant /
    discordant pairs (higher capability ranked better counts as concordant), ``n_0 = n(n-1)/2``,
    and ``n_1``/``n_2`` the pairs tied in rank / in capability, computed by
    :func:`scipy.stats.kendalltau` (variant ``"b"``). A leaderboard in strict (reverse)
    capability order, without ties, has every pair concordant (discordant): ``+-1`` exactly,
    returned without calling scipy. scipy's floating-point result can miss 1 by an ulp, so a
    value within ``1e-14`` of ``+-1`` is returned as ``+-1`` exactly: every other attainable
    value is farther from ``+-1`` (at least ``1 / (n (n - 1))``, above ``1e-14`` for ``n``
    below ten million).

    Parameters
    ----------
    ranks : array_like, shape (n,)
        Rank of each developer (1 = top), in the order of ``theta``.
    theta : array_like, shape (n,)
        Capabilities.

    Returns
    -------
    float
        ``tau_b`` in [-1, 1]; NaN when every rank or every capability is tied.

    Raises
    ------
    InputError
        If ``ranks`` and ``theta`` are not vectors of the same length ``>= 2``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 4.3
    (equilibrium leaderboards preserve the capability order: ``tau_b = 1``).

    Examples
    --------
    >>> from benchgame.games.leaderboard import kendall_tau_b
    >>> kendall_tau_b([1, 2, 3], [3.0, 2.0, 1.0])
    1.0
    >>> round(kendall_tau_b([2, 1, 3], [3.0, 2.0, 1.0]), 6)
    0.333333
    """
    rk, th = _rank_vectors(ranks, theta)
    sign = _strict_order_sign(rk, th)
    if sign:
        return float(sign)
    from scipy.stats import kendalltau  # deferred: scipy.stats loads many submodules

    # rank 1 is the top, so a leaderboard in capability order is concordant with -rank
    tau = float(kendalltau(-rk, th, variant="b").statistic)
    return math.copysign(1.0, tau) if abs(1.0 - abs(tau)) <= 1e-14 else tau


def spearman_rho(ranks: Any, theta: Any) -> float:
    """Spearman's rank correlation between a leaderboard (ranks, 1 = top) and capabilities.

    Computed by :func:`scipy.stats.spearmanr` on ``(-ranks, theta)``; a leaderboard in strict
    (reverse) capability order, without ties, has identical (reversed) rankings: ``+-1``
    exactly, returned without calling scipy.

    Parameters
    ----------
    ranks : array_like, shape (n,)
        Rank of each developer (1 = top; ties and fractional expected ranks allowed), in the
        order of ``theta``.
    theta : array_like, shape (n,)
        Capabilities.

    Returns
    -------
    float
        ``rho`` in [-1, 1]; NaN when every rank or every capability is tied.

    Raises
    ------
    InputError
        If ``ranks`` and ``theta`` are not vectors of the same length ``>= 2``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 4.3
    (ranking fidelity of equilibrium leaderboards).

    Examples
    --------
    >>> from benchgame.games.leaderboard import spearman_rho
    >>> spearman_rho([1, 2, 3, 4, 5], [5.0, 4.0, 3.0, 2.0, 1.0])
    1.0
    >>> spearman_rho([1.5, 1.5, 3.0], [3.0, 2.0, 1.0])
    0.8660254037844387
    """
    rk, th = _rank_vectors(ranks, theta)
    sign = _strict_order_sign(rk, th)
    if sign:
        return float(sign)
    from scipy.stats import spearmanr  # deferred: scipy.stats loads many submodules

    return float(spearmanr(-rk, th).statistic)


def _rank_vectors(ranks: Any, theta: Any) -> tuple[np.ndarray, np.ndarray]:
    """``ranks`` and ``theta`` as float vectors of one length ``>= 2`` (InputError otherwise)."""
    rk = np.asarray(ranks, float)
    th = np.asarray(theta, float)
    require(rk.shape == th.shape and rk.ndim == 1 and rk.size >= 2, "ranks",
            "must be a vector with one rank per developer",
            "pass one rank per developer, in the order of theta")
    return rk, th


def _strict_order_sign(rk: np.ndarray, th: np.ndarray) -> int:
    """1 when ``rk`` ranks strictly by decreasing ``th`` (no ties in either), -1 for the reverse
    strict order, 0 otherwise."""
    order = np.argsort(-th, kind="stable")
    if not bool(np.all(np.diff(th[order]) < 0)):
        return 0
    step = np.diff(rk[order])
    return 1 if bool(np.all(step > 0)) else -1 if bool(np.all(step < 0)) else 0


def _inversions(values: np.ndarray) -> int:
    """Number of pairs ``i < j`` with ``values[i] > values[j]``, by a bottom-up merge count.

    Each level merges sorted blocks of ``b`` values: for the right block, the left block's
    values above each entry are counted by one ``searchsorted`` over all blocks (the block index
    is added as an offset so that the left blocks form one sorted array). ``O(n log^2 n)`` time
    and ``O(n)`` memory.
    """
    n = values.size
    if n < 2:
        return 0
    _, dense = np.unique(values, return_inverse=True)
    size = 1 << (n - 1).bit_length()
    a = np.full(size, n, dtype=np.int64)  # padding sorts last and adds no inversion
    a[:n] = dense.ravel()
    total, b = 0, 1
    while b < size:
        blocks = a.reshape(-1, 2, b)
        offset = (np.arange(blocks.shape[0], dtype=np.int64) * (n + 1))[:, None]
        left = (blocks[:, 0, :] + offset).ravel()
        right = blocks[:, 1, :] + offset
        not_above = np.searchsorted(left, right.ravel(), side="right").reshape(right.shape)
        total += int((np.arange(1, blocks.shape[0] + 1)[:, None] * b - not_above).sum())
        a = np.sort(a.reshape(-1, 2 * b), axis=1).ravel()
        b *= 2
    return total


@dataclass(frozen=True)
class Fidelity:
    """Ranking-fidelity metrics of an equilibrium, or an explicit state without numbers.

    Parameters
    ----------
    state : {"pure", "mixed", "no_equilibrium", "undecided"}
        ``pure``: ``kendall_tau`` set, and the other metrics are those of the deterministic
        leaderboard; ``mixed``: expectations under the mixture; ``no_equilibrium`` or
        ``undecided``: every metric is None and ``reason`` says why.
    kendall_tau : float or None, optional
        Kendall tau_b of a pure equilibrium leaderboard against the capability order.
    expected_tau : float or None, optional
        Expected Kendall tau_b.
    p_exact_order : float or None, optional
        Probability that the leaderboard equals the capability order.
    p_top1_correct : float or None, optional
        Probability that the most capable developer ranks first.
    expected_inversions : float or None, optional
        Expected number of pairs ranked against their capability order.
    spearman_expected_ranks : float or None, optional
        Spearman correlation between expected ranks and capability ranks (None when the expected
        ranks are all equal).
    method : str, default ""
        How the metrics were computed.
    reason : str, default ""
        Why there are no metrics.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 4.3.
    """

    state: State
    kendall_tau: float | None = None
    expected_tau: float | None = None
    p_exact_order: float | None = None
    p_top1_correct: float | None = None
    expected_inversions: float | None = None
    spearman_expected_ranks: float | None = None
    method: str = ""
    reason: str = ""

    def to_dict(self) -> dict:
        """The metrics as a JSON-ready dictionary."""
        return dict(self.__dict__)


def count_inversions(ranks: np.ndarray) -> np.ndarray:
    """Number of pairs ``i < j`` (``i`` more capable) with ``rank_i > rank_j``, per profile."""
    # developers are in decreasing capability: an inversion is i < j with rank_i > rank_j
    r = np.asarray(ranks)
    flat = r.reshape(-1, r.shape[-1])
    return np.array([_inversions(row) for row in flat], dtype=np.int64).reshape(r.shape[:-1])

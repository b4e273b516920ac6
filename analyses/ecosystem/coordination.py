"""The coordination index of the ecosystem simulation, updated step by step for many runs at once.

:math:`C_t` is the mean pairwise Jaccard similarity
:math:`|S_i \\cap S_j| / |S_i \\cup S_j|` of the benchmark sets :math:`S_i` of the models
released in steps :math:`[t - w, t]` (NaN when fewer than two such models), for every row (run)
of a batch. Each step adds one block of models; only the pairs that involve the new block are
computed, and the Jaccard sums of every pair of blocks still in the window are kept, so a step
costs (new models) x (models in the window) set intersections, each a popcount of two bit sets.
"""

from __future__ import annotations

from collections import deque

import numpy as np

__all__ = ["WindowCoordination"]


class WindowCoordination:
    """Mean pairwise Jaccard similarity over a sliding window of steps, one value per row.

    Parameters
    ----------
    rows : int
        Number of runs.
    window : int
        w: the window holds the current step and the w before it.

    References
    ----------
    .. [1] P. Jaccard, "The distribution of the flora in the alpine zone", New Phytologist
       11(2):37-50, 1912.
    .. [2] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract
       (agent-based finding 2: inflows of new benchmarks make coordination harder).

    Examples
    --------
    >>> import numpy as np
    >>> coord = WindowCoordination(rows=2, window=1)
    >>> coord.add(np.array([0, 0, 1]), np.array([[0, 1], [1, 2], [3, 4]])).round(4).tolist()
    [0.3333, nan]
    >>> coord.add(np.array([1]), np.array([[3, -1]])).round(4).tolist()
    [0.3333, 0.5]
    >>> coord.add(np.array([1]), np.array([[4, 5]])).round(4).tolist()   # step 1 has left
    [nan, 0.0]
    """

    def __init__(self, rows: int, window: int) -> None:
        self.rows, self.depth = int(rows), int(window) + 1
        self._blocks: deque[tuple[np.ndarray, np.ndarray]] = deque(maxlen=self.depth)
        self._sums: deque[np.ndarray] = deque(maxlen=self.depth)
        self._counts: deque[np.ndarray] = deque(maxlen=self.depth)

    def add(self, owner: np.ndarray, items: np.ndarray) -> np.ndarray:
        """Add one step's models and return every row's coordination index.

        Parameters
        ----------
        owner : numpy.ndarray of int, shape (models,)
            The row of each model, non-decreasing.
        items : numpy.ndarray of int, shape (models, k)
            Each model's benchmarks, padded with -1 (a model with none is not counted).

        Returns
        -------
        numpy.ndarray of float, shape (rows,)
            :math:`C_t` per row; NaN where the window holds fewer than two models.
        """
        size = (items >= 0).sum(axis=1)
        kept = size > 0
        owner, items, size = owner[kept], items[kept], size[kept]
        self._blocks.append((owner, _bitsets(items), size))
        self._counts.append(np.bincount(owner, minlength=self.rows))
        self._sums.append(self._new_pairs())
        total = np.zeros(self.rows)
        for age, sums in enumerate(reversed(self._sums)):    # block t - age paired with blocks
            total += sums[:, :self.depth - age].sum(axis=1)  # that are still in the window
        m = np.sum(self._counts, axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(m >= 2, 2.0 * total / (m * (m - 1.0)), np.nan)

    def _new_pairs(self) -> np.ndarray:
        """Jaccard sums of the new block's pairs with each block in the window, by row and age."""
        out = np.zeros((self.rows, self.depth))
        blocks = list(reversed(self._blocks))                # age 0: the new block, placed first
        owner, size = blocks[0][0], blocks[0][2]
        words = max(b[1].shape[1] for b in blocks)
        w_owner = np.concatenate([b[0] for b in blocks])
        w_bits = np.zeros((w_owner.size, words), dtype=np.uint64)
        at = 0
        for b in blocks:                                     # older blocks may have fewer words
            w_bits[at:at + b[1].shape[0], :b[1].shape[1]] = b[1]
            at += b[1].shape[0]
        w_size = np.concatenate([b[2] for b in blocks])
        w_age = np.concatenate([np.full(b[0].size, a) for a, b in enumerate(blocks)])
        by_row = np.argsort(w_owner, kind="stable")
        in_row = np.bincount(w_owner, minlength=self.rows)
        reps = in_row[owner]                                 # pairs of each new model
        if reps.sum() == 0:
            return out
        j = np.repeat(np.arange(owner.size), reps)
        first = (np.cumsum(in_row) - in_row)[owner] - (np.cumsum(reps) - reps)
        i = by_row[np.repeat(first, reps) + np.arange(reps.sum())]
        inter = _popcount(w_bits[j] & w_bits[i])
        jac = inter / (size[j] + w_size[i] - inter)
        age = w_age[i]
        weight = np.where(age == 0, np.where(i == j, 0.0, 0.5), 1.0)  # each pair once, not self
        key = owner[j] * self.depth + age
        out += np.bincount(key, weights=jac * weight, minlength=out.size).reshape(out.shape)
        return out


def _bitsets(items: np.ndarray) -> np.ndarray:
    """Each row's items (>= 0; -1 is padding) as a bit set in 64-bit words."""
    bits = np.zeros((items.shape[0], int(items.max(initial=0)) // 64 + 1), dtype=np.uint64)
    rows = np.arange(items.shape[0])
    for col in items.T:                    # items of a row are distinct: one bit each
        ok = col >= 0
        bit = np.left_shift(np.uint64(1), (col[ok] & 63).astype(np.uint64))
        bits[rows[ok], col[ok] >> 6] |= bit
    return bits


_BYTE_COUNTS = np.array([bin(b).count("1") for b in range(256)], dtype=np.int64)


def _popcount(words: np.ndarray) -> np.ndarray:
    """Set bits per row of a 2-D array of 64-bit words."""
    if hasattr(np, "bitwise_count"):       # numpy >= 2.0
        return np.bitwise_count(words).sum(axis=1, dtype=np.int64)
    return _BYTE_COUNTS[words.view(np.uint8)].sum(axis=1)

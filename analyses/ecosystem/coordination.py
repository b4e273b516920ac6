"""The coordination index of the ecosystem simulation, updated step by step for many runs at once.

:math:`C_t` is the mean pairwise Jaccard similarity
:math:`|S_i \\cap S_j| / |S_i \\cup S_j|` of the benchmark sets :math:`S_i` of the models
released in steps :math:`[t - w, t]` (NaN when fewer than two such models), for every row (run)
of a batch. Each step adds one block of models; only the pairs that involve the new block are
computed, and the Jaccard sums of every pair of blocks still in the window are kept, so a step
costs (new models) x (models in the window) set comparisons.
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
        kept = (items >= 0).any(axis=1)
        owner, items = owner[kept], items[kept]
        self._blocks.append((owner, items))
        self._counts.append(np.bincount(owner, minlength=self.rows))
        self._sums.append(self._new_pairs(owner, items))
        total = np.zeros(self.rows)
        for age, sums in enumerate(reversed(self._sums)):    # block t - age paired with blocks
            total += sums[:, :self.depth - age].sum(axis=1)  # that are still in the window
        m = np.sum(self._counts, axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(m >= 2, 2.0 * total / (m * (m - 1.0)), np.nan)

    def _new_pairs(self, owner: np.ndarray, items: np.ndarray) -> np.ndarray:
        """Jaccard sums of the new block's pairs with each block in the window, by row and age."""
        out = np.zeros((self.rows, self.depth))
        blocks = list(reversed(self._blocks))                # age 0 is the new block itself
        w_owner = np.concatenate([b[0] for b in blocks])
        w_items = np.concatenate([b[1] for b in blocks])
        w_age = np.concatenate([np.full(b[0].size, a) for a, b in enumerate(blocks)])
        order = np.argsort(w_owner, kind="stable")
        w_owner, w_items, w_age = w_owner[order], w_items[order], w_age[order]
        w_pos = order                                        # positions < size: the new block
        in_row = np.bincount(w_owner, minlength=self.rows)
        start = np.cumsum(in_row) - in_row
        reps = in_row[owner]
        if reps.sum() == 0:
            return out
        j = np.repeat(np.arange(owner.size), reps)
        i = np.repeat(start[owner] - (np.cumsum(reps) - reps), reps) + np.arange(reps.sum())
        a, b = items[j], w_items[i]
        inter = ((a[:, :, None] == b[:, None, :]) & (a >= 0)[:, :, None]).sum(axis=(1, 2))
        size_a, size_b = (a >= 0).sum(axis=1), (b >= 0).sum(axis=1)
        jac = inter / (size_a + size_b - inter)
        same_block = w_age[i] == 0
        weight = np.where(same_block, np.where(w_pos[i] == j, 0.0, 0.5), 1.0)
        key = owner[j] * self.depth + w_age[i]
        out += np.bincount(key, weights=jac * weight, minlength=out.size).reshape(out.shape)
        return out

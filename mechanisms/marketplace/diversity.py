"""Homogenize / specialize measures for an entrant or a profile of models.

Reconstruction of Donahue and Raghavan (arXiv:2602.23293), section 2.5 of the reconstruction
([RECON]: the paper's exact definitions are unknown, so several measures are offered):

- near-clone distance ``min_i ||q_e - q_i||_inf`` (a clone at 0; near-clone when ``<= delta``);
- crowding: ``M_{t*}`` at the entrant's strongest task ``t* = argmax_t q_e(t)``, with
  ``M_t = max_i q_i(t)`` (high = the entrant piles onto an already well-served task);
- complementarity ``C(q_e; Q) = sum_t pi_t (q_e(t) - M_t)_+`` (the entrant's marginal welfare under
  perfect aggregation);
- profile diversity: mean pairwise L1 or cosine distance, and coverage ``sum_t pi_t max_i q_i(t)``.
"""

from __future__ import annotations

import numpy as np

from benchgame.core.validation import as_finite_array, require

__all__ = ["complementarity", "coverage", "crowding", "near_clone_distance",
           "profile_diversity"]


def _qe(Q, q):
    Q = as_finite_array(Q, "quality", ndim=2)
    q = as_finite_array(q, "entrant", min_ndim=1)
    require(q.shape[-1] == Q.shape[1], "entrant", f"has {q.shape[-1]} tasks, expected "
            f"{Q.shape[1]}", "give one quality per task")
    return Q, q


def near_clone_distance(Q: object, q: object) -> np.ndarray:
    """``min_i max_t |q(t) - Q[i, t]|``; vectorized over leading axes of ``q``."""
    Q, q = _qe(Q, q)
    return np.abs(q[..., None, :] - Q).max(axis=-1).min(axis=-1)


def crowding(Q: object, q: object) -> np.ndarray:
    """Best incumbent quality ``M_t`` on the entrant's strongest task."""
    Q, q = _qe(Q, q)
    M = Q.max(axis=0)
    return M[np.argmax(q, axis=-1)]


def complementarity(Q: object, q: object, pi: object) -> np.ndarray:
    """``sum_t pi_t (q(t) - M_t)_+``."""
    Q, q = _qe(Q, q)
    pi = as_finite_array(pi, "weights", ndim=1, shape=(Q.shape[1],), nonnegative=True)
    return np.clip(q - Q.max(axis=0), 0.0, None) @ pi


def coverage(Q: object, pi: object) -> float:
    """``sum_t pi_t max_i q_i(t)``."""
    Q = as_finite_array(Q, "quality", ndim=2)
    pi = as_finite_array(pi, "weights", ndim=1, shape=(Q.shape[1],), nonnegative=True)
    return float(Q.max(axis=0) @ pi)


def profile_diversity(Q: object, metric: str = "l1") -> float:
    """Mean pairwise distance between models' quality vectors (``"l1"`` or ``"cosine"``)."""
    Q = as_finite_array(Q, "quality", ndim=2)
    n = Q.shape[0]
    if n < 2:
        return 0.0
    if metric == "l1":
        D = np.abs(Q[:, None] - Q[None]).sum(axis=-1)
    elif metric == "cosine":
        norm = np.linalg.norm(Q, axis=1)
        require(bool(np.all(norm > 0)), "quality", "has an all-zero row",
                "cosine distance needs non-zero quality vectors")
        D = 1.0 - (Q @ Q.T) / np.outer(norm, norm)
    else:
        raise ValueError(f"metric {metric!r}: use 'l1' or 'cosine'")
    return float(D[np.triu_indices(n, 1)].mean())

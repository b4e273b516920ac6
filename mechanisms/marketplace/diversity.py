"""Homogenize / specialize measures for an entrant or a profile of models.

Donahue and Raghavan (arXiv:2602.23293, abstract) find that winrate can push producers to
"homogenize" and that weighted winrate improves their incentives to "specialize". The measures
below are a reconstruction of the paper's definitions, which are not available, so several are
offered:

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
    """Near-clone distance ``min_i max_t |q(t) - Q[i, t]|`` of an entrant to the incumbents.

    Parameters
    ----------
    Q : array_like, shape (n, m)
        Incumbent qualities.
    q : array_like, shape (..., m)
        Entrant quality vector(s); leading axes are vectorized over.

    Returns
    -------
    ndarray, shape (...)
        Sup-norm distance to the closest incumbent (0 for an exact clone).

    Raises
    ------
    InputError
        If ``q`` does not have one quality per task of ``Q``.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract ("homogenize" vs "specialize"); the
    measure is a reconstruction of the paper's definition.

    Examples
    --------
    >>> round(float(near_clone_distance([[0.8, 0.2], [0.2, 0.9]], [0.75, 0.25])), 6)
    0.05
    """
    Q, q = _qe(Q, q)
    return np.abs(q[..., None, :] - Q).max(axis=-1).min(axis=-1)


def crowding(Q: object, q: object) -> np.ndarray:
    """Crowding: the best incumbent quality ``M_t`` on the entrant's strongest task.

    Parameters
    ----------
    Q : array_like, shape (n, m)
        Incumbent qualities.
    q : array_like, shape (..., m)
        Entrant quality vector(s); leading axes are vectorized over.

    Returns
    -------
    ndarray, shape (...)
        ``M_{t*}`` with ``t* = argmax_t q(t)`` and ``M_t = max_i Q[i, t]`` (high: the entrant
        piles onto an already well-served task).

    Raises
    ------
    InputError
        If ``q`` does not have one quality per task of ``Q``.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract ("homogenize" vs "specialize"); the
    measure is a reconstruction of the paper's definition.

    Examples
    --------
    >>> crowding([[0.8, 0.2]], [[1.0, 0.0], [0.0, 1.0]]).tolist()
    [0.8, 0.2]
    """
    Q, q = _qe(Q, q)
    M = Q.max(axis=0)
    return M[np.argmax(q, axis=-1)]


def complementarity(Q: object, q: object, pi: object) -> np.ndarray:
    """Complementarity ``C(q; Q) = sum_t pi_t (q(t) - M_t)_+`` of an entrant.

    Under perfect aggregation this is the welfare the entrant adds.

    Parameters
    ----------
    Q : array_like, shape (n, m)
        Incumbent qualities.
    q : array_like, shape (..., m)
        Entrant quality vector(s); leading axes are vectorized over.
    pi : array_like, shape (m,)
        Non-negative task weights.

    Returns
    -------
    ndarray, shape (...)
        Weighted improvement over the best incumbent, task by task.

    Raises
    ------
    InputError
        If the shapes do not match or a weight is negative.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract ("homogenize" vs "specialize"); the
    measure is a reconstruction of the paper's definition.

    Examples
    --------
    >>> float(complementarity([[0.8, 0.2]], [0.0, 1.0], [0.5, 0.5]))
    0.4
    """
    Q, q = _qe(Q, q)
    pi = as_finite_array(pi, "weights", ndim=1, shape=(Q.shape[1],), nonnegative=True)
    return np.clip(q - Q.max(axis=0), 0.0, None) @ pi


def coverage(Q: object, pi: object) -> float:
    """Task coverage ``sum_t pi_t max_i q_i(t)`` of a profile of models.

    Parameters
    ----------
    Q : array_like, shape (n, m)
        Qualities of the models.
    pi : array_like, shape (m,)
        Non-negative task weights.

    Returns
    -------
    float
        Weighted best quality per task (welfare under perfect aggregation).

    Raises
    ------
    InputError
        If the shapes do not match or a weight is negative.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract ("homogenize" vs "specialize"); the
    measure is a reconstruction of the paper's definition.

    Examples
    --------
    >>> round(coverage([[0.8, 0.2], [0.2, 0.9]], [0.5, 0.5]), 6)
    0.85
    """
    Q = as_finite_array(Q, "quality", ndim=2)
    pi = as_finite_array(pi, "weights", ndim=1, shape=(Q.shape[1],), nonnegative=True)
    return float(Q.max(axis=0) @ pi)


def profile_diversity(Q: object, metric: str = "l1") -> float:
    """Mean pairwise distance between the models' quality vectors.

    Parameters
    ----------
    Q : array_like, shape (n, m)
        Qualities of the models.
    metric : {"l1", "cosine"}, default "l1"
        L1 distance, or cosine distance ``1 - cos(q_i, q_j)``.

    Returns
    -------
    float
        Mean over the pairs ``i < j`` (0 for a single model).

    Raises
    ------
    InputError
        If ``metric="cosine"`` and a quality vector is all zero.
    ValueError
        If ``metric`` is not ``"l1"`` or ``"cosine"``.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract ("homogenize" vs "specialize"); the
    measure is a reconstruction of the paper's definition.

    Examples
    --------
    >>> round(profile_diversity([[0.8, 0.2], [0.2, 0.9], [0.8, 0.2]]), 6)
    0.866667
    """
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

"""Observed-score distributions: what a protocol reports for a model of a given latent score.

A protocol maps latent capability and effort to a latent score ``s = v(theta, x(e))``; the
leaderboard then *observes* a score ``Y`` whose distribution depends on ``s`` and the designer's
parameters. :class:`ObservedScores` is that distribution for a batch of latent scores, on a
common sorted support (``atoms``) so that scores of different developers can be compared atom by
atom. Shipped observation models:

* :func:`point_mass`: ``Y = s`` (every deterministic protocol: the point-mass case);
* :func:`binomial_scores`: ``Y = C / m`` with ``C ~ Binomial(m, s)``: accuracy on ``m`` test
  questions answered independently, each correctly with probability ``s``;
* :func:`gaussian_scores`: the normal approximation ``Y ~ N(s, s (1 - s) / m)``, reported on the
  grid ``{0, h, 2h, ..., 1}`` (cell probabilities integrated exactly from the normal CDF; mass
  beyond ``[0, 1]`` goes to the end cells), a one-dimensional quadrature of the Gaussian.

All probabilities are exact up to floating-point rounding (no sampling).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.core.validation import InputError, as_finite_array, require

__all__ = ["ObservedScores", "binomial_scores", "gaussian_scores", "point_mass",
           "question_count", "strict_survival"]


def strict_survival(pmf: np.ndarray) -> np.ndarray:
    """``P(Y > atoms[k])`` from probabilities on sorted atoms, along the last axis.

    Parameters
    ----------
    pmf : numpy.ndarray
        Probabilities of the atoms (last axis), any leading shape.

    Returns
    -------
    numpy.ndarray
        Same shape: the mass strictly above each atom, clipped to ``[0, 1]``.

    Examples
    --------
    >>> strict_survival(np.array([0.25, 0.5, 0.25])).tolist()
    [0.75, 0.25, 0.0]
    """
    tail = np.cumsum(pmf[..., ::-1], axis=-1)[..., ::-1]
    above = np.concatenate([tail[..., 1:], np.zeros(pmf.shape[:-1] + (1,))], axis=-1)
    return np.clip(above, 0.0, 1.0)


@dataclass(frozen=True, eq=False)
class ObservedScores:
    """Distributions of observed scores for a batch of latent scores, on a common support.

    Parameters
    ----------
    atoms : numpy.ndarray, shape (K,)
        The possible observed scores, strictly increasing.
    pmf : numpy.ndarray, shape (L, K)
        ``pmf[l, k] = P(Y = atoms[k] | latent score l)``; rows sum to 1.
    model : str
        The observation model (``point mass``, ``binomial(m=100)``, ...).

    Examples
    --------
    >>> obs = binomial_scores([0.5], 2)
    >>> obs.atoms.tolist(), obs.pmf.round(12).tolist(), obs.model
    ([0.0, 0.5, 1.0], [[0.25, 0.5, 0.25]], 'binomial(m=2)')
    """

    atoms: np.ndarray
    pmf: np.ndarray
    model: str

    def survival(self) -> np.ndarray:
        """``P(Y > atoms[k])`` for every latent score: shape ``(L, K)``.

        Returns
        -------
        numpy.ndarray
            Strict survival function on the atoms.

        Examples
        --------
        >>> binomial_scores([0.5], 2).survival().round(12).tolist()
        [[0.75, 0.25, 0.0]]
        """
        return strict_survival(self.pmf)

    def to_dict(self) -> dict:
        """The distributions as a JSON-ready dictionary.

        Returns
        -------
        dict
            ``model``, ``atoms`` and ``pmf``.
        """
        return {"model": self.model, "atoms": self.atoms.tolist(), "pmf": self.pmf.tolist()}


def _latent(latent: Any) -> np.ndarray:
    s = as_finite_array(latent, "latent", ndim=1)
    require(bool(np.all((s >= 0) & (s <= 1))), "latent", "has a score outside [0, 1]",
            "latent scores are accuracies in [0, 1]")
    return s


def question_count(m: Any, field: str = "m") -> int:
    """Validate a number of test questions.

    Parameters
    ----------
    m : object
        The value given by the user.
    field : str, default "m"
        Field named in errors.

    Returns
    -------
    int
        ``m`` as an integer ``>= 1``.

    Raises
    ------
    InputError
        If ``m`` is not a whole number ``>= 1``.

    Examples
    --------
    >>> question_count(500.0)
    500
    """
    try:
        v = float(m)
    except (TypeError, ValueError) as exc:
        raise InputError(field, f"is {m!r}", "give a whole number of test questions >= 1") from exc
    require(np.isfinite(v) and v >= 1 and v == int(v), field, f"is {m}",
            "give a whole number of test questions >= 1")
    return int(v)


def point_mass(latent: Any) -> ObservedScores:
    """Deterministic observation ``Y = s``: the point-mass case.

    Parameters
    ----------
    latent : array_like, shape (L,)
        Latent scores in ``[0, 1]``.

    Returns
    -------
    ObservedScores
        Support: the distinct latent scores; each row a unit vector.

    Examples
    --------
    >>> obs = point_mass([0.7, 0.2, 0.7])
    >>> obs.atoms.tolist(), obs.pmf.tolist()
    ([0.2, 0.7], [[0.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
    """
    s = _latent(latent)
    atoms, idx = np.unique(s, return_inverse=True)
    pmf = np.zeros((s.size, atoms.size))
    pmf[np.arange(s.size), idx] = 1.0
    return ObservedScores(atoms, pmf, "point mass")


def binomial_scores(latent: Any, m: int) -> ObservedScores:
    """Accuracy on ``m`` independent test questions: ``Y = Binomial(m, s) / m``.

    Parameters
    ----------
    latent : array_like, shape (L,)
        Latent scores (per-question success probabilities) in ``[0, 1]``.
    m : int
        Number of test questions, ``>= 1``.

    Returns
    -------
    ObservedScores
        Support ``{0, 1/m, ..., 1}``; binomial probabilities (SciPy, exact up to rounding).

    References
    ----------
    Lazear and Rosen (1981), Rank-order tournaments as optimum labor contracts, Journal of
    Political Economy 89 (tournaments with noisy output).

    Examples
    --------
    >>> obs = binomial_scores([0.0, 1.0], 3)
    >>> obs.pmf.tolist()
    [[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0]]
    """
    from scipy.stats import binom

    s = _latent(latent)
    m = question_count(m)
    k = np.arange(m + 1)
    pmf = binom.pmf(k[None, :], m, s[:, None])
    pmf /= pmf.sum(axis=1, keepdims=True)
    return ObservedScores(k / m, pmf, f"binomial(m={m})")


def gaussian_scores(latent: Any, m: int, resolution: float | None = None) -> ObservedScores:
    """Normal approximation ``Y ~ N(s, s (1 - s) / m)`` reported on a grid of step ``h``.

    Parameters
    ----------
    latent : array_like, shape (L,)
        Latent scores in ``[0, 1]``.
    m : int
        Number of test questions, ``>= 1`` (the variance is ``s (1 - s) / m``).
    resolution : float, optional
        Reporting step ``h`` (``1/h`` a whole number); default ``1 / (4 m)``, four times finer
        than the binomial lattice.

    Returns
    -------
    ObservedScores
        Support ``{0, h, ..., 1}``; cell ``k`` holds ``P((k - 1/2) h < Y <= (k + 1/2) h)`` from
        the normal CDF, with both tails beyond ``[0, 1]`` in the end cells (``s`` at 0 or 1: a
        point mass).

    Raises
    ------
    InputError
        If ``m`` or ``resolution`` is invalid.

    Examples
    --------
    >>> obs = gaussian_scores([0.5], 100, resolution=0.05)
    >>> round(float(obs.pmf[0, 10]), 6), round(float(obs.pmf.sum()), 12)
    (0.382925, 1.0)
    """
    from scipy.special import ndtr

    s = _latent(latent)
    m = question_count(m)
    h = 1.0 / (4 * m) if resolution is None else float(resolution)
    cells = round(1.0 / h) if np.isfinite(h) and h > 0 else 0
    if cells < 1 or abs(cells * h - 1.0) > 1e-9:
        raise InputError("resolution", f"is {resolution}",
                         "give a step h in (0, 1] with 1/h a whole number")
    atoms = np.arange(cells + 1) / cells
    edges = (np.arange(cells) + 0.5) / cells
    sd = np.sqrt(s * (1.0 - s) / m)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (edges[None, :] - s[:, None]) / sd[:, None]
    z = np.where(sd[:, None] > 0, z, np.where(edges[None, :] >= s[:, None], np.inf, -np.inf))
    cdf = np.concatenate([np.zeros((s.size, 1)), ndtr(z), np.ones((s.size, 1))], axis=1)
    return ObservedScores(atoms, np.diff(cdf, axis=1), f"gaussian(m={m}, h={1 / cells:g})")

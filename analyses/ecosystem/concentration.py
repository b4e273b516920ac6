"""Concentration of a non-negative quantity over holders: Gini, Herfindahl and top-k shares.

Definitions (Cebrian, Kito and Castro Fernandez, "Emergent evaluation hubs in a decentralizing
large language model ecosystem", arXiv:2510.01286, report a global Gini of benchmark authority of
0.89; the formulas below are the standard ones the reconstruction uses):

* Gini, with :math:`x_{(1)} \\le \\dots \\le x_{(n)}` sorted ascending,

  .. math:: G(x) = \\frac{2 \\sum_{i=1}^n i\\, x_{(i)}}{n \\sum_i x_i} - \\frac{n+1}{n}
            = \\frac{\\sum_{i,j} |x_i - x_j|}{2 n^2 \\mu}.

  Identities: :math:`G(c\\mathbf 1) = 0`; one holder of everything gives
  :math:`G = (n-1)/n`; :math:`G(cx) = G(x)` for :math:`c > 0`; :math:`0 \\le G \\le (n-1)/n`.
* Herfindahl-Hirschman index :math:`HHI = \\sum_i s_i^2` with shares :math:`s = x / \\sum x`;
  :math:`1/n \\le HHI \\le 1`.
* Top-k share :math:`\\sum_{i \\le k} s_{[i]}` (the k largest shares); the top-q share uses
  :math:`k = \\lceil q n \\rceil`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from benchgame.core.validation import InputError, as_finite_array

__all__ = [
    "Concentration",
    "concentration",
    "concentration_rows",
    "gini",
    "gini_last_axis",
    "herfindahl",
    "top_fraction_share",
    "top_k_share",
]


def _holdings(x: Any, field: str) -> np.ndarray:
    arr = as_finite_array(x, field, ndim=1, nonnegative=True)
    if not float(arr.sum()) > 0.0:
        raise InputError(field, "sums to 0, so shares are undefined",
                         "give at least one positive holding")
    return arr


def gini_last_axis(x: Any, where: Any = None) -> np.ndarray:
    """Gini coefficient along the last axis of an array of non-negative holdings (vectorized).

    The one implementation of the Gini formula of the module docstring: :func:`gini` validates
    one vector and calls it, and :func:`concentration_rows` calls it on the simulation's live
    benchmarks. Round-off outside :math:`[0, (n-1)/n]` is clipped. Inputs are not validated.

    Parameters
    ----------
    x : array_like, shape (..., n)
        Non-negative holdings; each slice along the last axis is one vector.
    where : array_like of bool, optional
        Broadcastable to ``x``: the holdings that belong to their slice (ragged vectors padded
        to one width); by default all.

    Returns
    -------
    numpy.ndarray of float, shape (...)
        The Gini coefficient of every slice; NaN where the slice is empty or sums to 0 or less
        (shares undefined). A 1-D input gives a 0-d array.

    See Also
    --------
    gini : The checked version for one vector.

    References
    ----------
    .. [1] C. Gini, "Variabilità e mutabilità", Bologna, 1912 (mean-difference form).
    .. [2] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract: a
       global Gini of inferred benchmark authority of 0.89.

    Examples
    --------
    >>> gini_last_axis(np.array([[1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 4.0], [0.0, 0.0, 0.0, 0.0]]))
    array([0.  , 0.75,  nan])
    >>> gini_last_axis(np.array([[1.0, 9.0, 3.0], [0.0, 4.0, 5.0]]), where=[True, False, True])
    array([0.25, 0.5 ])
    """
    arr = np.asarray(x, dtype=float)
    width = arr.shape[-1]
    if width == 0:
        return np.full(arr.shape[:-1], np.nan)
    ranks = np.arange(1, width + 1, dtype=float)
    if where is None:
        n: Any = width
        total = arr.sum(axis=-1)
        weighted = np.sort(arr, axis=-1) @ ranks
    else:  # held values sorted first, the rest pushed to the end and given weight 0
        keep = np.broadcast_to(np.asarray(where, dtype=bool), arr.shape)
        n = keep.sum(axis=-1)
        total = np.where(keep, arr, 0.0).sum(axis=-1)
        xs = np.sort(np.where(keep, arr, np.inf), axis=-1)
        weighted = np.where(ranks <= n[..., None], xs, 0.0) @ ranks
    with np.errstate(divide="ignore", invalid="ignore"):
        value = 2.0 * weighted / (n * total) - (n + 1) / n
        return np.where(total > 0, np.clip(value, 0.0, (n - 1) / n), np.nan)


def concentration_rows(x: Any, where: Any, q: float = 0.15
                       ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gini, top-q share and HHI along the last axis, counting only the holdings ``where`` marks.

    :func:`gini`, :func:`top_fraction_share` and :func:`herfindahl` of ragged vectors padded
    to one width (the simulation's live benchmarks, a row per run); inputs are not validated.

    Parameters
    ----------
    x : array_like, shape (..., n)
        Non-negative holdings.
    where : array_like of bool
        Broadcastable to ``x``: the holdings that belong to their slice.
    q : float
        Fraction of holders in the top share (:math:`\\lceil q n \\rceil`, at least 1).

    Returns
    -------
    tuple of numpy.ndarray, each of shape (...)
        ``(gini, top_share, hhi)``; NaN where a slice holds nothing or sums to 0.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract
       (concentration of benchmark authority).

    Examples
    --------
    >>> x = np.array([[8.0, 1.0, 1.0, 5.0], [2.0, 2.0, 0.0, 0.0]])
    >>> keep = np.array([[True, True, True, False], [True, True, False, False]])
    >>> [np.round(v, 4).tolist() for v in concentration_rows(x, keep, 0.5)]
    [[0.4667, 0.0], [0.9, 0.5], [0.66, 0.5]]
    """
    arr = np.asarray(x, dtype=float)
    keep = np.broadcast_to(np.asarray(where, dtype=bool), arr.shape)
    held = np.where(keep, arr, 0.0)
    total = held.sum(axis=-1)
    k = np.maximum(1.0, np.ceil(float(q) * keep.sum(axis=-1) - 1e-12))[..., None]
    neg_sorted = np.sort(np.where(keep, -arr, np.inf), axis=-1)   # largest holdings first
    with np.errstate(divide="ignore", invalid="ignore"):
        top = -np.where(np.arange(arr.shape[-1]) < k, neg_sorted, 0.0).sum(axis=-1) / total
        shares = held / total[..., None]
        hhi = np.where(total > 0, (shares * shares).sum(axis=-1), np.nan)
    return gini_last_axis(arr, keep), np.where(total > 0, top, np.nan), hhi


def gini(x: Any, *, field: str = "x") -> float:
    """Gini coefficient of a non-negative vector (formula in the module docstring).

    Parameters
    ----------
    x : array_like, shape (n,)
        Non-negative holdings with a positive sum.
    field : str
        Name used in error messages.

    Returns
    -------
    float
        In ``[0, (n-1)/n]``: 0 for equal holdings, :math:`(n-1)/n` when one holder has all.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``x`` is not a 1-D vector of finite non-negative numbers with a positive sum.

    See Also
    --------
    gini_last_axis : The vectorized computation this function calls.

    References
    ----------
    .. [1] C. Gini, "Variabilità e mutabilità", Bologna, 1912.
    .. [2] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract: a
       global Gini of inferred benchmark authority of 0.89.

    Examples
    --------
    >>> gini([1, 1, 1, 1])
    0.0
    >>> gini([0, 0, 0, 4])
    0.75
    >>> gini([1, 2, 3, 4])
    0.25
    """
    arr = np.sort(_holdings(x, field))
    # the sorted copy keeps the sum of sorted values (bit-for-bit the earlier scalar formula)
    return float(gini_last_axis(arr))


def herfindahl(x: Any, *, field: str = "x") -> float:
    """Herfindahl-Hirschman index :math:`\\sum_i s_i^2` of the shares ``x / sum(x)``.

    Parameters
    ----------
    x : array_like, shape (n,)
        Non-negative holdings with a positive sum.
    field : str
        Name used in error messages.

    Returns
    -------
    float
        In ``[1/n, 1]``: ``1/n`` for equal holdings, 1 when one holder has all.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``x`` is not a 1-D vector of finite non-negative numbers with a positive sum.

    References
    ----------
    .. [1] O. C. Herfindahl, "Concentration in the steel industry", PhD thesis, Columbia
       University, 1950; A. O. Hirschman, "National power and the structure of foreign trade",
       1945.
    .. [2] M. Cebrian, T. Kito and R. Castro Fernandez, arXiv:2510.01286, 2025 (concentration of
       benchmark authority, abstract).

    Examples
    --------
    >>> herfindahl([1, 1, 1, 1])
    0.25
    >>> herfindahl([0, 0, 0, 4])
    1.0
    """
    arr = _holdings(x, field)
    s = arr / arr.sum()
    return float(s @ s)


def top_k_share(x: Any, k: int, *, field: str = "x") -> float:
    """Share of the total held by the ``k`` largest holders.

    Parameters
    ----------
    x : array_like, shape (n,)
        Non-negative holdings with a positive sum.
    k : int
        Number of holders counted (>= 1); ``k`` larger than ``n`` counts every holder (share 1).
    field : str
        Name used in error messages.

    Returns
    -------
    float
        :math:`\\sum_{i \\le k} s_{[i]}`, in ``[k/n, 1]``.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``x`` is not a valid vector of holdings or ``k`` is not a positive integer.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, arXiv:2510.01286, 2025, abstract: three
       countries produce 83% of benchmark outputs (a top-3 share).

    Examples
    --------
    >>> top_k_share([5, 3, 1, 1], 2)
    0.8
    """
    arr = _holdings(x, field)
    if int(k) != k or k < 1:
        raise InputError("k", f"is {k!r}", "give a positive integer number of holders")
    k = min(int(k), arr.shape[0])
    top = np.partition(arr, arr.shape[0] - k)[arr.shape[0] - k:]
    return float(top.sum() / arr.sum())


def top_fraction_share(x: Any, q: float, *, field: str = "x") -> float:
    """Share held by the top :math:`\\lceil q n \\rceil` holders, ``0 < q <= 1``.

    Parameters
    ----------
    x : array_like, shape (n,)
        Non-negative holdings with a positive sum.
    q : float
        Fraction of holders counted, in ``(0, 1]`` (at least one holder is counted).
    field : str
        Name used in error messages.

    Returns
    -------
    float
        The top-k share with :math:`k = \\lceil q n \\rceil`.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``q`` is not in ``(0, 1]`` or ``x`` is not a valid vector of holdings.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, arXiv:2510.01286, 2025, abstract: the
       top 15% of nodes account for more than 80% of high-betweenness paths (a top-fraction
       share with q = 0.15).

    Examples
    --------
    >>> top_fraction_share([8, 1, 1, 0, 0, 0, 0, 0, 0, 0], 0.15)
    0.9
    """
    if not (0.0 < float(q) <= 1.0):
        raise InputError("q", f"is {q!r}", "give a fraction in (0, 1]")
    n = np.asarray(x).shape[0] if np.ndim(x) == 1 else 0
    return top_k_share(x, max(1, math.ceil(float(q) * n - 1e-12)), field=field)


@dataclass(frozen=True)
class Concentration:
    """Gini, HHI and top-k share of one vector of holdings.

    Parameters
    ----------
    gini : float
        Gini coefficient (:func:`gini`).
    hhi : float
        Herfindahl-Hirschman index (:func:`herfindahl`).
    top_k_share : float
        Share of the ``k`` largest holders (:func:`top_k_share`).
    k : int
        Holders counted in ``top_k_share``.
    n : int
        Number of holders.
    total : float
        Sum of the holdings.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, arXiv:2510.01286, 2025, abstract
       (authority Gini 0.89; top-3 country share 0.83).
    """

    gini: float
    hhi: float
    top_k_share: float
    k: int
    n: int
    total: float

    def to_dict(self) -> dict:
        """The fields as a plain dictionary (for JSON output).

        Returns
        -------
        dict
            Keys ``gini, hhi, top_k_share, k, n, total``.
        """
        return {"gini": self.gini, "hhi": self.hhi, "top_k_share": self.top_k_share,
                "k": self.k, "n": self.n, "total": self.total}


def concentration(x: Any, k: int = 3, *, field: str = "x") -> Concentration:
    """All three concentration measures of ``x`` (see the module docstring).

    Parameters
    ----------
    x : array_like, shape (n,)
        Non-negative holdings with a positive sum.
    k : int
        Holders counted in the top-k share (3, the paper's country statistic).
    field : str
        Name used in error messages.

    Returns
    -------
    Concentration
        Gini, HHI, top-k share, ``k`` (capped at ``n``), ``n`` and the total.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``x`` is not a valid vector of holdings or ``k`` is not a positive integer.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, arXiv:2510.01286, 2025, abstract
       (authority Gini 0.89; three countries produce 83% of benchmark outputs).

    Examples
    --------
    >>> c = concentration([5, 3, 1, 1], k=2)
    >>> round(c.gini, 4), round(c.hhi, 4), c.top_k_share, c.n
    (0.35, 0.36, 0.8, 4)
    """
    arr = _holdings(x, field)
    return Concentration(gini=gini(arr, field=field), hhi=herfindahl(arr, field=field),
                         top_k_share=top_k_share(arr, k, field=field), k=min(int(k), arr.size),
                         n=int(arr.size), total=float(arr.sum()))

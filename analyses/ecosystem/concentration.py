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
    "gini",
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
        In ``[0, (n-1)/n]``.
    """
    arr = np.sort(_holdings(x, field))
    n = arr.shape[0]
    ranks = np.arange(1, n + 1, dtype=float)
    value = 2.0 * float(ranks @ arr) / (n * float(arr.sum())) - (n + 1) / n
    return float(min(max(value, 0.0), (n - 1) / n))  # clip round-off only


def herfindahl(x: Any, *, field: str = "x") -> float:
    """Herfindahl-Hirschman index :math:`\\sum_i s_i^2` of the shares ``x / sum(x)``."""
    arr = _holdings(x, field)
    s = arr / arr.sum()
    return float(s @ s)


def top_k_share(x: Any, k: int, *, field: str = "x") -> float:
    """Share of the total held by the ``k`` largest holders.

    ``k`` larger than the number of holders counts every holder (share 1).
    """
    arr = _holdings(x, field)
    if int(k) != k or k < 1:
        raise InputError("k", f"is {k!r}", "give a positive integer number of holders")
    k = min(int(k), arr.shape[0])
    top = np.partition(arr, arr.shape[0] - k)[arr.shape[0] - k:]
    return float(top.sum() / arr.sum())


def top_fraction_share(x: Any, q: float, *, field: str = "x") -> float:
    """Share held by the top :math:`\\lceil q n \\rceil` holders, ``0 < q <= 1``."""
    if not (0.0 < float(q) <= 1.0):
        raise InputError("q", f"is {q!r}", "give a fraction in (0, 1]")
    n = np.asarray(x).shape[0] if np.ndim(x) == 1 else 0
    return top_k_share(x, max(1, math.ceil(float(q) * n - 1e-12)), field=field)


@dataclass(frozen=True)
class Concentration:
    """Gini, HHI and top-k share of one vector of holdings.

    Attributes
    ----------
    gini, hhi, top_k_share : float
    k : int
        Holders counted in ``top_k_share``.
    n : int
        Number of holders.
    total : float
        Sum of the holdings.
    """

    gini: float
    hhi: float
    top_k_share: float
    k: int
    n: int
    total: float

    def to_dict(self) -> dict:
        return {"gini": self.gini, "hhi": self.hhi, "top_k_share": self.top_k_share,
                "k": self.k, "n": self.n, "total": self.total}


def concentration(x: Any, k: int = 3, *, field: str = "x") -> Concentration:
    """All three concentration measures of ``x`` (see the module docstring)."""
    arr = _holdings(x, field)
    return Concentration(gini=gini(arr, field=field), hhi=herfindahl(arr, field=field),
                         top_k_share=top_k_share(arr, k, field=field), k=min(int(k), arr.size),
                         n=int(arr.size), total=float(arr.sum()))

"""Certificates for equilibrium claims: float regrets and exact rational re-verification.

A profile :math:`\\sigma` is an :math:`\\varepsilon`-equilibrium iff for every player ``i``

.. math::  r_i(\\sigma) = \\max_{a_i} u_i(a_i, \\sigma_{-i}) - u_i(\\sigma) \\le \\varepsilon.

The float certificate reports each :math:`r_i` and accepts when
:math:`r_i \\le \\mathrm{tol} \\cdot \\mathrm{range}_i`, the tolerance being relative to the
player's payoff range (so certificates do not depend on the payoff scale).

:func:`verify_exact` redoes the check in rational arithmetic (:class:`fractions.Fraction`); it
lives in :mod:`benchgame.games.exact_verification` with the other exact tools and is re-exported
here.

References
----------
Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from benchgame.core.validation import as_tolerance
from benchgame.games.exact_verification import (
    Deviation,
    ExactVerification,
    exact_payoff_tensor,
    rationalize_profile,
    verify_exact,
)

if TYPE_CHECKING:
    from benchgame.games.normal_form import NormalFormGame

__all__ = [
    "DEFAULT_TOL",
    "Certificate",
    "Deviation",
    "ExactVerification",
    "certificate_of",
    "certify",
    "exact_payoff_tensor",
    "verify_exact",
    "rationalize_profile",
]

DEFAULT_TOL = 1e-9
"""Default relative regret tolerance (fraction of each player's payoff range)."""


@dataclass(frozen=True)
class Certificate:
    """Float certificate of an (approximate) equilibrium, as computed by :func:`certify`.

    Parameters
    ----------
    regrets : tuple of float
        :math:`r_i` for each player, in payoff units.
    relative_regrets : tuple of float
        :math:`r_i / \\mathrm{range}_i`.
    tol : float
        Relative tolerance used for ``passed``.
    passed : bool
        ``max_i r_i / range_i <= tol``.
    exploitability : float
        :math:`\\sum_i r_i` (NashConv), in payoff units.

    Attributes
    ----------
    max_regret : float
        :math:`\\max_i r_i`, in payoff units.
    max_relative_regret : float
        :math:`\\max_i r_i / \\mathrm{range}_i`.
    """

    regrets: tuple[float, ...]
    relative_regrets: tuple[float, ...]
    tol: float
    passed: bool
    exploitability: float

    @property
    def max_regret(self) -> float:
        """Largest regret, in payoff units."""
        return max(self.regrets)

    @property
    def max_relative_regret(self) -> float:
        """Largest regret relative to the player's payoff range."""
        return max(self.relative_regrets)

    def to_dict(self) -> dict:
        """The certificate as a JSON-ready dictionary."""
        return {
            "regrets": list(self.regrets),
            "relative_regrets": list(self.relative_regrets),
            "tol": self.tol,
            "passed": self.passed,
            "exploitability": self.exploitability,
        }


def certify(game: NormalFormGame, profile: Sequence[np.ndarray],
            tol: float = DEFAULT_TOL) -> Certificate:
    """Float regret certificate of ``profile`` in ``game`` with relative tolerance ``tol``.

    Computes each player's regret :math:`r_i = \\max_{a_i} u_i(a_i, \\sigma_{-i}) -
    u_i(\\sigma)` (clipped at 0) and accepts when :math:`r_i \\le \\mathrm{tol} \\cdot
    \\mathrm{range}_i` for every player; a profile with all regrets zero is a Nash equilibrium.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    profile : sequence of ndarray
        One mixed strategy per player.
    tol : float
        Relative tolerance (fraction of each player's payoff range).

    Returns
    -------
    Certificate
        The regrets, relative regrets, exploitability and whether the test passed.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``tol`` is negative or not a number, or ``profile`` is not a mixed profile of
        ``game``.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.

    Examples
    --------
    >>> from benchgame.games.normal_form import NormalFormGame
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> certify(pd, [np.array([0.0, 1.0]), np.array([0.0, 1.0])]).passed
    True
    >>> c = certify(pd, [np.array([1.0, 0.0]), np.array([1.0, 0.0])])
    >>> c.regrets, c.relative_regrets, c.exploitability, c.passed
    ((2.0, 2.0), (0.4, 0.4), 4.0, False)
    """
    tol = as_tolerance(tol)
    return certificate_of(game.regrets(profile), game.regret_scale(), tol)


def certificate_of(regrets: Sequence[float] | np.ndarray, scale: Sequence[float] | np.ndarray,
                   tol: float) -> Certificate:
    """The certificate of a profile from its per-player regrets and regret scales.

    The one place that turns regrets into a verdict: regrets are clipped at 0, divided by the
    scale (:meth:`~benchgame.games.normal_form.NormalFormGame.regret_scale`) and compared with
    ``tol``; the exploitability is their sum. :func:`certify` calls it, and so do solvers that
    compute the regrets of their end point themselves (Lemke-Howson, in its compiled kernel).

    Parameters
    ----------
    regrets : array_like of float
        :math:`\\max_{a_i} u_i(a_i, \\sigma_{-i}) - u_i(\\sigma)` for each player, in payoff
        units.
    scale : array_like of float
        Each player's regret scale (positive).
    tol : float
        Relative tolerance, already checked (:func:`benchgame.core.validation.as_tolerance`).

    Returns
    -------
    Certificate
        The regrets, relative regrets, exploitability and whether the test passed.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.

    Examples
    --------
    >>> c = certificate_of([2.0, -1e-17], [5.0, 5.0], 0.1)
    >>> c.regrets, c.relative_regrets, c.exploitability, c.passed
    ((2.0, 0.0), (0.4, 0.0), 2.0, False)
    """
    r = np.maximum(regrets, 0.0)
    rel = (r / scale).tolist()
    return Certificate(
        regrets=tuple(r.tolist()),
        relative_regrets=tuple(rel),
        tol=float(tol),
        passed=bool(max(rel) <= tol),
        exploitability=float(r.sum()),
    )

"""The principal branch of logit quantal response equilibria, followed from lambda = 0.

A logit quantal response equilibrium (QRE) with precision :math:`\\lambda \\ge 0` is a profile
with :math:`x_{jk} \\propto \\exp(\\lambda\\, u_j(k, x_{-j}))` for every player ``j`` (McKelvey
and Palfrey 1995). In log-probability coordinates :math:`w_{jk} = \\ln x_{jk}` the QRE
correspondence is the zero set of

.. math::  \\sum_k e^{w_{jk}} - 1 = 0, \\qquad
           w_{jk} - w_{j0} - \\lambda\\,(u_j(k, x_{-j}) - u_j(0, x_{-j})) = 0 \\quad (k \\ge 1),

``N`` equations in the ``N + 1`` unknowns :math:`(w, \\lambda)`. At :math:`\\lambda = 0` the only
solution is the centroid; for almost every game the branch through it is a smooth curve along
which :math:`\\lambda \\to \\infty`, converging to a Nash equilibrium, the *logit solution* (an
equilibrium selection). The branch is followed by an Euler predictor along the unit tangent (the
null vector of the Jacobian, oriented to continue the previous one) and a chord-Newton corrector
with minimum-norm steps, as in Gambit's ``logit`` solver (Turocy 2005). A step is accepted only
if the corrector contracts, its first correction is under a tenth of the step, the tangent turns
by less than about 6 degrees and lambda stays nonnegative; otherwise it is halved (and grown by
``max_accel`` after easy steps). The payoffs are the game's own (so :math:`\\lambda` has the same
scale as Gambit's). Log coordinates keep strategies whose probability vanishes like
:math:`e^{-\\lambda \\Delta}` well conditioned. The end of the path is polished on its support
(moving it by at most 0.1, so the limit stays that of the followed branch) and certified (see
:mod:`benchgame.games.support_newton`). In non-generic games (symmetries) the branch can meet
others at bifurcation points; the path then continues along the branch it is on.

References
----------
McKelvey, R. D. and Palfrey, T. R. (1995). Quantal response equilibria for normal form games.
*Games and Economic Behavior* 10(1), 6-38.

Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic quantal response
equilibrium correspondence. *Games and Economic Behavior* 51(2), 243-263.

Allgower, E. L. and Georg, K. (1990). *Numerical Continuation Methods*. Springer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from benchgame.core.serialize import to_jsonable
from benchgame.core.validation import require
from benchgame.games.certificate import DEFAULT_TOL, certify
from benchgame.games.equilibrium import Equilibrium
from benchgame.games.multilinear import MultilinearPayoffs
from benchgame.games.normal_form import NormalFormGame
from benchgame.games.support_newton import certified_mixed_equilibrium

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LogitPath", "logit_path"]


@dataclass(frozen=True, eq=False)
class LogitPath:
    """The followed branch of logit QRE and the Nash equilibrium it converges to.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    lambdas : ndarray
        Precision of each accepted point on the path, starting at 0.
    profiles : tuple of tuple of ndarray
        The QRE profile at each point.
    equilibrium : Equilibrium
        The polished, certified limit (method ``"logit"``).
    provenance : Mapping
        Steps taken, the last lambda, the end point's regret, step-size rejections, and why the
        path stopped.
    """

    game: NormalFormGame
    lambdas: np.ndarray
    profiles: tuple[tuple[np.ndarray, ...], ...]
    equilibrium: Equilibrium
    provenance: Any = field(default_factory=lambda: MappingProxyType({}))

    def to_dict(self) -> dict:
        """The path and the equilibrium as a JSON-ready dictionary.

        Returns
        -------
        dict
            ``players``, ``strategies``, ``lambda`` (list), ``profiles`` (one list of mixed
            strategies per point), ``equilibrium`` (with its exact verification) and
            ``provenance``.
        """
        return {
            "players": list(self.game.players),
            "strategies": [list(s) for s in self.game.labels],
            "lambda": [float(v) for v in self.lambdas],
            "profiles": [[s.tolist() for s in p] for p in self.profiles],
            "equilibrium": self.equilibrium.to_dict(exact=True),
            "provenance": {k: to_jsonable(v) for k, v in self.provenance.items()},
        }

    def to_frame(self) -> pd.DataFrame:
        """The path as a table: one row per point, one column per (player, strategy).

        Returns
        -------
        pandas.DataFrame
            Index ``lambda``; columns a MultiIndex of the game's player and strategy names.

        Examples
        --------
        >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], labels=[["H", "T"], ["H", "T"]],
        ...                                  players=["row", "col"])
        >>> logit_path(g).to_frame().iloc[0]
        row  H    0.5
             T    0.5
        col  H    0.5
             T    0.5
        Name: 0.0, dtype: float64
        """
        import pandas as pd

        game = self.game
        columns = pd.MultiIndex.from_tuples(
            [(p, lab) for p, labs in zip(game.players, game.labels, strict=True) for lab in labs])
        data = np.array([np.concatenate(p) for p in self.profiles])
        return pd.DataFrame(data, columns=columns,
                            index=pd.Index(np.asarray(self.lambdas, float), name="lambda"))


class _System:
    """The QRE equations in log coordinates, their Jacobian and unit tangent."""

    def __init__(self, game: NormalFormGame) -> None:
        self.ml = MultilinearPayoffs(game)
        self.shape = game.shape
        self.split = np.cumsum(game.shape)[:-1]
        self.starts = np.cumsum([0, *game.shape])
        self.N = int(self.starts[-1])
        self.scale = game.regret_scale()

    def profile(self, z: np.ndarray) -> list[np.ndarray]:
        return np.split(np.exp(z[:-1]), self.split)

    def residual(self, z: np.ndarray) -> np.ndarray:
        lam, x = z[-1], self.profile(z)
        vals = self.ml.action_values(x)
        H = np.empty(self.N)
        for j, (a, b) in enumerate(zip(self.starts[:-1], self.starts[1:], strict=True)):
            H[a] = x[j].sum() - 1.0
            H[a + 1:b] = z[a + 1:b] - z[a] - lam * (vals[j][1:] - vals[j][0])
        return H

    def jacobian(self, z: np.ndarray) -> np.ndarray:
        lam, x = z[-1], self.profile(z)
        vals = self.ml.action_values(x)
        N, st, n = self.N, self.starts, len(x)
        J = np.zeros((N, N + 1))
        for j in range(n):
            a, b = st[j], st[j + 1]
            J[a, a:b] = x[j]
            if b - a == 1:
                continue
            rows = np.arange(a + 1, b)
            J[rows, rows] = 1.0
            J[a + 1:b, a] = -1.0
            J[a + 1:b, N] = -(vals[j][1:] - vals[j][0])
            for lo in range(n):
                if lo != j:
                    P = self.ml.pair_values(x, j, lo)
                    J[a + 1:b, st[lo]:st[lo + 1]] = -lam * (P[1:] - P[0]) * x[lo]
        return J

    def relative_regret(self, z: np.ndarray) -> float:
        return float((self.ml.regrets(self.profile(z)) / self.scale).max())

    @staticmethod
    def tangent(J: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
        q = np.linalg.qr(J.T, mode="complete")[0][:, -1]
        ref = previous if previous is not None else np.eye(J.shape[1])[-1]
        return q if q @ ref >= 0 else -q


def _correct(system: _System, z: np.ndarray, max_iter: int = 10
             ) -> tuple[np.ndarray, np.ndarray, bool, float]:
    """Chord-Newton corrector with the minimum-norm step of the predicted point's Jacobian.

    Returns the corrected point, the Jacobian there, whether it converged, and the size of the
    first correction (for step-size control).
    """
    pinv = np.linalg.pinv(system.jacobian(z))
    first, prev = 0.0, np.inf
    for it in range(max_iter):
        dz = -pinv @ system.residual(z)
        size = float(np.linalg.norm(dz))
        if it == 0:
            first = size
        if not np.isfinite(size) or (it > 0 and size > 0.5 * prev):
            break
        z = z + dz
        prev = size
        if size < 1e-11 * (1.0 + float(np.linalg.norm(z))):
            ok = bool(np.abs(system.residual(z)).max() < 1e-9)
            return z, system.jacobian(z), ok, first
    return z, np.zeros((0, 0)), False, first


def logit_path(
    game: NormalFormGame,
    *,
    tol: float = DEFAULT_TOL,
    stop_regret: float = 1e-7,
    lambda_max: float = 1e12,
    first_step: float = 0.03,
    max_accel: float = 1.25,
    max_steps: int = 5000,
) -> LogitPath:
    """Follow the principal branch of logit QRE from the centroid and certify its limit.

    Parameters
    ----------
    game : NormalFormGame
        Any finite game.
    tol : float
        Relative tolerance of the limiting equilibrium's certificate.
    stop_regret : float
        Stop once the QRE's maximum regret, relative to the player's payoff range, is at most
        this (the limit is then polished on its support).
    lambda_max : float
        Stop at this precision in any case.
    first_step : float
        First arclength step.
    max_accel : float
        Largest factor by which a step may grow after an easy correction.
    max_steps : int
        Budget of predictor-corrector steps.

    Returns
    -------
    LogitPath
        The accepted points and the certified limiting equilibrium (method ``"logit"``), whose
        provenance holds the final lambda and why the path stopped.

    Raises
    ------
    benchgame.core.validation.InputError
        On invalid arguments.

    References
    ----------
    McKelvey, R. D. and Palfrey, T. R. (1995). Quantal response equilibria for normal form
    games. *Games and Economic Behavior* 10(1), 6-38.

    Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic quantal response
    equilibrium correspondence. *Games and Economic Behavior* 51(2), 243-263.

    Examples
    --------
    >>> coordination = NormalFormGame.from_bimatrix([[3, 0], [0, 1]], [[2, 0], [0, 1]])
    >>> path = logit_path(coordination)  # selects the payoff-dominant equilibrium
    >>> [[str(p) for p in s] for s in path.equilibrium.exact]
    [['1', '0'], ['1', '0']]
    >>> float(path.lambdas[0]), path.provenance["stopped"]
    (0.0, 'regret')
    """
    for name, value in (("stop_regret", stop_regret), ("lambda_max", lambda_max),
                        ("first_step", first_step)):
        require(isinstance(value, (int, float)) and np.isfinite(value) and value > 0, name,
                f"is {value!r}", "give a positive number")
    require(isinstance(max_accel, (int, float)) and max_accel >= 1, "max_accel",
            f"is {max_accel!r}", "give a factor of at least 1")
    system = _System(game)
    z = np.concatenate([np.full(m, -np.log(m)) for m in game.shape] + [np.zeros(1)])
    t = system.tangent(system.jacobian(z), None)
    h, steps, rejected, stopped = float(first_step), 0, 0, "max_steps"
    lambdas, profiles = [0.0], [tuple(system.profile(z))]
    while steps < max_steps:
        z_new, J_new, ok, first = _correct(system, z + h * t)
        t_new = system.tangent(J_new, t) if ok else t
        cos = float(t_new @ t)
        if not ok or first > 0.1 * h or cos < 0.995 or z_new[-1] < 0:
            rejected += 1
            h /= 2.0
            if h < 1e-12:
                stopped = "step_size"
                break
            continue
        steps += 1
        z, t = z_new, t_new
        x = tuple(system.profile(z))
        lambdas.append(float(z[-1]))
        profiles.append(x)
        if system.relative_regret(z) <= stop_regret:
            stopped = "regret"
            break
        if z[-1] >= lambda_max:
            stopped = "lambda_max"
            break
        h *= max_accel if first < 0.05 * h and cos > 0.999 else 1.0
    end_regret = certify(game, profiles[-1]).max_relative_regret
    prov = {"steps": steps, "rejected_steps": rejected, "final_lambda": lambdas[-1],
            "end_regret": end_regret, "stopped": stopped,
            "reference": "McKelvey and Palfrey (1995); Turocy (2005)"}
    radius = 0.1  # polish towards the followed branch's limit, never to another equilibrium
    eq = certified_mixed_equilibrium(game, profiles[-1], "logit", tol=tol, radius=radius,
                                     provenance=prov)
    return LogitPath(game=game, lambdas=np.array(lambdas), profiles=tuple(profiles),
                     equilibrium=eq, provenance=MappingProxyType(prov))


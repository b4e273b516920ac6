"""Shared machinery of the learning dynamics that compute approximate equilibria.

Learning dynamics (regret matching, fictitious play, replicator dynamics) produce a sequence of
profiles, usually averages :math:`\\bar\\sigma^t`. Their quality is measured by the
*exploitability* (NashConv)

.. math::  \\mathrm{NashConv}(\\sigma) = \\sum_i \\big(\\max_{a_i} u_i(a_i, \\sigma_{-i})
           - u_i(\\sigma)\\big),

which is zero exactly at Nash equilibria. Every dynamic here returns an
:class:`~benchgame.games.equilibrium.Equilibrium` whose certificate carries the regrets and the
exploitability of the returned profile, and whose provenance records the iterations run, whether
the stopping test ``max_i r_i / range_i <= tol`` was met, and a summary of the exploitability
trace. A run that does not converge is still returned, with ``certificate.passed = False`` and
``provenance["converged"] = False``: the number is the answer, never a sentinel.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from benchgame.core.validation import InputError, require
from benchgame.games.certificate import certify
from benchgame.games.equilibrium import Equilibrium
from benchgame.games.normal_form import NormalFormGame

__all__ = ["ExploitabilityTrace", "as_rng", "initial_profile", "normalised", "validate_run"]

_INITS = ("uniform", "random")
_MAX_TRACE = 64


def validate_run(game: Any, tol: float, max_iter: int, check_every: int) -> None:
    """Common argument checks of the learning dynamics.

    Parameters
    ----------
    game : NormalFormGame
        The game to be played; anything else is rejected.
    tol : float
        Relative regret tolerance; must be finite and ``>= 0``.
    max_iter : int
        Iteration budget; must be a positive integer.
    check_every : int
        Iterations between exploitability checks; must be a positive integer.

    Raises
    ------
    benchgame.core.validation.InputError
        Naming the first argument that fails its check.

    Examples
    --------
    >>> g = NormalFormGame.from_bimatrix([[1, 0], [0, 1]])
    >>> validate_run(g, 1e-3, 100, 10)
    >>> try:
    ...     validate_run(g, 1e-3, 0, 10)
    ... except InputError as err:
    ...     print(err)
    max_iter: is 0; give a positive number of iterations
    """
    require(isinstance(game, NormalFormGame), "game", f"is a {type(game).__name__}",
            "build a benchgame.games.NormalFormGame first")
    require(isinstance(tol, (int, float)) and np.isfinite(tol) and tol >= 0, "tol",
            f"is {tol!r}", "give a relative regret tolerance >= 0, e.g. 1e-3")
    require(isinstance(max_iter, (int, np.integer)) and max_iter >= 1, "max_iter",
            f"is {max_iter!r}", "give a positive number of iterations")
    require(isinstance(check_every, (int, np.integer)) and check_every >= 1, "check_every",
            f"is {check_every!r}", "give a positive number of iterations between checks")


def initial_profile(game: NormalFormGame, init: str | Sequence[Any],
                    rng: np.random.Generator) -> list[np.ndarray]:
    """Starting profile of a learning dynamic.

    Parameters
    ----------
    game : NormalFormGame
        The game; fixes the number of players and strategies.
    init : {"uniform", "random"} or sequence of array_like
        ``"uniform"``: every strategy equally likely; ``"random"``: one Dirichlet(1) draw per
        player from ``rng``; otherwise an explicit mixed profile, validated by
        :meth:`NormalFormGame.check_profile`.
    rng : numpy.random.Generator
        Source of the ``"random"`` draws.

    Returns
    -------
    list of ndarray
        One mixed strategy per player (fresh float arrays, safe to update in place).

    Raises
    ------
    benchgame.core.validation.InputError
        On an unknown ``init`` string or an invalid explicit profile.

    Examples
    --------
    >>> g = NormalFormGame(np.zeros((2, 4, 2)))
    >>> [s.tolist() for s in initial_profile(g, "uniform", np.random.default_rng(0))]
    [[0.5, 0.5], [0.25, 0.25, 0.25, 0.25]]
    """
    if isinstance(init, str):
        if init not in _INITS:
            raise InputError("init", f"unknown initial profile {init!r}",
                             "use 'uniform', 'random' or give one mixed strategy per player")
        if init == "uniform":
            return [np.full(m, 1.0 / m) for m in game.shape]
        return [rng.dirichlet(np.ones(m)) for m in game.shape]
    return [np.array(s, dtype=float) for s in game.check_profile(init, "init")]


def as_rng(rng: np.random.Generator | int | None) -> np.random.Generator:
    """A :class:`numpy.random.Generator` from a seed, a Generator, or None.

    Parameters
    ----------
    rng : numpy.random.Generator or int or None
        A Generator is returned as it is; an int seed or None (fresh entropy) goes through
        :func:`numpy.random.default_rng`.

    Returns
    -------
    numpy.random.Generator
        The generator to draw from.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``rng`` is of any other type.

    Examples
    --------
    >>> gen = np.random.default_rng(1)
    >>> as_rng(gen) is gen, isinstance(as_rng(7), np.random.Generator)
    (True, True)
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or isinstance(rng, (int, np.integer)):
        return np.random.default_rng(rng)
    raise InputError("rng", f"is a {type(rng).__name__}",
                     "give an int seed or a numpy.random.Generator")


def normalised(profile: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Clip tiny negative round-off and renormalise every strategy to sum to one.

    Parameters
    ----------
    profile : sequence of ndarray
        One nonnegative (up to round-off) weight vector per player, with positive sum.

    Returns
    -------
    list of ndarray
        The normalised mixed strategies (new arrays).

    Examples
    --------
    >>> [s.tolist() for s in normalised([np.array([2.0, 6.0]), np.array([-1e-18, 1.0])])]
    [[0.25, 0.75], [0.0, 1.0]]
    """
    out = []
    for s in profile:
        s = np.clip(s, 0.0, None)
        out.append(s / s.sum())
    return out


class ExploitabilityTrace:
    """Checkpoints of (iteration, exploitability, max relative regret) during a run.

    Each :meth:`check` certifies the current profile (see
    :func:`benchgame.games.certificate.certify`); :meth:`result` turns the final profile into a
    certified :class:`~benchgame.games.equilibrium.Equilibrium` whose provenance carries the
    run's summary (at most 64 trace points, evenly thinned).

    Parameters
    ----------
    game : NormalFormGame
        The game being played.
    tol : float
        Relative regret tolerance of the stopping test and of the certificate.

    Examples
    --------
    >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> trace = ExploitabilityTrace(g, 1e-3)
    >>> trace.check(1, [np.array([1.0, 0.0]), np.array([0.5, 0.5])])
    False
    >>> trace.check(2, [np.array([0.5, 0.5]), np.array([0.5, 0.5])])
    True
    >>> trace.summary()["exploitability_trace"]
    ((1, 1.0), (2, 0.0))
    """

    def __init__(self, game: NormalFormGame, tol: float) -> None:
        self.game = game
        self.tol = tol
        self.points: list[tuple[int, float, float]] = []

    def check(self, iteration: int, profile: Sequence[np.ndarray]) -> bool:
        """Record the exploitability of ``profile``; True when the tolerance is met."""
        cert = certify(self.game, normalised(profile), self.tol)
        self.points.append((iteration, cert.exploitability, cert.max_relative_regret))
        return cert.passed

    def summary(self) -> dict[str, Any]:
        """The trace (thinned to at most 64 points), first, last and best exploitability."""
        pts = self.points
        if len(pts) > _MAX_TRACE:
            keep = np.unique(np.linspace(0, len(pts) - 1, _MAX_TRACE).round().astype(int))
            pts = [pts[k] for k in keep]
        expl = [p[1] for p in self.points]
        return {
            "exploitability_trace": tuple((it, e) for it, e, _ in pts),
            "initial_exploitability": expl[0],
            "final_exploitability": expl[-1],
            "best_exploitability": min(expl),
            "checks": len(self.points),
        }

    def result(self, profile: Sequence[np.ndarray], method: str, iterations: int,
               converged: bool, **details: Any) -> Equilibrium:
        """The certified :class:`Equilibrium` of ``profile`` with the run's provenance."""
        provenance = {"iterations": iterations, "converged": converged, "tol": self.tol,
                      **self.summary(), **details}
        return Equilibrium.certified(self.game, normalised(profile), method, tol=self.tol,
                                     provenance=provenance)

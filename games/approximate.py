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
    """Common argument checks of the learning dynamics."""
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
    """Starting profile: ``"uniform"``, ``"random"`` (Dirichlet(1) per player, from ``rng``) or an
    explicit mixed profile."""
    if isinstance(init, str):
        if init not in _INITS:
            raise InputError("init", f"unknown initial profile {init!r}",
                             "use 'uniform', 'random' or give one mixed strategy per player")
        if init == "uniform":
            return [np.full(m, 1.0 / m) for m in game.shape]
        return [rng.dirichlet(np.ones(m)) for m in game.shape]
    return [np.array(s, dtype=float) for s in game.check_profile(init, "init")]


def as_rng(rng: np.random.Generator | int | None) -> np.random.Generator:
    """``numpy.random.default_rng`` of an int seed, a Generator, or None (fresh entropy)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or isinstance(rng, (int, np.integer)):
        return np.random.default_rng(rng)
    raise InputError("rng", f"is a {type(rng).__name__}",
                     "give an int seed or a numpy.random.Generator")


def normalised(profile: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Clip tiny negative round-off and renormalise every strategy to sum to one."""
    out = []
    for s in profile:
        s = np.clip(s, 0.0, None)
        out.append(s / s.sum())
    return out


class ExploitabilityTrace:
    """Checkpoints of (iteration, exploitability, max relative regret) during a run."""

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

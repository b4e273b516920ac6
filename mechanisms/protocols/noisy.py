"""Noisy evaluation: the leaderboard measures each model on a finite test set.

:class:`NoisyProtocol` keeps the effort-to-training map of a deterministic protocol (by default
tune-before-test at level ``delta``) and replaces the observed score by a random one: accuracy on
``m`` test questions (binomial) or its normal approximation. Ranks are then random given
efforts, as in rank-order tournaments with noisy output (Lazear and Rosen 1981). This protocol
family is not an item of Chen, Zhang and Hardt (2026): their scores are deterministic.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from benchgame.core.validation import require
from benchgame.games.leaderboard.noisy_scores import (
    ObservedScores,
    binomial_scores,
    gaussian_scores,
    question_count,
)
from benchgame.games.leaderboard.protocol import Protocol, TuneBeforeTest

__all__ = ["NoisyProtocol"]


class NoisyProtocol(Protocol):
    """A deterministic protocol's training map with scores measured on ``m`` test questions.

    Parameters
    ----------
    m : int
        Number of test questions, ``>= 1``.
    delta : float, default 0
        Tune-before-test level of the base protocol (ignored when ``base`` is given).
    noise : {"binomial", "gaussian"}, default "binomial"
        ``binomial``: ``Y = Binomial(m, s) / m``; ``gaussian``: ``N(s, s(1-s)/m)`` on a
        reporting grid (:func:`~benchgame.games.leaderboard.noisy_scores.gaussian_scores`).
    resolution : float, optional
        Reporting step of the Gaussian model.
    base : Protocol, optional
        The effort-to-training map (default ``TuneBeforeTest(delta)``).

    Raises
    ------
    InputError
        If ``m``, ``delta``, ``noise`` or ``resolution`` is invalid.

    References
    ----------
    Lazear and Rosen (1981), Rank-order tournaments as optimum labor contracts, Journal of
    Political Economy 89; Chen, Zhang and Hardt (2026), Leaderboard incentives,
    arXiv:2603.08371, Section 5 (the protocol's training map).

    Examples
    --------
    >>> p = NoisyProtocol(m=4, delta=1.0)
    >>> p.effective_training([0.5]).tolist(), p.deterministic
    ([1.5], False)
    >>> p.observe([0.5]).pmf.round(4).tolist()
    [[0.0625, 0.25, 0.375, 0.25, 0.0625]]
    """

    deterministic = False

    def __init__(self, m: int, delta: float = 0.0,
                 noise: Literal["binomial", "gaussian"] = "binomial",
                 resolution: float | None = None, base: Protocol | None = None) -> None:
        self.m = question_count(m)
        require(noise in ("binomial", "gaussian"), "noise", f"is {noise!r}",
                "use 'binomial' or 'gaussian'")
        self.noise = noise
        self.resolution = resolution
        self.base = TuneBeforeTest(delta) if base is None else base
        require(isinstance(self.base, Protocol) and self.base.deterministic, "base",
                "is not a deterministic Protocol", "give the effort-to-training map")
        self.name = f"noisy_{noise}"
        self.monotone_certificate = None

    @property
    def level(self) -> float:
        return self.base.level

    def effective_training(self, effort: Any) -> np.ndarray:
        return self.base.effective_training(effort)

    def min_effort_exceeding(self, x: Any) -> np.ndarray:
        return self.base.min_effort_exceeding(x)

    def min_effort_reaching(self, x: Any) -> np.ndarray:
        return self.base.min_effort_reaching(x)

    def at_level(self, delta: float) -> Protocol:
        return NoisyProtocol(self.m, noise=self.noise, resolution=self.resolution,
                             base=self.base.at_level(delta))

    def with_questions(self, m: int) -> NoisyProtocol:
        """The same protocol measured on ``m`` test questions.

        Parameters
        ----------
        m : int
            Number of test questions.

        Returns
        -------
        NoisyProtocol

        Examples
        --------
        >>> NoisyProtocol(100, 2.0).with_questions(500).to_dict()["m"]
        500
        """
        return NoisyProtocol(m, noise=self.noise, resolution=self.resolution, base=self.base)

    def observe(self, latent: Any) -> ObservedScores:
        if self.noise == "binomial":
            return binomial_scores(latent, self.m)
        return gaussian_scores(latent, self.m, self.resolution)

    def to_dict(self) -> dict:
        return {"protocol": self.name, "delta": self.level, "m": self.m,
                "base": self.base.to_dict(),
                **({"resolution": self.resolution} if self.noise == "gaussian" else {})}

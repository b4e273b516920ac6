"""The evaluation-protocol interface of the leaderboard game, and its own protocol family.

A protocol maps a developer's benchmark-specific effort ``e >= 0`` to the *effective training*
``x(e)`` at which its score is read: ``s_i = v(theta_i, x(e_i))`` (Chen, Zhang and Hardt 2026,
Section 5, where tune-before-test adds the designer's level to every developer's effort). The
solvers use only the :class:`Protocol` interface, so a new protocol needs no
change to them. Contract: ``x`` is continuous and non-decreasing, and the same for every
developer (the evaluation is anonymous).

The full contract of a protocol maps latent capability, effort and the designer's parameters to
an *observed score distribution*: the latent score ``v(theta_i, x(e_i))`` goes through
:meth:`Protocol.observe` (:class:`~benchgame.games.leaderboard.noisy_scores.ObservedScores`).
Deterministic protocols (``deterministic = True``, every one below) report the latent score, the
point-mass case; a noisy protocol overrides ``observe`` and sets ``deterministic = False``, and
its contests are solved on effort grids
(:class:`~benchgame.games.leaderboard.noisy_rank_payoffs.NoisyRankGame`). A protocol whose levels
enter as ``x(e) = Delta + e`` says so in ``monotone_certificate``; only then may the designer use
the monotonicity in Delta of Proposition 5.3.

The game is defined with the paper's own family, tune-before-test, which lives here:

* :class:`TuneBeforeTest`: ``x(e) = Delta + e``: the evaluator fine-tunes every model on the same
  ``Delta`` units of task data before testing (Dominguez-Olmedo et al. 2024; Zhang et al. 2025).
* :class:`DirectEvaluation`: ``x(e) = e`` (current practice, Delta = 0).

Every other protocol (effort caps, user protocols) is a mechanism: see
:mod:`benchgame.mechanisms.protocols`, where protocols are registered by name.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

import numpy as np

from benchgame.core.validation import InputError, require
from benchgame.games.leaderboard.noisy_scores import ObservedScores, point_mass

__all__ = ["DirectEvaluation", "Protocol", "TuneBeforeTest", "protocol_level"]


def protocol_level(delta: Any, field: str = "delta") -> float:
    """Validate a protocol parameter measured in training units.

    Parameters
    ----------
    delta : object
        The value given by the user.
    field : str, default "delta"
        Field named in errors.

    Returns
    -------
    float
        ``delta`` as a finite float ``>= 0``.

    Raises
    ------
    InputError
        If ``delta`` is not a finite number ``>= 0``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 5 (the
    tune-before-test level).
    """
    try:
        d = float(delta)
    except (TypeError, ValueError) as exc:
        raise InputError(field, f"is {delta!r}", "give a number >= 0") from exc
    require(np.isfinite(d) and d >= 0, field, f"is {delta}",
            "the tune-before-test level is a finite number of training units >= 0")
    return d


class Protocol(ABC):
    """Interface of an evaluation protocol: effort ``e`` to effective training ``x(e)``.

    Subclasses implement :attr:`level`, :meth:`effective_training`,
    :meth:`min_effort_exceeding`, :meth:`min_effort_reaching` and :meth:`at_level`; ``x`` must be
    continuous, non-decreasing and the same for every developer (see the module docstring).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 5 (the
    designer's evaluation protocol).
    """

    name: str = "protocol"

    @property
    @abstractmethod
    def level(self) -> float:
        """The designer's tune-before-test level Delta (0 for direct evaluation)."""

    @abstractmethod
    def effective_training(self, effort: Any) -> np.ndarray:
        """``x(e)``: training at which the score is read, for efforts ``e >= 0``."""

    @abstractmethod
    def min_effort_exceeding(self, x: Any) -> np.ndarray:
        """``inf{e >= 0 : x(e) > x}`` (``+inf`` if no effort does; 0 if ``x < x(0)``)."""

    @abstractmethod
    def min_effort_reaching(self, x: Any) -> np.ndarray:
        """``inf{e >= 0 : x(e) >= x}`` (``+inf`` if no effort does)."""

    @abstractmethod
    def at_level(self, delta: float) -> Protocol:
        """The same protocol with tune-before-test level ``delta`` (used by the designer)."""

    def effective_training_at(self, effort: Any, levels: Any) -> np.ndarray:
        """``x(e)`` under this protocol at each tune-before-test level in ``levels``
        (broadcast with ``effort``). Override for speed; the default loops over levels."""
        e_b, d_b = np.broadcast_arrays(np.asarray(effort, float), np.asarray(levels, float))
        out = np.empty(e_b.shape)
        for d in np.unique(d_b):
            m = d_b == d
            out[m] = self.at_level(float(d)).effective_training(e_b[m])
        return out

    def min_effort_exceeding_at(self, x: Any, levels: Any) -> np.ndarray:
        """``min_effort_exceeding`` at each level in ``levels`` (broadcast with ``x``)."""
        x_b, d_b = np.broadcast_arrays(np.asarray(x, float), np.asarray(levels, float))
        out = np.empty(x_b.shape)
        for d in np.unique(d_b):
            m = d_b == d
            out[m] = self.at_level(float(d)).min_effort_exceeding(x_b[m])
        return out

    def min_effort_beyond(self, opponent_effort: Any, offset: Any, *, strict: bool = True
                          ) -> tuple[np.ndarray, np.ndarray]:
        """Least effort whose training passes the opponent's training plus ``offset``.

        For a family with a training offset ``d`` (``v(theta_r, x + d) = v(theta_k, x)``, e.g.
        substitutes), developer r exceeds k playing ``e_k`` iff ``x(e) > x(e_k) + d``.

        Parameters
        ----------
        opponent_effort : array_like
            ``e_k``.
        offset : array_like
            ``d`` (broadcast with ``opponent_effort``).
        strict : bool, default True
            ``x(e) > x(e_k) + d`` (exceed); False: ``>=`` (reach).

        Returns
        -------
        effort : numpy.ndarray
            ``inf{e >= 0 : x(e) > x(e_k) + d}`` (``+inf`` if no effort does).
        ahead : numpy.ndarray of bool
            True where zero effort already does (the infimum 0 is attained).

        Examples
        --------
        Under tune-before-test the level cancels, so no digits are lost at large Delta:

        >>> from benchgame.games.leaderboard import TuneBeforeTest
        >>> e, ahead = TuneBeforeTest(1e17).min_effort_beyond(0.0, 0.5)
        >>> float(e), bool(ahead)
        (0.5, False)
        """
        X = self.effective_training(opponent_effort) + np.asarray(offset, float)
        x0 = self.base_training
        ahead = X < x0 if strict else X <= x0
        eff = self.min_effort_exceeding(X) if strict else self.min_effort_reaching(X)
        return np.where(ahead, 0.0, eff), np.asarray(ahead)

    def min_effort_beyond_at(self, offset: Any, levels: Any) -> np.ndarray:
        """``min_effort_beyond(0, offset)`` at each level in ``levels`` (broadcast)."""
        o_b, d_b = np.broadcast_arrays(np.asarray(offset, float), np.asarray(levels, float))
        out = np.empty(o_b.shape)
        for d in np.unique(d_b):
            m = d_b == d
            out[m] = self.at_level(float(d)).min_effort_beyond(0.0, o_b[m])[0]
        return out

    deterministic: bool = True
    """Whether the observed score is the latent score (overridden by noisy protocols)."""

    monotone_certificate: str | None = None
    """Why Proposition 5.3's monotonicity in the level holds for this protocol's family of
    levels (``None``: not certified, the designer scans levels instead)."""

    def observe(self, latent: Any) -> ObservedScores:
        """Distribution of the observed score for each latent score ``v(theta, x(e))``.

        The user-facing contract of a protocol: latent capability and effort give the latent
        score through :meth:`effective_training`; this method gives what the leaderboard
        reports. Deterministic protocols report the latent score (the point-mass case); noisy
        ones override it and set ``deterministic = False``.

        Parameters
        ----------
        latent : array_like, shape (L,)
            Latent scores in ``[0, 1]``.

        Returns
        -------
        ObservedScores
            Distributions on a common support.

        Examples
        --------
        >>> from benchgame.games.leaderboard import TuneBeforeTest
        >>> TuneBeforeTest(1.0).observe([0.3, 0.6]).pmf.tolist()
        [[1.0, 0.0], [0.0, 1.0]]
        """
        return point_mass(latent)

    @property
    def base_training(self) -> float:
        """``x(0)``: the training every model gets with zero own effort."""
        return float(self.effective_training(0.0))

    def to_dict(self) -> dict:
        return {"protocol": self.name, "delta": self.level}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.to_dict()})"


class TuneBeforeTest(Protocol):
    """Tune-before-test at level ``delta``: ``x(e) = delta + e``.

    The evaluator fine-tunes every model on the same ``delta`` units of task data before testing,
    so each developer's own effort adds to the common level.

    Parameters
    ----------
    delta : float, default 0.0
        The tune-before-test level, in training units (``>= 0``).

    Raises
    ------
    InputError
        If ``delta`` is not a finite number ``>= 0``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 5
    (tune-before-test, Propositions 5.3 and 5.6); Dominguez-Olmedo, Dorner and Hardt (2024),
    arXiv:2407.07890; Zhang, Dominguez-Olmedo and Hardt (2025), arXiv:2507.05195.

    Examples
    --------
    >>> from benchgame.games.leaderboard import TuneBeforeTest
    >>> p = TuneBeforeTest(10.0)
    >>> p.effective_training([0.0, 2.5]).tolist(), p.level
    ([10.0, 12.5], 10.0)
    >>> float(p.min_effort_exceeding(12.0))
    2.0
    """

    name = "tune_before_test"
    monotone_certificate = "x(e) = Delta + e (tune-before-test)"

    def __init__(self, delta: float = 0.0) -> None:
        self._delta = protocol_level(delta)

    @property
    def level(self) -> float:
        return self._delta

    def effective_training(self, effort: Any) -> np.ndarray:
        return self._delta + np.asarray(effort, float)

    def min_effort_exceeding(self, x: Any) -> np.ndarray:
        return np.maximum(np.asarray(x, float) - self._delta, 0.0)

    def min_effort_reaching(self, x: Any) -> np.ndarray:
        return np.maximum(np.asarray(x, float) - self._delta, 0.0)

    def at_level(self, delta: float) -> Protocol:
        return TuneBeforeTest(delta)

    def effective_training_at(self, effort: Any, levels: Any) -> np.ndarray:
        return np.asarray(levels, float) + np.asarray(effort, float)

    def min_effort_exceeding_at(self, x: Any, levels: Any) -> np.ndarray:
        return np.maximum(np.asarray(x, float) - np.asarray(levels, float), 0.0)

    def min_effort_beyond(self, opponent_effort: Any, offset: Any, *, strict: bool = True
                          ) -> tuple[np.ndarray, np.ndarray]:
        # x(e) - x(e_k) = e - e_k: the level cancels exactly
        need = np.asarray(opponent_effort, float) + np.asarray(offset, float)
        return np.maximum(need, 0.0), np.asarray(need < 0 if strict else need <= 0)

    def min_effort_beyond_at(self, offset: Any, levels: Any) -> np.ndarray:
        o_b, _ = np.broadcast_arrays(np.asarray(offset, float), np.asarray(levels, float))
        return np.maximum(o_b, 0.0)


class DirectEvaluation(TuneBeforeTest):
    """Direct evaluation: ``x(e) = e`` (tune-before-test with Delta = 0).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 (stated
    for every level, level 0 being current practice).

    Examples
    --------
    >>> from benchgame.games.leaderboard import DirectEvaluation
    >>> DirectEvaluation().level, DirectEvaluation().at_level(5.0).level
    (0.0, 5.0)
    """

    name = "direct"

    def __init__(self) -> None:
        super().__init__(0.0)

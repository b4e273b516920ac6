"""The developers' subgame G(Delta) of the leaderboard game (Chen, Zhang and Hardt 2026).

Developers ``i = 0..n-1`` (0-based; the paper's ``i + 1``) with capabilities
``theta_0 > theta_1 > ... > theta_{n-1}`` choose efforts ``e_i >= 0``. The protocol maps effort to
effective training ``x(e)`` and the observed score is ``s_i = v(theta_i, x(e_i))``. Utility:

    u_i(e) = R_{rho_i(e)} - c(e_i),
    rho_i(e) = 1 + #{j != i : s_j > s_i or (s_j = s_i and j wins the tie)}.

Tie rules: ``capability`` (higher theta wins; Theorem 4.6 assumes tie-breaking that does not
favour lower capability), ``index`` (a fixed priority order, ``priority[i]`` smaller wins),
``uniform`` (tied models split the rewards of the ranks they occupy, expected reward = mean of
those rewards). Scores are deterministic; rewards depend only on rank; the cost is common to all
developers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from benchgame.core.validation import InputError, as_finite_array, require
from benchgame.games.leaderboard.costs import Cost
from benchgame.games.leaderboard.protocol import DirectEvaluation, Protocol
from benchgame.games.leaderboard.rewards import Rewards
from benchgame.games.leaderboard.score_family import ScoreFamily
from benchgame.games.leaderboard.standings import sorted_standing

__all__ = ["Contest", "TieRule"]

TieRule = Literal["capability", "index", "uniform"]

# above this many developers, standings come from sorting (linear memory), not all pairs
_SORTED_STANDING_FROM = 64
_PROBE_TRAINING = np.array([0.0, 1e-3, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 100.0, 1e3, 1e4, 1e6, 1e9])


@dataclass(frozen=True, eq=False)
class Contest:
    """The followers' subgame for one protocol: a rank-order contest with costly effort.

    Parameters
    ----------
    theta : array_like, shape (n,)
        Capabilities, strictly decreasing (model 0 is the most capable). Unsorted or equal
        capabilities raise InputError (use :meth:`sorted_by_capability` to sort).
    family : ScoreFamily
        Score family ``v(theta, x)``; it must be defined at every capability.
    cost : Cost
        Effort cost ``c(e)``, common to all developers.
    rewards : Rewards or array_like, shape (n,)
        Rank rewards ``R_1 >= ... >= R_n``.
    protocol : Protocol, default DirectEvaluation()
        Evaluation protocol (direct evaluation is tune-before-test at Delta = 0).
    tie : {"capability", "index", "uniform"}, default "capability"
        Tie rule (module docstring).
    priority : array_like of int, shape (n,), optional
        For ``tie="index"``: ``priority[i]`` smaller wins ties (default: model index).
    tie_tol : float, default 0.0
        Scores within ``tie_tol`` are tied (0: exact float comparison; a tolerance is a
        convention of this package for grid games).
    names : sequence of str, optional
        Developer names, most capable first (distinct); reasons and witnesses name developers
        by them (see :meth:`label`). Without names developers are numbered 1..n by capability.

    Raises
    ------
    InputError
        If capabilities are not distinct and decreasing, a component has the wrong type, the
        rewards do not match ``n``, the tie rule or priority is invalid, or the family gives
        scores outside [0, 1].

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371: the developers'
    subgame (``u_i = R_rank(i) - c(e_i)``), Assumptions 4.1 and 4.2, and Theorem 4.6 (tie rule).

    Examples
    --------
    Two developers with ``v = 1 - exp(-(theta + x))``, cost ``c(e) = e`` and a prize of 1:

    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> c = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> c.scores([0.0, 0.6]).round(4).tolist()
    [0.6321, 0.6671]
    >>> c.ranks([0.0, 0.6]).tolist()
    [2, 1]
    >>> c.utilities([0.0, 0.6]).round(2).tolist()
    [0.0, 0.4]
    """

    theta: np.ndarray
    family: ScoreFamily
    cost: Cost
    rewards: Rewards
    protocol: Protocol = field(default_factory=DirectEvaluation)
    tie: TieRule = "capability"
    priority: np.ndarray | None = None
    tie_tol: float = 0.0
    names: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        th = as_finite_array(self.theta, "theta", ndim=1)
        require(th.size >= 2, "theta", f"has {th.size} developer", "give n >= 2 developers")
        d = np.diff(th)
        if np.any(d == 0):
            k = int(np.flatnonzero(d == 0)[0])
            raise InputError("theta", f"theta[{k}] = theta[{k + 1}] = {th[k]}: equal "
                             "capabilities are outside the model", "make capabilities distinct")
        if np.any(d > 0):
            k = int(np.flatnonzero(d > 0)[0])
            raise InputError("theta", f"is not strictly decreasing (theta[{k}] = {th[k]} < "
                             f"theta[{k + 1}] = {th[k + 1]})", "sort developers by capability, "
                             "highest first (Contest.sorted_by_capability does it)")
        th.setflags(write=False)
        object.__setattr__(self, "theta", th)
        require(isinstance(self.family, ScoreFamily), "family", "is not a ScoreFamily")
        require(isinstance(self.cost, Cost), "cost", "is not a Cost")
        require(isinstance(self.protocol, Protocol), "protocol", "is not a Protocol")
        rew = self.rewards if isinstance(self.rewards, Rewards) else Rewards(self.rewards)
        require(rew.n == th.size, "rewards", f"has {rew.n} entries for {th.size} developers",
                "give one reward per rank")
        object.__setattr__(self, "rewards", rew)
        require(self.tie in ("capability", "index", "uniform"), "tie", f"is {self.tie!r}",
                "use 'capability', 'index' or 'uniform'")
        if self.priority is not None:
            pr = np.asarray(self.priority)
            require(pr.shape == th.shape and set(pr.tolist()) == set(range(th.size)),
                    "priority", "is not a permutation of 0..n-1")
            object.__setattr__(self, "priority", pr.astype(int))
        require(np.isfinite(self.tie_tol) and self.tie_tol >= 0, "tie_tol",
                f"is {self.tie_tol}", "use a tolerance >= 0")
        if self.names is not None:
            nm = tuple(self.names) if not isinstance(self.names, str) else (self.names,)
            require(len(nm) == th.size and all(isinstance(x, str) for x in nm), "names",
                    f"is {self.names!r}", f"give {th.size} strings, most capable first")
            require(len(set(nm)) == len(nm), "names", f"repeats a name: {list(nm)!r}",
                    "give each developer its own name")
            object.__setattr__(self, "names", nm)
        self.family.validate_capabilities(th)
        self._check_scores_in_unit_interval()

    def _check_scores_in_unit_interval(self) -> None:
        x = self.protocol.base_training + _PROBE_TRAINING
        vals = self.family.value(self.theta[:, None], x[None, :])
        caps = self.family.ceiling(self.theta)
        bad = ~np.isfinite(vals) | (vals < 0) | (vals > 1)
        if np.any(bad):
            i, j = np.argwhere(bad)[0]
            raise InputError("family", f"gives score {vals[i, j]} for theta = {self.theta[i]} at "
                             f"training {x[j]}, outside [0, 1]", "use a score family with "
                             "values in [0, 1]")
        if np.any((caps < 0) | (caps > 1)):
            raise InputError("family", "has a ceiling U(theta) outside [0, 1]",
                             "use a score family with values in [0, 1]")

    # ----------------------------------------------------------------------------------------
    @classmethod
    def sorted_by_capability(cls, theta: Any, family: ScoreFamily, cost: Cost, rewards: Any,
                             **kwargs: Any) -> tuple[Contest, np.ndarray]:
        """Build a contest from capabilities in any order.

        Returns ``(contest, order)`` with ``order[k]`` the input index of the k-th most capable
        developer. Equal capabilities still raise.
        """
        th = as_finite_array(theta, "theta", ndim=1)
        order = np.argsort(-th, kind="stable")
        if kwargs.get("names") is not None:
            names = list(kwargs["names"])
            require(len(names) == th.size, "names", f"has {len(names)} names for {th.size} "
                    "developers", "give one name per developer")
            kwargs["names"] = tuple(names[int(i)] for i in order)
        return cls(th[order], family, cost, rewards, **kwargs), order

    @property
    def n(self) -> int:
        """Number of developers."""
        return int(self.theta.size)

    @property
    def delta(self) -> float:
        """The protocol's tune-before-test level."""
        return self.protocol.level

    def label(self, i: int) -> str:
        """How reasons and witnesses name developer ``i`` (0-based, by capability): its name
        quoted, or its 1-based number by capability.

        Parameters
        ----------
        i : int
            0-based index (0 is the most capable).

        Returns
        -------
        str
            ``'A'`` (quoted name) or ``2`` (1-based number) as text.

        Examples
        --------
        >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
        >>> c = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
        >>> c.label(1), c.with_names(["A", "B"]).label(1)
        ('2', "'B'")
        """
        return repr(self.names[i]) if self.names is not None else str(i + 1)

    def with_names(self, names: Any) -> Contest:
        """The same contest with developer names (most capable first)."""
        return Contest(self.theta, self.family, self.cost, self.rewards, self.protocol, self.tie,
                       self.priority, self.tie_tol, None if names is None else tuple(names))

    def with_protocol(self, protocol: Protocol) -> Contest:
        """The same contest under ``protocol``."""
        return Contest(self.theta, self.family, self.cost, self.rewards, protocol, self.tie,
                       self.priority, self.tie_tol, self.names)

    def at_level(self, delta: float) -> Contest:
        """The same contest under the protocol at tune-before-test level ``delta``."""
        return self.with_protocol(self.protocol.at_level(delta))

    def with_rewards(self, rewards: Any) -> Contest:
        """The same contest with other rank rewards."""
        return Contest(self.theta, self.family, self.cost, rewards, self.protocol, self.tie,
                       self.priority, self.tie_tol, self.names)

    # ----------------------------------------------------------------------------------------
    def _efforts(self, efforts: Any) -> np.ndarray:
        e = np.asarray(efforts, dtype=float)
        require(e.ndim >= 1 and e.shape[-1] == self.n, "efforts",
                f"has shape {e.shape}, expected (..., {self.n})")
        if np.any(~np.isfinite(e)) or np.any(e < 0):
            raise InputError("efforts", "contains a negative or non-finite effort",
                             "efforts are finite numbers >= 0")
        return e

    def zero_scores(self) -> np.ndarray:
        """``a_k(Delta) = v(theta_k, x(0))``: scores with zero own effort."""
        return self.family.value(self.theta, self.protocol.base_training)

    def scores(self, efforts: Any) -> np.ndarray:
        """Observed scores ``s_i = v(theta_i, x(e_i))``, shape ``(..., n)``."""
        e = self._efforts(efforts)
        return self.family.value(self.theta, self.protocol.effective_training(e))

    def _wins_tie(self) -> np.ndarray:
        """``W[i, j]``: j wins a tie against i."""
        idx = np.arange(self.n)
        if self.tie == "index" and self.priority is not None:
            p = self.priority
            return p[None, :] < p[:, None]
        return idx[None, :] < idx[:, None]   # capability order = index order

    def _standing(self, s: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Counts per player: strictly higher score, tied and winning the tie, tied total."""
        if self.n > _SORTED_STANDING_FROM and np.isfinite(s).all():
            key = self.priority if self.tie == "index" and self.priority is not None \
                else np.arange(self.n)
            rows = [sorted_standing(r, self.tie_tol, key) for r in s.reshape(-1, self.n)]
            return tuple(np.stack([r[k] for r in rows]).reshape(s.shape) for k in range(3))
        diff = s[..., None, :] - s[..., :, None]          # [..., i, j] = s_j - s_i
        above = diff > self.tie_tol
        tied = (np.abs(diff) <= self.tie_tol) & ~np.eye(self.n, dtype=bool)
        win = tied & self._wins_tie()
        return above.sum(-1), win.sum(-1), tied.sum(-1)

    def ranks(self, efforts: Any) -> np.ndarray:
        """Ranks (1 = top). Under ``uniform`` ties share the best of their ranks."""
        above, win, _ = self._standing(self.scores(efforts))
        return 1 + above + (0 if self.tie == "uniform" else win)

    def rewards_received(self, efforts: Any) -> np.ndarray:
        """Reward of each developer (expected reward under the uniform tie rule)."""
        above, win, tied = self._standing(self.scores(efforts))
        R = self.rewards.values
        if self.tie != "uniform":
            return R[above + win]
        cum = np.concatenate([[0.0], np.cumsum(R)])
        return (cum[above + tied + 1] - cum[above]) / (tied + 1)

    def utilities(self, efforts: Any) -> np.ndarray:
        """``u_i(e) = R_{rho_i(e)} - c(e_i)``, shape ``(..., n)``."""
        e = self._efforts(efforts)
        return self.rewards_received(e) - self.cost(e)

    def to_dict(self) -> dict:
        """The contest as a JSON-ready dictionary."""
        return {"theta": self.theta.tolist(), "family": self.family.to_dict(),
                "cost": self.cost.to_dict(), "rewards": self.rewards.values.tolist(),
                "protocol": self.protocol.to_dict(), "tie": self.tie,
                "priority": None if self.priority is None else self.priority.tolist(),
                "tie_tol": self.tie_tol,
                "names": None if self.names is None else list(self.names)}

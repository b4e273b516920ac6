"""Finite games in normal (strategic) form.

A finite game with players :math:`i = 1, \\dots, n` and action sets of sizes
:math:`m_1, \\dots, m_n` is stored as one payoff tensor ``U`` of shape
``(m_1, ..., m_n, n)``: ``U[a_1, ..., a_n, i]`` is player ``i``'s payoff at the pure profile
``(a_1, ..., a_n)``. For a mixed profile :math:`\\sigma = (\\sigma_1, \\dots, \\sigma_n)` the
expected payoff is

.. math::  u_i(\\sigma) = \\sum_{a} \\Big(\\prod_j \\sigma_j(a_j)\\Big) U[a, i],

and the regret of player ``i`` is :math:`\\max_{a_i} u_i(a_i, \\sigma_{-i}) - u_i(\\sigma)`.
A profile is a Nash equilibrium iff every regret is zero (Nash, 1951).

References
----------
Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from benchgame.core.limits import check_limit
from benchgame.core.validation import InputError, as_finite_array, require

__all__ = ["NormalFormGame"]


class NormalFormGame:
    """An n-player finite game given by its payoff tensor.

    The tensor is validated and stored read-only; payoffs, expected payoffs, regrets and
    per-player affine transforms are computed from it (see the module docstring for the
    formulas).

    Parameters
    ----------
    payoffs : array_like, shape (m_1, ..., m_n, n)
        ``payoffs[a_1, ..., a_n, i]`` is player ``i``'s payoff at pure profile ``a``.
    labels : sequence of sequence of str, optional
        Strategy labels per player; default ``"0", "1", ...``.
    players : sequence of str, optional
        Player names; default ``"1", "2", ...``.
    title : str, optional
        Free-text title (kept through ``.nfg`` round trips).

    Raises
    ------
    benchgame.core.validation.InputError
        If payoffs are ragged, non-finite, have zero players, a player with no strategy, or a
        last axis whose length differs from the number of players.

    References
    ----------
    Nash, J. (1951). Non-cooperative games. *Annals of Mathematics* 54(2), 286-295.

    Examples
    --------
    >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> g.shape
    (2, 2)
    >>> g
    NormalFormGame(2 players, 2 x 2)
    >>> g.expected_payoffs([[0.5, 0.5], [1, 0]]).tolist(), g.regrets([[0.5, 0.5], [1, 0]]).tolist()
    ([0.0, 0.0], [1.0, 0.0])
    >>> NormalFormGame(np.zeros((2, 3, 4, 3)), players=["a", "b", "c"]).shape
    (2, 3, 4)
    """

    def __init__(
        self,
        payoffs: Any,
        *,
        labels: Sequence[Sequence[str]] | None = None,
        players: Sequence[str] | None = None,
        title: str = "",
    ) -> None:
        arr = as_finite_array(payoffs, "payoffs", allow_empty=True)
        if arr.ndim < 2:
            raise InputError(
                "payoffs",
                f"has shape {arr.shape}: a game needs at least one player and the tensor must "
                "have shape (m_1, ..., m_n, n)",
                "for zero players there is no game; for n players add one axis per player "
                "plus a last axis of length n",
            )
        n = arr.ndim - 1
        check_limit(n, "players", "payoffs")
        if arr.shape[-1] != n:
            raise InputError(
                "payoffs",
                f"has shape {arr.shape}: {n} strategy axes but a last axis of length "
                f"{arr.shape[-1]}",
                f"the last axis must list one payoff per player (length {n}); for a bimatrix "
                "game use NormalFormGame.from_bimatrix(A, B)",
            )
        for i, m in enumerate(arr.shape[:-1]):
            require(m >= 1, "payoffs", f"player {i} has no strategy (axis {i} has length 0)",
                    "every player needs at least one strategy")
        arr.setflags(write=False)
        self._payoffs = arr
        self._shape = tuple(int(m) for m in arr.shape[:-1])
        if labels is None:
            labels = [[str(k) for k in range(m)] for m in self._shape]
        require(len(labels) == n, "labels", f"has {len(labels)} entries for {n} players",
                "give one list of strategy labels per player")
        clean: list[tuple[str, ...]] = []
        for i, (lab, m) in enumerate(zip(labels, self._shape, strict=True)):
            lab = tuple(str(x) for x in lab)
            require(len(lab) == m, f"labels[{i}]", f"has {len(lab)} labels for {m} strategies")
            require(len(set(lab)) == m, f"labels[{i}]", "has duplicate labels",
                    "give each strategy a distinct label")
            clean.append(lab)
        self._labels = tuple(clean)
        if players is None:
            players = [str(i + 1) for i in range(n)]
        require(len(players) == n, "players", f"has {len(players)} names for {n} players")
        self._players = tuple(str(p) for p in players)
        self.title = str(title)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_bimatrix(cls, A: Any, B: Any | None = None, **kwargs: Any) -> NormalFormGame:
        """Two-player game from the row player's matrix ``A`` and column player's ``B``.

        ``B`` defaults to ``-A`` (a zero-sum game).

        Parameters
        ----------
        A : array_like, shape (m, n)
            Row player's payoffs.
        B : array_like, shape (m, n), optional
            Column player's payoffs; default ``-A``.
        **kwargs
            ``labels``, ``players`` and ``title``, as for the constructor.

        Returns
        -------
        NormalFormGame
            The game with payoff tensor ``stack([A, B], axis=-1)``.
        """
        a = as_finite_array(A, "A", ndim=2)
        b = -a if B is None else as_finite_array(B, "B", ndim=2)
        require(a.shape == b.shape, "B", f"has shape {b.shape} but A has shape {a.shape}",
                "both matrices must be m x n")
        return cls(np.stack([a, b], axis=-1), **kwargs)

    # ------------------------------------------------------------------ accessors
    @property
    def payoffs(self) -> np.ndarray:
        """Read-only payoff tensor of shape ``(m_1, ..., m_n, n)``."""
        return self._payoffs

    @property
    def num_players(self) -> int:
        """Number of players ``n``."""
        return len(self._shape)

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of pure strategies of each player."""
        return self._shape

    @property
    def labels(self) -> tuple[tuple[str, ...], ...]:
        """Strategy labels, one tuple per player."""
        return self._labels

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def num_profiles(self) -> int:
        """Number of pure profiles ``m_1 * ... * m_n``."""
        return int(np.prod(self._shape))

    def bimatrix(self) -> tuple[np.ndarray, np.ndarray]:
        """``(A, B)`` for a two-player game."""
        require(self.num_players == 2, "game", f"has {self.num_players} players, not 2",
                "bimatrix() is defined for two-player games only")
        return self._payoffs[..., 0], self._payoffs[..., 1]

    def payoff_range(self) -> np.ndarray:
        """Per-player payoff range ``max U[., i] - min U[., i]`` (0 for constant payoffs)."""
        # a whole-array reduction per player (reducing down the short last axis is slow)
        U = self._payoffs
        return np.array([U[..., i].max() - U[..., i].min() for i in range(self.num_players)])

    def regret_scale(self) -> np.ndarray:
        """Per-player scale for relative tolerances: the payoff range, or 1 if it is 0."""
        rng = self.payoff_range()
        return np.where(rng > 0, rng, 1.0)

    def is_zero_sum(self, tol: float = 1e-12) -> bool:
        """Whether the payoffs sum to the same constant at every profile (constant-sum).

        The sums :math:`s(a) = \\sum_i U[a, i]` are computed in floats, so a game stored as
        ``B = c - A`` sums to ``c`` only up to rounding, which is proportional to the payoffs'
        magnitude. The game is constant-sum when :math:`\\max_a s(a) - \\min_a s(a) \\le
        \\mathrm{tol} \\cdot \\max |U|` (scale-invariant; an all-zero game is zero-sum). This is
        the test :func:`~benchgame.games.zero_sum.zero_sum_equilibrium` applies.

        Parameters
        ----------
        tol : float, default 1e-12
            Allowed spread of the sums, relative to the largest absolute payoff.

        Returns
        -------
        bool
            True for zero-sum and constant-sum games (any float constant).

        Examples
        --------
        >>> A = np.array([[0.3, 0.7], [0.9, 0.2]]) * 1e5
        >>> NormalFormGame.from_bimatrix(A, 0.1 - A).is_zero_sum()
        True
        >>> NormalFormGame.from_bimatrix(A, 0.1 - A + np.eye(2)).is_zero_sum()
        False
        """
        total = self._payoffs.sum(axis=-1)
        return bool(np.ptp(total) <= tol * float(np.abs(self._payoffs).max()))

    # ------------------------------------------------------------------ evaluation
    def check_profile(self, profile: Sequence[Any],
                      field: str = "profile") -> tuple[np.ndarray, ...]:
        """Validate a mixed profile: one probability vector per player (tolerance 1e-9)."""
        require(len(profile) == self.num_players, field,
                f"has {len(profile)} strategies for {self.num_players} players")
        out = []
        for i, (s, m) in enumerate(zip(profile, self._shape, strict=True)):
            arr = as_finite_array(s, f"{field}[{i}]", ndim=1, nonnegative=True)
            require(arr.shape[0] == m, f"{field}[{i}]", f"has {arr.shape[0]} entries for {m} "
                    "strategies")
            require(abs(arr.sum() - 1.0) <= 1e-9, f"{field}[{i}]",
                    f"sums to {arr.sum():.12g}, not 1", "normalise the mixed strategy")
            out.append(arr)
        return tuple(out)

    def action_values(self, profile: Sequence[np.ndarray], player: int) -> np.ndarray:
        """Payoff of each pure strategy of ``player`` against the others' mixed strategies.

        Computes :math:`u_i(a_i, \\sigma_{-i})` for all ``a_i`` by contracting the tensor with
        each opponent's strategy (one tensordot per opponent, no loop over profiles).
        """
        t = self._payoffs[..., player]
        # contract from the last player to the first so axis indices stay valid
        for j in range(self.num_players - 1, -1, -1):
            if j != player:
                t = np.tensordot(t, profile[j], axes=([j], [0]))
        return t

    def expected_payoffs(self, profile: Sequence[Any]) -> np.ndarray:
        """Expected payoff of every player at a mixed profile, shape ``(n,)``."""
        prof = self.check_profile(profile)
        return np.array([prof[i] @ self.action_values(prof, i) for i in range(self.num_players)])

    def regrets(self, profile: Sequence[Any]) -> np.ndarray:
        """Per-player regret :math:`\\max_{a_i} u_i(a_i, \\sigma_{-i}) - u_i(\\sigma) \\ge 0`."""
        prof = self.check_profile(profile)
        out = np.empty(self.num_players)
        for i in range(self.num_players):
            v = self.action_values(prof, i)
            out[i] = float(v.max() - prof[i] @ v)
        return out

    # ------------------------------------------------------------------ transforms
    def transformed(self, scale: Any = 1.0, shift: Any = 0.0) -> NormalFormGame:
        """Game with payoffs ``scale_i * U[., i] + shift_i`` (per-player affine map)."""
        sc = np.broadcast_to(as_finite_array(scale, "scale"), (self.num_players,))
        sh = np.broadcast_to(as_finite_array(shift, "shift"), (self.num_players,))
        return NormalFormGame(self._payoffs * sc + sh, labels=self._labels, players=self._players,
                              title=self.title)

    def permuted(self, permutations: Sequence[Sequence[int]]) -> NormalFormGame:
        """Relabel strategies: new strategy ``k`` of player ``i`` is old ``permutations[i][k]``."""
        require(len(permutations) == self.num_players, "permutations",
                f"has {len(permutations)} entries for {self.num_players} players")
        arr = self._payoffs
        labels = []
        for i, (p, m) in enumerate(zip(permutations, self._shape, strict=True)):
            p = np.asarray(p, dtype=int)
            require(sorted(p.tolist()) == list(range(m)), f"permutations[{i}]",
                    f"is not a permutation of 0..{m - 1}")
            arr = np.take(arr, p, axis=i)
            labels.append([self._labels[i][k] for k in p])
        return NormalFormGame(arr, labels=labels, players=self._players, title=self.title)

    # ------------------------------------------------------------------ dunder
    def __repr__(self) -> str:
        dims = " x ".join(str(m) for m in self._shape)
        title = f", {self.title!r}" if self.title else ""
        return f"NormalFormGame({self.num_players} players, {dims}{title})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return self._shape == other._shape and bool(np.array_equal(self._payoffs, other._payoffs))

    __hash__ = None  # type: ignore[assignment]

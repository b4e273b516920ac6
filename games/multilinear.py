"""Fast evaluation of the multilinear payoff maps of an n-player game and their derivatives.

For a mixed profile :math:`\\sigma` the payoff of player ``j``'s pure strategy ``k`` is the
multilinear form :math:`v_{jk}(\\sigma) = u_j(k, \\sigma_{-j})`; its derivative with respect to
:math:`\\sigma_l(h)` (``l != j``) is the payoff with both ``j`` and ``l`` fixed,
:math:`u_j(k, h, \\sigma_{-j,-l})`. Path-following and Newton methods evaluate these many
thousands of times on small tensors, so the contractions are precompiled ``numpy.einsum``
subscripts (one call per player or per pair of players, no Python loop over profiles).
"""

from __future__ import annotations

from collections.abc import Sequence
from string import ascii_letters

import numpy as np

from benchgame.core.validation import require
from benchgame.games.normal_form import NormalFormGame

__all__ = ["MultilinearPayoffs"]


class MultilinearPayoffs:
    """Precompiled action values and payoff Jacobian blocks of a game.

    Parameters
    ----------
    game : NormalFormGame
        The game.
    normalize : bool, default False
        Divide each player's payoffs by that player's payoff range
        (:meth:`NormalFormGame.regret_scale`), so regrets of different players are comparable.

    Raises
    ------
    benchgame.core.validation.InputError
        If the game has more players than the 52 einsum subscripts allow.

    Examples
    --------
    >>> pennies = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> ml = MultilinearPayoffs(pennies)
    >>> [v.tolist() for v in ml.action_values([np.array([0.25, 0.75]), np.array([0.5, 0.5])])]
    [[0.0, 0.0], [0.5, -0.5]]
    >>> ml.pair_values([np.array([0.25, 0.75]), np.array([0.5, 0.5])], 0, 1).tolist()
    [[1.0, -1.0], [-1.0, 1.0]]
    """

    def __init__(self, game: NormalFormGame, normalize: bool = False) -> None:
        n = game.num_players
        require(n <= len(ascii_letters), "game", f"has {n} players",
                f"at most {len(ascii_letters)} players are supported")
        U = np.asarray(game.payoffs, dtype=float)
        if normalize:
            U = U / game.regret_scale()
        self.game = game
        self.n = n
        self.shape = game.shape
        self.tensors = [np.ascontiguousarray(U[..., i]) for i in range(n)]
        axes = ascii_letters[:n]
        self._values = []
        for j in range(n):
            others = [i for i in range(n) if i != j]
            self._values.append((others, f"{axes}," + ",".join(axes[i] for i in others)
                                 + f"->{axes[j]}"))
        self._pairs: dict[tuple[int, int], tuple[list[int], str]] = {}
        for j in range(n):
            for lo in range(n):
                if lo != j:
                    others = [i for i in range(n) if i not in (j, lo)]
                    sub = f"{axes}" + "".join("," + axes[i] for i in others)
                    self._pairs[(j, lo)] = (others, f"{sub}->{axes[j]}{axes[lo]}")

    def action_values(self, profile: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Payoff of every pure strategy of every player against the others' mixed strategies.

        Parameters
        ----------
        profile : sequence of ndarray
            One mixed strategy (or any weight vector) per player.

        Returns
        -------
        list of ndarray
            Entry ``j`` has shape ``(m_j,)``: :math:`u_j(k, \\sigma_{-j})` for every ``k``.
        """
        if self.n == 1:
            return [self.tensors[0].copy()]
        return [np.einsum(sub, self.tensors[j], *(profile[i] for i in others))
                for j, (others, sub) in enumerate(self._values)]

    def pair_values(self, profile: Sequence[np.ndarray], j: int, other: int) -> np.ndarray:
        """Payoffs of player ``j`` with ``j`` and ``other`` fixed to pure strategies.

        Parameters
        ----------
        profile : sequence of ndarray
            One mixed strategy per player (entries ``j`` and ``other`` are ignored).
        j : int
            The player whose payoff is evaluated.
        other : int
            A second player, ``other != j``.

        Returns
        -------
        ndarray, shape (m_j, m_other)
            :math:`u_j(k, h, \\sigma_{-j,-other})`, the derivative of
            :math:`u_j(k, \\sigma_{-j})` with respect to :math:`\\sigma_{other}(h)`.
        """
        others, sub = self._pairs[(j, other)]
        return np.einsum(sub, self.tensors[j], *(profile[i] for i in others))

    def regrets(self, profile: Sequence[np.ndarray]) -> np.ndarray:
        """Each player's regret :math:`\\max_k v_{jk} - \\sigma_j \\cdot v_j` (in these units).

        Parameters
        ----------
        profile : sequence of ndarray
            One mixed strategy per player.

        Returns
        -------
        ndarray, shape (n,)
            The regrets, clipped at zero.
        """
        vals = self.action_values(profile)
        return np.array([max(float(v.max() - s @ v), 0.0)
                         for s, v in zip(profile, vals, strict=True)])

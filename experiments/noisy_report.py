"""Report fields of a noisy protocol in a leaderboard configuration.

For a protocol whose observed score is random (``protocol.deterministic`` false, e.g.
``noisy_binomial`` with ``m`` test questions) the continuum analysis of deterministic scores does
not apply. :func:`noisy_fields` gives the fields that replace it in the report of
``benchgame leaderboard``: whether the noisy grid game has a pure equilibrium (and whether it is
unique), with the certificate, and the expected ranking fidelity under equilibrium play.
Everything is about the effort grid game, and the fields say so.
"""

from __future__ import annotations

from typing import Any

from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.equilibrium_play import EquilibriumPlay, equilibrium_play

__all__ = ["NOISY_LEVELS", "noisy_fields"]

NOISY_LEVELS = 41
"""Effort-grid points on ``[0, c^{-1}(R_1 - R_n)]`` of the noisy grid game in reports."""


def noisy_fields(contest: Contest, names: Any = None, *, levels: int = NOISY_LEVELS,
                 seconds: float = 20.0, play: EquilibriumPlay | None = None) -> dict:
    """The ``pure``, ``fidelity``, ``e_req`` and ``M`` fields of a noisy protocol's report row.

    Parameters
    ----------
    contest : Contest
        The contest under a noisy protocol.
    names : sequence of str, optional
        Developer names.
    levels : int, default 41
        Effort-grid points.
    seconds : float, default 20
        Time limit of the mixed solver when there is no unique pure equilibrium.
    play : EquilibriumPlay, optional
        The contest's equilibrium play already computed (by the report's play settings,
        :func:`~benchgame.experiments.leaderboard_play.solve_play`); reported as is, so that
        one solve serves the row and the play table (``levels`` and ``seconds`` then unused).

    Returns
    -------
    dict
        ``pure`` (grid analysis: status, exists, unique, equilibria with regrets, method,
        reason, ``scope = "grid"``; ``ranks_by_capability`` compares latent scores at the
        unique grid equilibrium), ``fidelity`` (state ``noisy``, expected Kendall tau and
        P(most capable ranks first) under equilibrium play, with bounds and the play's state),
        ``e_req`` and ``M`` (``None``: catch-up efforts are not defined under noise).

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Section 5 (the
    designer's protocol); Lazear and Rosen (1981), Journal of Political Economy 89 (noisy
    rank-order tournaments).

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> from benchgame.mechanisms.protocols import NoisyProtocol
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.1, 0.0], NoisyProtocol(500))
    >>> out = noisy_fields(ct)
    >>> out["pure"]["status"], out["fidelity"]["state"], out["fidelity"]["play"]
    ('unique', 'noisy', 'pure')
    >>> round(out["fidelity"]["expected_tau"], 6)
    1.0
    >>> from benchgame.games.leaderboard import equilibrium_play
    >>> noisy_fields(ct, play=equilibrium_play(ct, levels=41)) == out
    True
    """
    if play is None:
        play = equilibrium_play(contest, levels=levels, names=names, time_limit=seconds)
    pure = dict(play.grid["pure"])
    pure.update(ranks_by_capability=None, witness=None, margins=[])
    if pure["unique"] and pure["equilibria"]:
        ranks = contest.ranks(pure["equilibria"][0])
        pure["ranks_by_capability"] = bool((ranks == range(1, contest.n + 1)).all())
    met = play.metrics
    fid = {"state": "noisy", "play": play.state, "observation": play.grid["observation"],
           "expected_tau": met["expected_tau"].value, "bound": met["expected_tau"].bound,
           "p_top1_correct": met["p_top1_correct"].value,
           "expected_total_cost": met["expected_total_cost"].value,
           "kendall_tau": None, "method": play.source,
           "reason": "ranks are random given efforts; fidelity is the expectation over the "
                     "test-set noise and the equilibrium's mixing, on the effort grid"}
    return {"pure": pure, "fidelity": fid, "e_req": None, "M": None}

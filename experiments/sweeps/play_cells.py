"""The ``protocol_play`` sweep analysis: ranking fidelity under equilibrium play, any protocol.

One cell draws a developer population, builds the leaderboard contest under the named protocol
(any registered family, including noisy ones and a user's; its parameters such as ``m``,
``cap`` or ``transfer`` are sweep parameters) and runs
:func:`~benchgame.games.leaderboard.equilibrium_play.equilibrium_play`. Outcomes:

* ``state``: ``pure`` (unique pure equilibrium: proved in the continuum for deterministic
  scores, on the effort grid for noisy ones), ``mixed`` (certified mixed equilibrium of the grid
  game) or ``uncertified``;
* ``pure_status``: for noisy protocols the grid game's pure-equilibrium verdict
  (``unique``/``multiple``/``none``/``exists``/``undecided``), for deterministic ones ``unique``
  when play is pure and ``not unique`` otherwise;
* ``expected_tau``, ``p_top1_correct``, ``expected_total_effort``, ``expected_total_cost`` and
  the bound of ``expected_tau`` (NaN: no distance bound).
"""

from __future__ import annotations

import math

from benchgame.experiments.sweeps.populations import draw_population, parse_rewards
from benchgame.experiments.sweeps.registry import Outcome, Parameter, register_analysis
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.costs import PowerCost
from benchgame.games.leaderboard.equilibrium_play import equilibrium_play
from benchgame.games.leaderboard.protocol import Protocol
from benchgame.mechanisms.protocols import PROTOCOLS

__all__ = ["cell_protocol", "play_contest", "play_outcomes", "protocol_play_cell"]


def cell_protocol(params: dict) -> Protocol:
    """The protocol of one cell: family ``protocol`` at level ``delta`` with its parameters.

    Parameters
    ----------
    params : dict
        ``protocol``, ``delta`` and any of the family's own parameters (others are ignored).

    Returns
    -------
    Protocol

    Examples
    --------
    >>> cell_protocol({"protocol": "noisy_binomial", "delta": 2.0, "m": 50}).to_dict()["m"]
    50
    """
    fam = PROTOCOLS.get(params["protocol"], "protocol")
    return fam.make(params["delta"], **{k: params[k] for k in fam.parameters if k in params})


def play_contest(params: dict, seed: int) -> Contest:
    """The contest of one cell: population ``seed``, cost, rewards and the named protocol.

    Parameters
    ----------
    params : dict
        ``population``, ``developers``, ``kappa``, ``cost_exponent``, ``reward``,
        ``protocol``, ``delta`` and the protocol family's own parameters.
    seed : int
        Population index.

    Returns
    -------
    Contest

    Examples
    --------
    >>> from benchgame.experiments.sweeps.registry import get_analysis
    >>> params = {**get_analysis("protocol_play").defaults(), "developers": 2, "m": 50}
    >>> play_contest(params, 0).protocol.to_dict()["m"]
    50
    """
    n = params["developers"]
    theta, family = draw_population(params["population"], n, seed)
    return Contest(theta, family, PowerCost(params["kappa"], params["cost_exponent"]),
                   parse_rewards(params["reward"], n), cell_protocol(params))


def play_outcomes(contest: Contest, levels: int, time_limit: float) -> dict:
    """The outcomes of analysis ``protocol_play`` for one contest.

    Parameters
    ----------
    contest : Contest
        The contest under the protocol to assess.
    levels : int
        Effort-grid points of the grid game.
    time_limit : float
        Seconds for each mixed solve (0: no wall-clock limit, the iteration cap alone).

    Returns
    -------
    dict
        ``state``, ``pure_status``, ``expected_tau``, ``tau_bound`` (NaN: no distance
        bound), ``p_top1_correct``, ``expected_total_effort`` and ``expected_total_cost``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.25, 0.0])
    >>> out = play_outcomes(ct, 11, 0.0)
    >>> out["state"], out["pure_status"], out["expected_tau"]
    ('pure', 'unique', 1.0)
    """
    play = equilibrium_play(contest, levels=levels, time_limit=time_limit or None)
    if "pure" in play.grid:
        pure = play.grid["pure"]["status"]
    else:
        pure = "unique" if play.state == "pure" else "not unique"
    met = play.metrics
    bound = met["expected_tau"].bound
    return {"state": play.state, "pure_status": pure,
            "expected_tau": met["expected_tau"].value,
            "tau_bound": math.nan if bound is None else bound,
            "p_top1_correct": met["p_top1_correct"].value,
            "expected_total_effort": met["expected_total_effort"].value,
            "expected_total_cost": met["expected_total_cost"].value}


def protocol_play_cell(params: dict, seed: int) -> dict:
    """Ranking fidelity of one population under equilibrium play of one protocol.

    Parameters
    ----------
    params : dict
        The parameters of analysis ``protocol_play`` (module docstring).
    seed : int
        Population index.

    Returns
    -------
    dict
        ``state``, ``pure_status``, ``expected_tau``, ``tau_bound``, ``p_top1_correct``,
        ``expected_total_effort`` and ``expected_total_cost``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Proposition 4.3 and
    Theorem 4.6; Lazear and Rosen (1981), Journal of Political Economy 89 (noisy tournaments).

    Examples
    --------
    >>> from benchgame.experiments.sweeps.registry import get_analysis
    >>> params = {**get_analysis("protocol_play").defaults(), "developers": 2, "m": 100,
    ...           "levels": 11}
    >>> out = protocol_play_cell(params, 0)
    >>> out["state"], out["pure_status"], round(out["expected_tau"], 4)
    ('pure', 'unique', 0.8644)
    """
    return play_outcomes(play_contest(params, seed), params["levels"], params["time_limit"])


register_analysis(
    "protocol_play", protocol_play_cell,
    parameters={
        "protocol": Parameter(str, "noisy_binomial", "protocol family (any registered name)"),
        "delta": Parameter(float, 0.0, "tune-before-test level Delta", minimum=0.0),
        "m": Parameter(int, 500, "test questions (noisy protocols)", minimum=1),
        "cap": Parameter(float, 1.0, "effort cap (protocol effort_cap)", minimum=0.0),
        "transfer": Parameter(float, 10.0, "B of protocol held_out", minimum=0.0),
        "kappa": Parameter(float, 1e-2, "cost scale in c(e) = kappa e^p", minimum=0.0),
        "cost_exponent": Parameter(float, 1.0, "cost exponent p >= 1", minimum=1.0),
        "reward": Parameter(str, "linear", "rewards: winner_take_all, linear, geometric:RATIO, "
                            "top_k:K", choices=("winner_take_all", "linear", "geometric",
                                                "top_k")),
        "developers": Parameter(int, 3, "number of developers n", minimum=2),
        "population": Parameter(str, "logit", "population distribution (populations())"),
        "levels": Parameter(int, 21, "effort-grid points of the grid game", minimum=2),
        "time_limit": Parameter(float, 10.0, "seconds for each mixed solve", minimum=0.0),
    },
    outcomes={
        "state": Outcome(str, "pure | mixed | uncertified"),
        "pure_status": Outcome(str, "pure-equilibrium verdict (grid game for noisy protocols)"),
        "expected_tau": Outcome(float, "expected Kendall tau under equilibrium play"),
        "tau_bound": Outcome(float, "error bound of expected_tau (NaN: none)"),
        "p_top1_correct": Outcome(float, "P(most capable developer ranks first)"),
        "expected_total_effort": Outcome(float, "expected total effort"),
        "expected_total_cost": Outcome(float, "expected total cost (wasted effort)"),
    },
    doc="ranking fidelity under equilibrium play of any protocol, noisy ones included",
)

"""Equilibrium play per protocol, side by side: what each protocol does to the ranking.

:func:`protocol_play` takes a :class:`~benchgame.games.leaderboard.Contest` under any protocol
(direct evaluation, tune-before-test, or a protocol of the user's registry) and reports what
:func:`~benchgame.games.leaderboard.equilibrium_play.equilibrium_play` finds: the state (pure,
certified mixed, uncertified, or skipped with the reason), the expected Kendall tau, the
probability that the most capable developer ranks first, the expected total effort and the
expected wasted effort (total cost), each with its error bound, and the exploitability
certificate. :func:`designer_level` gives the tune-before-test level at which the designer's
threshold ``Delta*`` is certified, so that direct evaluation can be set against tune-before-test
at ``Delta*`` for the same developers; :func:`play_table` lays the results out as table rows.

Mixed play is computed on an effort grid: its numbers and bounds describe the grid game (the
grid's own effect is of the order of the step, see
:func:`~benchgame.games.leaderboard.grid_convergence.grid_convergence`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from benchgame.core.validation import require
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.equilibrium_play import (
    METRICS,
    EquilibriumPlay,
    equilibrium_play,
)

__all__ = ["PlaySettings", "designer_level", "play_table", "protocol_play", "solve_play"]

PLAY_COLUMNS = ["protocol\n(play)", "E(tau)", "P(best\nfirst)", "E(total\neffort)",
                "E(wasted\neffort)", "exploit-\nability"]
"""Columns of :func:`play_table`."""


@dataclass(frozen=True)
class PlaySettings:
    """How equilibrium play is computed for every protocol of a report.

    Parameters
    ----------
    levels : int, default 50
        Effort-grid points on ``[0, c^{-1}(R_1 - R_n)]`` for mixed play (0 skips equilibrium
        play).
    tol : float, default 1e-4
        Exploitability target relative to the largest adjacent reward gap.
    max_developers : int, default 8
        Contests with more developers are skipped (the reason is reported).
    seconds : float, default 5.0
        Time limit of each mixed solve (past it the best profile is reported, uncertified if
        it misses the target).

    Raises
    ------
    InputError
        If a value is out of range (naming the field).

    Examples
    --------
    >>> PlaySettings().to_dict()
    {'levels': 50, 'tol': 0.0001, 'max_developers': 8, 'seconds': 5.0}
    >>> PlaySettings(levels=0).enabled
    False
    """

    levels: int = 50
    tol: float = 1e-4
    max_developers: int = 8
    seconds: float = 5.0

    def __post_init__(self) -> None:
        require(self.levels == 0 or self.levels >= 2, "levels", f"is {self.levels}",
                "use at least 2 grid levels, or 0 to skip equilibrium play")
        require(math.isfinite(self.tol) and self.tol > 0, "tol", f"is {self.tol}",
                "use a positive tolerance")
        require(self.max_developers >= 2, "max_developers", f"is {self.max_developers}",
                "use at least 2")
        require(math.isfinite(self.seconds) and self.seconds > 0, "seconds",
                f"is {self.seconds}", "use a positive number of seconds")

    @property
    def enabled(self) -> bool:
        """Whether equilibrium play is computed at all (``levels > 0``)."""
        return self.levels > 0

    def to_dict(self) -> dict:
        """The settings as a JSON-ready dictionary.

        Returns
        -------
        dict
            ``levels``, ``tol``, ``max_developers`` and ``seconds``.
        """
        return {"levels": self.levels, "tol": self.tol, "max_developers": self.max_developers,
                "seconds": self.seconds}


def solve_play(contest: Contest, settings: PlaySettings | None = None, *,
               names: Any = None) -> EquilibriumPlay | None:
    """Equilibrium play of one contest under the settings, or None when they skip it.

    One solve serves every part of a report that needs this contest's play (the side-by-side
    table through ``protocol_play(..., solved=...)`` and the noisy report's row).

    Parameters
    ----------
    contest : Contest
        The contest under the protocol to solve.
    settings : PlaySettings, optional
        Grid levels, tolerance, developer limit and time limit (default ``PlaySettings()``).
    names : sequence of str, optional
        Developer names.

    Returns
    -------
    EquilibriumPlay or None
        None when equilibrium play is not requested (``levels = 0``) or the contest has more
        developers than ``max_developers``.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6.

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.25, 0.0])
    >>> solve_play(ct).state, solve_play(ct, PlaySettings(levels=0))
    ('pure', None)
    """
    st = PlaySettings() if settings is None else settings
    return None if _skip_reason(contest, st) is not None else _solve(contest, st, names)


def _solve(contest: Contest, st: PlaySettings, names: Any) -> EquilibriumPlay:
    return equilibrium_play(contest, levels=st.levels, tol=st.tol, names=names,
                            time_limit=st.seconds)


def _skip_reason(contest: Contest, st: PlaySettings) -> str | None:
    if not st.enabled:
        return "equilibrium play not requested (grid levels 0)"
    if contest.n > st.max_developers:
        return (f"{contest.n} developers exceed the limit of {st.max_developers} for "
                "equilibrium play (raise it to compute mixed play; the solver's time "
                "grows as n^2 x levels per iteration)")
    return None


def protocol_play(contest: Contest, settings: PlaySettings | None = None, *,
                  names: Any = None, solved: EquilibriumPlay | None = None) -> dict:
    """Equilibrium play of one contest (any protocol) as a JSON-ready dictionary.

    Parameters
    ----------
    contest : Contest
        The contest under the protocol to report.
    settings : PlaySettings, optional
        Grid levels, tolerance, developer limit and time limit (default ``PlaySettings()``).
    names : sequence of str, optional
        Developer names for the per-developer table.
    solved : EquilibriumPlay, optional
        This contest's play already computed with these settings (:func:`solve_play`); it is
        reported as is instead of being solved again.

    Returns
    -------
    dict
        ``state`` (``pure``, ``mixed``, ``uncertified`` or ``skipped``), ``reason``,
        ``metrics`` (each ``{"value", "bound"}``; ``bound`` None when no distance certificate
        was obtained), ``exploitability``, ``target``, ``method``, ``iterations``,
        ``seconds``, ``grid``, ``certificate``, ``nearby_equilibrium``, ``developers``
        (records) and ``source``. A skipped contest has ``metrics`` None.

    References
    ----------
    Chen, Zhang and Hardt (2026), Leaderboard incentives, arXiv:2603.08371, Theorem 4.6 and
    Section 5 (the designer's protocol choice); Baye, Kovenock and de Vries (1996), The all-pay
    auction with complete information, Economic Theory 8 (rent dissipation under mixed play).

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0])
    >>> out = protocol_play(ct, PlaySettings(levels=21))
    >>> out["state"], out["exploitability"] < 1e-12, out["iterations"] > 0
    ('mixed', True, True)
    >>> protocol_play(ct, PlaySettings(max_developers=2, levels=0))["state"]
    'skipped'
    """
    st = PlaySettings() if settings is None else settings
    skip = _skip_reason(contest, st)
    if skip is not None:
        return _skipped(skip)
    play = solved if solved is not None else _solve(contest, st, names)
    out = play.to_dict()
    out.pop("contest")
    sol = play.solution
    cert = out["certificate"] or {}
    reason = {"pure": "unique pure equilibrium proved in the continuum (exact)",
              "mixed": "certified mixed equilibrium of the grid game",
              "uncertified": "the solver missed its exploitability target: the numbers "
                             "describe the best profile found, not an equilibrium"}[play.state]
    if play.state != "pure" and play.nearby is not None and not play.nearby.verified:
        reason += f"; no metric bounds ({play.nearby.reason})"
    out.update(reason=reason, exploitability=0.0 if sol is None else sol.exploitability,
               target=cert.get("target"), method=cert.get("method", "pure analysis"),
               iterations=cert.get("iterations", 0), seconds=cert.get("seconds", 0.0))
    return out


def _skipped(reason: str) -> dict:
    return {"state": "skipped", "reason": reason, "metrics": None, "exploitability": None,
            "target": None, "method": None, "iterations": None, "seconds": None, "grid": {},
            "certificate": None, "nearby_equilibrium": None, "developers": [], "source": ""}


def designer_level(choice: Any) -> float | None:
    """The tune-before-test level at which the designer's ``Delta*`` is certified.

    Parameters
    ----------
    choice : DesignerChoice
        The result of :func:`~benchgame.games.leaderboard.designer_choice`.

    Returns
    -------
    float or None
        The top of the adjacent pairs' certified brackets (the level at which the unique pure
        equilibrium was proved; ``Delta*`` up to the bracket width) when Proposition 5.3's
        monotonicity is certified, else the level the designer's scan certified; None when no
        level is certified.

    Examples
    --------
    >>> from benchgame.games.leaderboard import (Contest, GeneralizedLogit, PowerCost,
    ...                                          designer_choice)
    >>> fam = GeneralizedLogit([2.0, 1.0], [0.5, 0.0], [0.5, 0.4])
    >>> ct = Contest([2.0, 1.0], fam, PowerCost(0.05), [1.0, 0.0])
    >>> choice = designer_choice(ct)
    >>> abs(designer_level(choice) - choice.delta) < 1e-6
    True
    """
    if choice.delta is None:
        return None
    st = choice.threshold
    if not (st.monotone_certified and st.delta_star == choice.delta):
        return float(choice.delta)          # a scanned level: certified where it was found
    tops = [p.bracket[1] for p in st.pairs if p.bracket is not None]
    return float(max(tops, default=choice.delta))


def _cell(metric: dict) -> str:
    v, b = metric["value"], metric["bound"]
    if b is None:
        return f"{v:.4g}\nno bound"
    return f"{v:.4g}\nexact" if b == 0 else f"{v:.4g}\n± {b:.0e}"


_STATE = {"pure": "pure NE", "mixed": "mixed NE", "uncertified": "NOT certified"}


def play_table(entries: list[tuple[str, dict]]) -> list[list[str]]:
    r"""Rows of the side-by-side table (columns ``PLAY_COLUMNS``; cells hold line breaks).

    Parameters
    ----------
    entries : list of (str, dict)
        ``(label, protocol_play(...))`` pairs.

    Returns
    -------
    list of list of str
        One row per protocol: the label over the state (pure NE, mixed NE, NOT certified or
        skipped), each metric over its bound (``exact``, ``± bound`` or ``no bound``) and the
        exploitability (``-`` for a proved pure equilibrium).

    Examples
    --------
    >>> from benchgame.games.leaderboard import Contest, PowerCost, Substitutes
    >>> ct = Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [0.25, 0.0])
    >>> play_table([("direct", protocol_play(ct))])
    [['direct\n(pure NE)', '1\nexact', '1\nexact', '0\nexact', '0\nexact', '-']]
    """
    rows = []
    for label, p in entries:
        if p["state"] == "skipped":
            rows.append([f"{label}\n(skipped)", "-", "-", "-", "-", "-"])
            continue
        expl = "-" if p["state"] == "pure" else f"{p['exploitability']:.1e}"
        rows.append([f"{label}\n({_STATE[p['state']]})",
                     *(_cell(p["metrics"][k]) for k in METRICS), expl])
    return rows

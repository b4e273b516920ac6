"""Size limits checked before any large allocation or long loop.

A few characters of input can ask for gigabytes or days (a strategy count of ``1000000000``, a
payoff ``1e100000000``, ``seeds = 10**9``). Every such count is checked against a named limit
here, before anything is allocated, and a count over its limit is an
:class:`~benchgame.core.validation.InputError` that names the field, the count, the limit and
how to raise it deliberately: the environment variable ``BENCHGAME_MAX_<NAME>`` (for example
``BENCHGAME_MAX_SWEEP_CELLS=50000000``).

=====================  ===========  =====================================================
limit                  default      what it bounds
=====================  ===========  =====================================================
``game_payoffs``       20,000,000   payoff entries of a game (profiles x players, 8 bytes
                                    each: 160 MB)
``players``            32           players of a game (a game's payoff array has one axis
                                    per player, and NumPy allows at most 64)
``number_digits``      1,000        characters of one number in a game file, and the
                                    size of its decimal exponent (exact conversion of
                                    ``1e100000000`` costs minutes)
``sweep_cells``        1,000,000    cells of a sweep (points x seeds), random draws and seeds
``simulation_steps``   50,000,000   simulated steps of an ecosystem run (steps x seeds x
                                    swept values)
``simulation_size``    10,000,000   benchmarks and models one ecosystem run creates
``draws``              50,000,000   random numbers of a Monte Carlo estimate (draws x
                                    models x items), and bootstrap replicates
``grid_profiles``      4,000,000    effort profiles of a leaderboard grid game
``claim_examples``     1,000,000    generated instances of a claim check (over all claims)
``search_nodes``       5,000,000    nodes of the label search for all equilibria of a
                                    two-player game (microseconds to a millisecond each)
=====================  ===========  =====================================================
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from benchgame.core.validation import InputError

__all__ = ["LIMITS", "Limit", "check_limit", "limit_value"]


@dataclass(frozen=True)
class Limit:
    """A named size limit with its default and the environment variable that raises it.

    Parameters
    ----------
    name : str
        Short name, e.g. ``"sweep_cells"``.
    default : int
        The limit when the environment does not set one.
    what : str
        What is counted, in the plural (``"cells"``).
    hard : int, optional
        A bound the environment cannot raise (what the machinery itself supports).

    Examples
    --------
    >>> LIMITS["sweep_cells"].env
    'BENCHGAME_MAX_SWEEP_CELLS'
    """

    name: str
    default: int
    what: str
    hard: int | None = None

    @property
    def env(self) -> str:
        """The environment variable that sets this limit."""
        return f"BENCHGAME_MAX_{self.name.upper()}"


LIMITS: dict[str, Limit] = {lim.name: lim for lim in (
    Limit("game_payoffs", 20_000_000, "payoff entries (profiles x players)"),
    Limit("players", 32, "players", hard=63),
    Limit("number_digits", 1_000, "digits or exponent"),
    Limit("sweep_cells", 1_000_000, "cells"),
    Limit("simulation_steps", 50_000_000, "simulated steps (steps x seeds x settings)"),
    Limit("simulation_size", 10_000_000, "benchmarks and models in one run"),
    Limit("draws", 50_000_000, "random numbers (draws x items)"),
    Limit("grid_profiles", 4_000_000, "profiles of the grid game"),
    Limit("claim_examples", 1_000_000, "generated instances"),
    Limit("search_nodes", 5_000_000, "search nodes"),
)}


def limit_value(name: str) -> int:
    """The current value of limit ``name``: its environment variable if set, else the default.

    Parameters
    ----------
    name : str
        A key of :data:`LIMITS`.

    Returns
    -------
    int
        The limit.

    Raises
    ------
    InputError
        If the environment variable is set to something other than a positive integer, or
        above the limit's hard bound.

    Examples
    --------
    >>> limit_value("players")
    32
    """
    lim = LIMITS[name]
    raw = os.environ.get(lim.env)
    if raw is None or not raw.strip():
        return lim.default
    try:
        value = int(raw.strip().replace("_", ""))
    except ValueError:
        value = 0
    if value < 1:
        raise InputError(lim.env, f"is {raw!r}", "set it to a positive integer or unset it")
    if lim.hard is not None and value > lim.hard:
        raise InputError(lim.env, f"is {value}, above what is supported ({lim.hard})",
                         f"set it to at most {lim.hard}")
    return value


def check_limit(count: int | float, name: str, field: str) -> int:
    """Raise :class:`InputError` for ``field`` when ``count`` exceeds limit ``name``.

    Call it with the count computed from the input alone (exact Python integers, no
    allocation), before building anything of that size.

    Parameters
    ----------
    count : int or float
        The requested size (a float such as ``1e9`` is accepted and compared as it is).
    name : str
        A key of :data:`LIMITS`.
    field : str
        The input that asked for it (named in the error).

    Returns
    -------
    int
        The limit that was checked against.

    Raises
    ------
    InputError
        Naming ``field``, the count, the limit and its environment variable.

    Examples
    --------
    >>> check_limit(120, "sweep_cells", "seeds")
    1000000
    >>> try:
    ...     check_limit(10**9, "sweep_cells", "seeds")
    ... except InputError as exc:
    ...     print(exc.field, "|", exc.problem)
    ...     print(exc.fix)
    seeds | asks for 1000000000 cells, over the limit of 1000000
    reduce it, or raise the limit deliberately with BENCHGAME_MAX_SWEEP_CELLS=<n>
    """
    lim = LIMITS[name]
    value = limit_value(name)
    if count > value:
        shown = f"{count:.3g}" if isinstance(count, float) else str(count)
        raise InputError(field, f"asks for {shown} {lim.what}, over the limit of {value}",
                         "reduce it" + ("" if lim.hard is not None and value >= lim.hard
                                        else f", or raise the limit deliberately with "
                                             f"{lim.env}=<n>"))
    return value

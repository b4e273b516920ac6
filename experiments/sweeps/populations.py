"""Distributions of developer populations for leaderboard sweeps, by name.

A population is ``(theta, family)``: capabilities in decreasing order and the score family
``v(theta, x)`` of the leaderboard game (Chen, Zhang, Hardt, arXiv:2603.08371). Population ``k``
of a distribution with ``n`` developers is drawn from ``numpy.random.default_rng([seed, n])``,
so every protocol of a sweep meets the same populations (common random numbers).

The paper fits one population (its Figure 1); these distributions are design choices around it:

* ``logit``: generalized logit with common bounds ``L = 0.5``, ``U = 0.95`` (Winogrande-like),
  ``theta ~ U(0.5, 15)``, intercepts ``alpha ~ U(-2, 0.5)`` and slopes ``beta ~ U(0.06, 0.16)``
  both sorted to increase with capability: the single-crossing condition C3 then holds, so
  tune-before-test thresholds are exact.
* ``logit_mixed``: the same with slopes in random order: C3 may fail (a less capable model may
  learn faster), the regime where adjacent thresholds do not suffice.
* ``substitutes``: ``v = 1 - exp(-(theta + x))``, ``theta ~ U(0, 3)``: catch-up efforts do not
  depend on Delta, so tune-before-test never stabilizes (Chen, Zhang and Hardt 2026,
  Proposition 5.3 needs scores where tuning helps laggards).
* ``figure1``: the fixed five-model population of ``benchgame/examples/leaderboard_figure1.toml``
  (``n`` must be 5; the seed is not used).

Users add distributions with :func:`register_population`. Rewards by name come from
:meth:`benchgame.games.leaderboard.rewards.Rewards.parse`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from benchgame.core.registry import Registry
from benchgame.core.validation import InputError
from benchgame.games.leaderboard.generalized_logit import GeneralizedLogit
from benchgame.games.leaderboard.rewards import Rewards
from benchgame.games.leaderboard.score_family import ScoreFamily
from benchgame.games.leaderboard.substitutes import Substitutes

__all__ = ["POPULATIONS", "draw_population", "parse_rewards", "populations",
           "register_population"]

Population = tuple[np.ndarray, ScoreFamily]
Draw = Callable[[int, np.random.Generator], Population]

POPULATIONS: Registry[Draw] = Registry(
    "population", register_hint="register_population(name, draw)")
"""Registered population distributions: ``name -> draw(n, rng) -> (theta, family)``."""


def register_population(name: str, draw: Draw, *, replace: bool = False) -> Draw:
    """Register a distribution of developer populations under ``name``.

    Parameters
    ----------
    name : str
        The name sweep specifications give as ``population``.
    draw : callable
        ``draw(n, rng) -> (theta, family)``: ``n`` capabilities in decreasing order and the
        score family of the leaderboard game, drawn with the generator ``rng``.
    replace : bool, default False
        Replace a distribution of the same name.

    Returns
    -------
    callable
        ``draw``.

    Raises
    ------
    InputError
        If ``draw`` is not callable or the name is taken.

    Examples
    --------
    >>> from benchgame.games.leaderboard import Substitutes
    >>> _ = register_population("pair", lambda n, rng: (np.array([2.0, 1.0]), Substitutes()),
    ...                         replace=True)
    >>> draw_population("pair", 2, seed=0)[0]
    array([2., 1.])
    >>> POPULATIONS.unregister("pair")
    """
    if not callable(draw):
        raise InputError("population", f"cannot register {name!r}",
                         "give a function draw(n, rng)")
    return POPULATIONS.register(name, draw, replace=replace)


def populations() -> tuple[str, ...]:
    """Names of the registered population distributions.

    Returns
    -------
    tuple of str
    """
    return POPULATIONS.names()


def _desc(x: np.ndarray) -> np.ndarray:
    return np.sort(x)[::-1]


def _logit(n: int, rng: np.random.Generator, ordered_slopes: bool = True) -> Population:
    theta = _desc(rng.uniform(0.5, 15.0, n))
    alpha = _desc(rng.uniform(-2.0, 0.5, n))
    beta = rng.uniform(0.06, 0.16, n)
    if ordered_slopes:
        beta = _desc(beta)
    return theta, GeneralizedLogit(theta, alpha, beta, 0.5, 0.95)


def _substitutes(n: int, rng: np.random.Generator) -> Population:
    return _desc(rng.uniform(0.0, 3.0, n)), Substitutes("exponential")


def _figure1(n: int, rng: np.random.Generator) -> Population:
    if n != 5:
        raise InputError("developers", f"is {n} for population 'figure1'",
                         "the Figure 1 population has 5 developers")
    theta = np.array([14.0, 7.0, 3.0, 1.5, 0.5])
    return theta, GeneralizedLogit(theta, [0.24, 0.04, -0.36, -0.86, -1.79],
                                   [0.15, 0.12, 0.10, 0.09, 0.08], 0.5, 0.95)


register_population("logit", _logit)
register_population("logit_mixed", lambda n, rng: _logit(n, rng, ordered_slopes=False))
register_population("substitutes", _substitutes)
register_population("figure1", _figure1)


def draw_population(name: str, n: int, seed: int) -> Population:
    """Population ``seed`` of distribution ``name`` with ``n`` developers.

    Parameters
    ----------
    name : str
        A registered distribution (:func:`populations`).
    n : int
        Number of developers, ``>= 2``.
    seed : int
        Population index; the draw uses ``numpy.random.default_rng([seed, n])``.

    Returns
    -------
    tuple
        ``(theta, family)``: capabilities in decreasing order and the score family.

    Raises
    ------
    InputError
        On an unknown distribution or fewer than 2 developers.

    Examples
    --------
    >>> theta, family = draw_population("figure1", 5, seed=0)
    >>> theta.tolist()
    [14.0, 7.0, 3.0, 1.5, 0.5]
    """
    draw = POPULATIONS.get(name)
    if n < 2:
        raise InputError("developers", f"is {n}", "give at least 2 developers")
    return draw(int(n), np.random.default_rng([int(seed), int(n)]))


def parse_rewards(text: str, n: int) -> Rewards:
    """Rewards by name for ``n`` ranks (see :meth:`Rewards.parse`).

    Parameters
    ----------
    text : str
        ``winner_take_all``, ``linear``, ``geometric:RATIO``, ``top_k:K`` or a registered preset.
    n : int
        Number of ranks.

    Returns
    -------
    Rewards
    """
    return Rewards.parse(text, n)

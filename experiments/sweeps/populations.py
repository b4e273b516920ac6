"""Distributions of developer populations for leaderboard sweeps, and reward presets by name.

A population is ``(theta, family)``: capabilities in decreasing order and the score family
``v(theta, x)`` of the leaderboard game (Chen, Zhang, Hardt, arXiv:2603.08371). Population ``k``
of a distribution with ``n`` developers is drawn from ``numpy.random.default_rng([seed, n])``,
so every protocol of a sweep meets the same populations (common random numbers).

[RECON] The paper fits one population (its Figure 1); these distributions are design choices
around it:

* ``logit``: generalized logit with common bounds ``L = 0.5``, ``U = 0.95`` (Winogrande-like),
  ``theta ~ U(0.5, 15)``, intercepts ``alpha ~ U(-2, 0.5)`` and slopes ``beta ~ U(0.06, 0.16)``
  both sorted to increase with capability: C3 is certified (spec 5.6, family C), so
  tune-before-test thresholds are exact.
* ``logit_mixed``: the same with slopes in random order: C3 may fail (a less capable model may
  learn faster), the regime where adjacent thresholds do not suffice.
* ``substitutes``: ``v = 1 - exp(-(theta + x))``, ``theta ~ U(0, 3)``: catch-up efforts do not
  depend on Delta, so tune-before-test never stabilizes (spec 3.6).
* ``figure1``: the fixed five-model population of ``benchgame/examples/leaderboard_figure1.toml``
  (``n`` must be 5; the seed is not used).

Users add distributions with :func:`register_population`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from benchgame.core.validation import InputError

__all__ = ["draw_population", "parse_rewards", "populations", "register_population"]

Population = tuple[np.ndarray, object]
_REGISTRY: dict[str, Callable[[int, np.random.Generator], Population]] = {}


def register_population(name: str, draw: Callable[[int, np.random.Generator], Population]
                        ) -> None:
    """Register ``draw(n, rng) -> (theta decreasing, ScoreFamily)`` under ``name``."""
    if not isinstance(name, str) or not name or not callable(draw):
        raise InputError("population", f"cannot register {name!r}",
                         "give a name and a function draw(n, rng)")
    _REGISTRY[name] = draw


def populations() -> tuple[str, ...]:
    return tuple(sorted(_REGISTRY))


def _desc(x: np.ndarray) -> np.ndarray:
    return np.sort(x)[::-1]


def _logit(n: int, rng: np.random.Generator, ordered_slopes: bool = True) -> Population:
    from benchgame.games.leaderboard.score_families import GeneralizedLogit

    theta = _desc(rng.uniform(0.5, 15.0, n))
    alpha = _desc(rng.uniform(-2.0, 0.5, n))
    beta = rng.uniform(0.06, 0.16, n)
    if ordered_slopes:
        beta = _desc(beta)
    return theta, GeneralizedLogit(theta, alpha, beta, 0.5, 0.95)


def _substitutes(n: int, rng: np.random.Generator) -> Population:
    from benchgame.games.leaderboard.score_families import Substitutes

    return _desc(rng.uniform(0.0, 3.0, n)), Substitutes("exponential")


def _figure1(n: int, rng: np.random.Generator) -> Population:
    from benchgame.games.leaderboard.score_families import GeneralizedLogit

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
    """Population ``seed`` of distribution ``name`` with ``n`` developers."""
    if name not in _REGISTRY:
        raise InputError("population", f"is {name!r}",
                         f"use one of {', '.join(populations())} or register_population()")
    if n < 2:
        raise InputError("developers", f"is {n}", "give at least 2 developers")
    return _REGISTRY[name](int(n), np.random.default_rng([int(seed), int(n)]))


def parse_rewards(text: str, n: int) -> object:
    """Rewards by name: ``winner_take_all``, ``geometric:RATIO``, ``top_k:K`` or ``linear``
    (``R_k = (n - k) / (n - 1)``)."""
    from benchgame.games.leaderboard.rewards import Rewards

    name, _, arg = text.partition(":")
    try:
        value = float(arg) if arg else None
    except ValueError:
        value = float("nan")
    if name == "winner_take_all" and value is None:
        return Rewards.winner_take_all(n)
    if name == "linear" and value is None:
        return Rewards(np.arange(n - 1, -1, -1) / (n - 1))
    if name == "geometric" and (value is None or np.isfinite(value)):
        return Rewards.geometric(n, 0.5 if value is None else value)
    if name == "top_k" and value is not None and float(value).is_integer():
        return Rewards.top_k(n, int(value))
    raise InputError("reward", f"is {text!r}",
                     "use winner_take_all, linear, geometric:RATIO or top_k:K")

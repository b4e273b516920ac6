"""Rank-based rewards ``R_1 >= R_2 >= ... >= R_n`` of the leaderboard contest.

Chen, Zhang and Hardt (2026), Section 3 (the rank-order contest): the developer ranked ``k`` is
paid ``R_k``; equal adjacent rewards are allowed. Named presets (winner-take-all, top-k,
geometric, linear) are registered in :data:`REWARD_PRESETS`, the one table behind leaderboard
configurations (``[rewards] preset = ...``) and sweep parameters (``reward = "geometric:0.5"``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from benchgame.core.registry import Registry
from benchgame.core.validation import InputError, as_finite_array, require

__all__ = ["REWARD_PRESETS", "RewardPreset", "Rewards", "register_reward_preset"]


@dataclass(frozen=True, eq=False)
class Rewards:
    """A validated non-increasing reward vector; ``values[k]`` is paid to rank ``k + 1``.

    Parameters
    ----------
    values : array_like (n,)
        ``R_1 >= ... >= R_n``, finite, ``n >= 2``.

    Raises
    ------
    InputError
        If there are fewer than two ranks, a value is not finite, or rewards increase in rank.

    Examples
    --------
    >>> Rewards([1.0, 0.5, 0.0]).gaps.tolist()
    [0.5, 0.5]
    """

    values: np.ndarray

    def __init__(self, values: Any) -> None:
        arr = as_finite_array(values, "rewards", ndim=1)
        require(arr.size >= 2, "rewards", f"has {arr.size} entry", "give one reward per rank "
                "(n >= 2)")
        bad = np.flatnonzero(np.diff(arr) > 0)
        if bad.size:
            k = int(bad[0])
            raise InputError("rewards", f"increase from rank {k + 1} ({arr[k]}) to rank {k + 2} "
                             f"({arr[k + 1]})", "rewards must be non-increasing in rank: sort "
                             "them in decreasing order")
        arr.setflags(write=False)
        object.__setattr__(self, "values", arr)

    @property
    def n(self) -> int:
        return int(self.values.size)

    @property
    def gaps(self) -> np.ndarray:
        """``G_r = R_{r-1} - R_r`` for r = 2..n (array of length n - 1)."""
        return self.values[:-1] - self.values[1:]

    def shifted(self, constant: float) -> Rewards:
        """``R + constant`` (leaves every equilibrium unchanged, invariance P9)."""
        return Rewards(self.values + float(constant))

    @classmethod
    def winner_take_all(cls, n: int, prize: float = 1.0) -> Rewards:
        """``(prize, 0, ..., 0)``."""
        require(int(n) >= 2, "n", f"is {n}", "use n >= 2")
        require(prize >= 0, "prize", f"is {prize}", "use prize >= 0")
        return cls(np.r_[float(prize), np.zeros(int(n) - 1)])

    @classmethod
    def top_k(cls, n: int, k: int, prize: float = 1.0) -> Rewards:
        """``prize`` to each of the top ``k`` ranks, 0 to the rest."""
        require(int(n) >= 2, "n", f"is {n}", "use n >= 2")
        require(1 <= int(k) <= int(n), "k", f"is {k}", f"use 1 <= k <= n = {n}")
        return cls(np.where(np.arange(int(n)) < int(k), float(prize), 0.0))

    @classmethod
    def geometric(cls, n: int, ratio: float = 0.5, first: float = 1.0) -> Rewards:
        """``first * ratio^(k-1)`` for rank k, ``0 <= ratio <= 1``."""
        require(int(n) >= 2, "n", f"is {n}", "use n >= 2")
        require(0 <= ratio <= 1, "ratio", f"is {ratio}", "use 0 <= ratio <= 1")
        return cls(float(first) * float(ratio) ** np.arange(int(n)))

    @classmethod
    def linear(cls, n: int, first: float = 1.0) -> Rewards:
        """``first * (n - k) / (n - 1)`` for rank k: equal steps down to 0.

        Parameters
        ----------
        n : int
            Number of ranks, ``n >= 2``.
        first : float, default 1
            Reward of rank 1, ``>= 0``.

        Returns
        -------
        Rewards
        """
        require(int(n) >= 2, "n", f"is {n}", "use n >= 2")
        require(first >= 0, "first", f"is {first}", "use first >= 0")
        return cls(float(first) * np.arange(int(n) - 1, -1, -1) / (int(n) - 1))

    @classmethod
    def from_preset(cls, name: str, n: int, field_prefix: str = "rewards",
                    **params: float) -> Rewards:
        """The rewards of a registered preset.

        Parameters
        ----------
        name : str
            A name in :data:`REWARD_PRESETS` (``winner_take_all``, ``top_k``, ``geometric``,
            ``linear`` or one a user registered).
        n : int
            Number of ranks.
        field_prefix : str, default "rewards"
            Prefix of field names in errors.
        **params : float
            The preset's parameters; missing ones take their defaults.

        Returns
        -------
        Rewards

        Raises
        ------
        InputError
            On an unknown preset or parameter, or a missing required parameter.

        Examples
        --------
        >>> Rewards.from_preset("geometric", 3, ratio=0.5)
        Rewards([1.0, 0.5, 0.25])
        >>> Rewards.from_preset("top_k", 4, k=2)
        Rewards([1.0, 1.0, 0.0, 0.0])
        """
        preset = REWARD_PRESETS.get(name, f"{field_prefix}.preset")
        unknown = sorted(set(params) - set(preset.parameters))
        if unknown:
            raise InputError(f"{field_prefix}.{unknown[0]}",
                             f"does not apply to preset {name!r}",
                             f"allowed: {', '.join(sorted(preset.parameters)) or 'none'}")
        values = {}
        for p, default in preset.parameters.items():
            v = params.get(p, default)
            if v is None:
                raise InputError(f"{field_prefix}.{p}", "is missing", f"preset {name!r} needs {p}")
            values[p] = v
        return preset.make(int(n), **values)

    @classmethod
    def parse(cls, text: str, n: int, field: str = "reward") -> Rewards:
        """Rewards from the text form ``NAME`` or ``NAME:VALUE`` used by sweeps.

        ``VALUE`` sets the preset's first parameter (``geometric:0.5`` is a ratio of 0.5,
        ``top_k:3`` pays the top 3).

        Parameters
        ----------
        text : str
            The preset and its value.
        n : int
            Number of ranks.
        field : str, default "reward"
            Field named in errors.

        Returns
        -------
        Rewards

        Raises
        ------
        InputError
            On an unknown preset, or a value that is not a number.

        Examples
        --------
        >>> Rewards.parse("linear", 3)
        Rewards([1.0, 0.5, 0.0])
        """
        name, _, arg = str(text).partition(":")
        preset = REWARD_PRESETS.get(name, field) if name in REWARD_PRESETS else None
        if preset is None:
            raise InputError(field, f"is {text!r}", "use " + ", ".join(
                p + (f":{next(iter(REWARD_PRESETS.get(p).parameters)).upper()}"
                     if REWARD_PRESETS.get(p).positional else "")
                for p in REWARD_PRESETS.names()))
        params: dict[str, float] = {}
        if arg:
            try:
                value = float(arg)
            except ValueError:
                raise InputError(field, f"is {text!r}", f"give a number after {name}:") from None
            if not preset.positional:
                raise InputError(field, f"is {text!r}", f"preset {name!r} takes no value")
            params[preset.positional] = value
        return cls.from_preset(name, n, field, **params)

    def to_dict(self) -> dict:
        return {"rewards": self.values.tolist()}

    def __repr__(self) -> str:
        return f"Rewards({self.values.tolist()})"


@dataclass(frozen=True)
class RewardPreset:
    """A named reward schedule: ``make(n, **parameters) -> Rewards``.

    Parameters
    ----------
    make : callable
        Builds the rewards of ``n`` ranks from the parameters.
    parameters : mapping of str to float or None
        Parameters and their defaults (``None``: required).
    positional : str or None
        The parameter set by ``NAME:VALUE`` in sweep specifications (``None``: the preset takes
        no value there).
    """

    make: Callable[..., Rewards]
    parameters: Mapping[str, float | None] = field(default_factory=dict)
    positional: str | None = None


REWARD_PRESETS: Registry[RewardPreset] = Registry(
    "reward preset", register_hint="register_reward_preset(name, make, parameters)")
"""The registered reward presets, by name."""


def register_reward_preset(name: str, make: Callable[..., Rewards], *,
                           parameters: Mapping[str, float | None] | None = None,
                           positional: str | None = None,
                           replace: bool = False) -> RewardPreset:
    """Register a reward schedule under ``name``.

    Parameters
    ----------
    name : str
        The name in configurations (``preset = NAME``) and sweeps (``reward = "NAME:VALUE"``).
    make : callable
        ``make(n, **parameters) -> Rewards``.
    parameters : mapping of str to float or None, optional
        Parameters and defaults (``None``: required).
    positional : str, optional
        The parameter that ``NAME:VALUE`` sets.
    replace : bool, default False
        Replace a preset of the same name.

    Returns
    -------
    RewardPreset

    Examples
    --------
    >>> _ = register_reward_preset("podium", lambda n: Rewards([3, 2, 1] + [0] * (n - 3)),
    ...                            replace=True)
    >>> Rewards.parse("podium", 4)
    Rewards([3.0, 2.0, 1.0, 0.0])
    >>> REWARD_PRESETS.unregister("podium")
    """
    preset = RewardPreset(make, dict(parameters or {}), positional)
    return REWARD_PRESETS.register(name, preset, replace=replace)


def _top_k(n: int, k: float, prize: float = 1.0) -> Rewards:
    if not float(k).is_integer():
        raise InputError("k", f"is {k}", "give an integer number of rewarded ranks")
    return Rewards.top_k(n, int(k), prize)


register_reward_preset("winner_take_all", Rewards.winner_take_all, parameters={"prize": 1.0})
register_reward_preset("top_k", _top_k, parameters={"k": None, "prize": 1.0}, positional="k")
register_reward_preset("geometric", Rewards.geometric,
                       parameters={"ratio": 0.5, "first": 1.0}, positional="ratio")
register_reward_preset("linear", Rewards.linear, parameters={"first": 1.0})

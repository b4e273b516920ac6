"""Parsers of the tables of a leaderboard configuration: ``[score]``, ``[cost]``, ``[rewards]``
and ``[[protocols]]``.

Each parser checks one table (layout in :mod:`benchgame.experiments.leaderboard_config`) and
builds the corresponding object of the leaderboard game: the score family ``v(theta, x)``, the
common effort cost ``c(e)``, the rank rewards ``R_1 >= ... >= R_n`` and the evaluation
protocols among which the designer chooses (Chen, Zhang and Hardt (2026), arXiv:2603.08371).
Errors are :class:`~benchgame.core.validation.InputError` naming the key path and the fix.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchgame.core.validation import InputError
from benchgame.experiments.config_keys import choice, key_value, number, numbers, table
from benchgame.games.leaderboard.costs import (
    Cost,
    ExponentialCost,
    FlatStartCost,
    LinearQuadraticCost,
    PiecewiseLinearCost,
    PowerCost,
)
from benchgame.games.leaderboard.generalized_logit import GeneralizedLogit
from benchgame.games.leaderboard.piecewise_linear_scores import PiecewiseLinearConcave
from benchgame.games.leaderboard.protocol import DirectEvaluation, Protocol
from benchgame.games.leaderboard.rewards import Rewards
from benchgame.games.leaderboard.score_family import ScoreFamily
from benchgame.games.leaderboard.substitutes import Substitutes
from benchgame.mechanisms.protocols import PROTOCOLS

__all__ = ["parse_cost_table", "parse_protocol_tables", "parse_rewards_table",
           "parse_score_table"]

_FAMILY_KEYS = {"substitutes": {"family", "F"},
                "logit": {"family", "alpha", "beta", "lower", "upper"},
                "piecewise_linear": {"family", "knots_x", "knots_v"}}
_COST_KEYS = {"power": ({"kappa", "p"}, PowerCost),
              "linear_quadratic": ({"kappa", "mu"}, LinearQuadraticCost),
              "exponential": ({"k", "scale"}, ExponentialCost),
              "piecewise_linear": ({"breakpoints", "slopes"}, PiecewiseLinearCost),
              "flat_start": ({"a", "p"}, FlatStartCost)}
_REWARD_KEYS = {"values", "preset", "prize", "k", "ratio", "first"}
_PRESETS = {"winner_take_all": {"prize"}, "top_k": {"k", "prize"},
            "geometric": {"ratio", "first"}}


def parse_score_table(doc: Any, theta: np.ndarray, order: np.ndarray) -> ScoreFamily:
    """Build the score family ``v(theta, x)`` from the ``[score]`` table.

    Parameters
    ----------
    doc : Any
        The value of ``score`` in the configuration (``None`` when absent).
    theta : numpy.ndarray
        Capabilities in decreasing order.
    order : numpy.ndarray
        ``order[k]`` is the input position of the k-th most capable developer; per-developer
        entries of the table are given in input order and are permuted with it.

    Returns
    -------
    ScoreFamily
        ``Substitutes``, ``GeneralizedLogit`` or ``PiecewiseLinearConcave``.

    Raises
    ------
    InputError
        If the table is missing, holds a key of another family, or a value is bad (wrong
        length, ``beta <= 0``, bounds outside ``[0, 1]``, negative knots).

    Examples
    --------
    >>> import numpy as np
    >>> fam = parse_score_table({"family": "logit", "alpha": [0.5, 1.0], "beta": [0.6, 0.8]},
    ...                         np.array([2.0, 1.0]), np.array([1, 0]))
    >>> type(fam).__name__, fam.alpha, fam.beta
    ('GeneralizedLogit', array([1. , 0.5]), array([0.8, 0.6]))
    """
    doc = table(doc, "score", set().union(*_FAMILY_KEYS.values()))
    kind = choice(key_value(doc, "family", "score"), "score.family", _FAMILY_KEYS)
    table(doc, "score", _FAMILY_KEYS[kind])
    n = theta.size
    if kind == "substitutes":
        return Substitutes(choice(doc.get("F", "exponential"), "score.F",
                                  {"exponential", "reciprocal"}))
    if kind == "logit":
        alpha = numbers(key_value(doc, "alpha", "score"), "score.alpha", length=n)[order]
        beta = numbers(key_value(doc, "beta", "score"), "score.beta", length=n)[order]
        for k, b in enumerate(beta):
            if b <= 0:
                raise InputError(f"score.beta[{int(order[k])}]", f"is {b}", "give beta > 0")
        bounds = []
        for key, dflt in (("lower", 0.0), ("upper", 1.0)):
            val = numbers(doc.get(key, dflt), f"score.{key}", length=n, scalar_ok=True)
            if isinstance(val, np.ndarray):
                val = val[order]
            if np.any(np.asarray(val) < 0) or np.any(np.asarray(val) > 1):
                raise InputError(f"score.{key}", f"is {val}", "scores live in [0, 1]")
            bounds.append(val)
        return GeneralizedLogit(theta, alpha, beta, bounds[0], bounds[1])
    kx, kv = key_value(doc, "knots_x", "score"), key_value(doc, "knots_v", "score")
    for key, val in (("knots_x", kx), ("knots_v", kv)):
        if not isinstance(val, list) or len(val) != n:
            raise InputError(f"score.{key}", "is not a list with one knot list per developer",
                             f"give {n} lists")
    xs = [numbers(kx[int(i)], f"score.knots_x[{int(i)}]", min_value=0.0) for i in order]
    vs = [numbers(kv[int(i)], f"score.knots_v[{int(i)}]", min_value=0.0) for i in order]
    return PiecewiseLinearConcave(theta, xs, vs)


def parse_cost_table(doc: Any) -> Cost:
    """Build the common effort cost ``c(e)`` from the ``[cost]`` table.

    Parameters
    ----------
    doc : Any
        The value of ``cost`` in the configuration (``None`` when absent).

    Returns
    -------
    Cost
        ``PowerCost``, ``LinearQuadraticCost``, ``ExponentialCost``, ``PiecewiseLinearCost`` or
        ``FlatStartCost``, by the key ``type``.

    Raises
    ------
    InputError
        If the table is missing, holds a key of another cost type, or the cost rejects a value
        (the error then names ``cost.<key>``).

    Examples
    --------
    >>> c = parse_cost_table({"type": "power", "kappa": 0.5, "p": 2})
    >>> type(c).__name__, c.kappa, c.p
    ('PowerCost', 0.5, 2.0)
    """
    doc = table(doc, "cost", {"type"}.union(*(k for k, _ in _COST_KEYS.values())))
    kind = choice(key_value(doc, "type", "cost"), "cost.type", _COST_KEYS)
    keys, cls = _COST_KEYS[kind]
    table(doc, "cost", keys | {"type"})
    if kind == "piecewise_linear":
        return cls(numbers(key_value(doc, "breakpoints", "cost"), "cost.breakpoints",
                           min_value=0.0),
                   numbers(key_value(doc, "slopes", "cost"), "cost.slopes", min_value=0.0))
    kwargs = {k: number(doc[k], f"cost.{k}") for k in keys if k in doc}
    try:
        return cls(**kwargs)
    except InputError as exc:
        raise InputError(f"cost.{exc.field}", exc.problem, exc.fix) from None


def parse_rewards_table(doc: Any, n: int) -> Rewards:
    """Build the non-increasing rank rewards ``(R_1, ..., R_n)`` from the ``[rewards]`` table.

    Parameters
    ----------
    doc : Any
        The value of ``rewards`` in the configuration (``None`` when absent): either
        ``values`` (one per rank, non-increasing) or a ``preset`` with its parameters.
    n : int
        Number of developers (and ranks).

    Returns
    -------
    Rewards
        The rewards by rank, rank 1 first.

    Raises
    ------
    InputError
        If the table is missing, gives both or neither of ``values`` and ``preset``, the values
        increase with rank, or a preset parameter is out of range or does not apply.

    Examples
    --------
    >>> parse_rewards_table({"preset": "geometric", "ratio": 0.5}, 3)
    Rewards([1.0, 0.5, 0.25])
    >>> parse_rewards_table({"values": [1.0, 0.0]}, 2)
    Rewards([1.0, 0.0])
    """
    doc = table(doc, "rewards", _REWARD_KEYS)
    if "values" in doc:
        if "preset" in doc:
            raise InputError("rewards", "has both values and preset", "give one of them")
        extra = set(doc) - {"values"}
        if extra:
            raise InputError(f"rewards.{sorted(extra)[0]}", "only applies to presets",
                             "remove it or use a preset")
        vals = numbers(doc["values"], "rewards.values", length=n)
        for k in range(n - 1):
            if vals[k + 1] > vals[k]:
                raise InputError(f"rewards.values[{k + 1}]", f"= {vals[k + 1]:g} exceeds "
                                 f"rewards.values[{k}] = {vals[k]:g}", "rewards must be "
                                 "non-increasing in rank (rank 1 first)")
        return Rewards(vals)
    preset = choice(key_value(doc, "preset", "rewards"), "rewards.preset", _PRESETS)
    extra = set(doc) - _PRESETS[preset] - {"preset"}
    if extra:
        raise InputError(f"rewards.{sorted(extra)[0]}", f"does not apply to preset {preset!r}",
                         f"allowed: {', '.join(sorted(_PRESETS[preset]))}")
    if preset == "winner_take_all":
        return Rewards.winner_take_all(n, number(doc.get("prize", 1.0), "rewards.prize",
                                                 min_value=0.0, strict_min=True))
    if preset == "top_k":
        k = doc.get("k")
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k < n:
            raise InputError("rewards.k", f"is {k!r}", f"give an integer 1 <= k < {n}")
        return Rewards.top_k(n, k, number(doc.get("prize", 1.0), "rewards.prize",
                                          min_value=0.0, strict_min=True))
    ratio = number(doc.get("ratio", 0.5), "rewards.ratio", min_value=0.0)
    if ratio > 1:
        raise InputError("rewards.ratio", f"is {ratio}", "give 0 <= ratio <= 1 (non-increasing)")
    return Rewards.geometric(n, ratio, number(doc.get("first", 1.0), "rewards.first",
                                              min_value=0.0, strict_min=True))


def parse_protocol_tables(doc: Any) -> tuple[tuple[str, Protocol], ...]:
    """Build the protocols to compare from the ``[[protocols]]`` tables.

    A table names a registered protocol family (``type``) with its parameters; a family that
    uses a tune-before-test level gives one protocol per entry of ``delta`` (a number or a list
    of levels ``>= 0``, or the family's default level).

    Parameters
    ----------
    doc : Any
        The value of ``protocols`` in the configuration (``None`` when absent).

    Returns
    -------
    tuple of (str, Protocol)
        ``(label, protocol)`` pairs in the order written; direct evaluation alone when ``doc``
        is ``None``.

    Raises
    ------
    InputError
        If ``doc`` is not a non-empty array of tables, a ``type`` is not a registered family,
        a key is not a parameter of the family, or a level is negative.

    References
    ----------
    Chen, Zhang and Hardt (2026), "Leaderboard Incentives: Model Rankings under Strategic
    Post-Training", arXiv:2603.08371: direct evaluation and tune-before-test at level Delta
    (the protocols of the designer's choice; Section 5).

    Examples
    --------
    >>> specs = parse_protocol_tables([{"type": "direct"},
    ...                                {"type": "tbt", "delta": [1.0, 10.0]}])
    >>> [label for label, _ in specs]
    ['direct', 'tbt(Delta=1)', 'tbt(Delta=10)']
    """
    if doc is None:
        return (("direct", DirectEvaluation()),)
    if not isinstance(doc, list) or not doc:
        raise InputError("protocols", "is not a non-empty array of tables",
                         "write one or more [[protocols]] tables")
    out: list[tuple[str, Protocol]] = []
    for i, p in enumerate(doc):
        path = f"protocols[{i}]"
        if not isinstance(p, dict):
            raise InputError(path, "is not a table", "write [[protocols]] tables")
        kind = key_value(p, "type", path)
        if not isinstance(kind, str):
            raise InputError(f"{path}.type", f"is {kind!r}",
                             f"use one of {', '.join(PROTOCOLS.names())}")
        family = PROTOCOLS.get(kind, f"{path}.type")
        label = p.get("label")
        if label is not None and not isinstance(label, str):
            raise InputError(f"{path}.label", f"is {label!r}", "give a string")
        params = {k: v for k, v in p.items() if k not in ("type", "label", "delta")}
        for k in params:
            if k not in family.parameters:
                raise InputError(f"{path}.{k}", "is not a known key",
                                 f"protocol {kind!r} takes: "
                                 + ", ".join(["type", "label", *(["delta"] if family.uses_delta
                                                                 else []),
                                              *family.parameters]))
        if not family.uses_delta:
            if "delta" in p:
                raise InputError(f"{path}.delta", "is not a known key",
                                 f"protocol {kind!r} does not use a tune-before-test level")
            proto = family.make(0.0, path, **{k: number(v, f"{path}.{k}")
                                              for k, v in params.items()})
            out.append((label or family.label(0.0, **params), proto))
            continue
        raw = key_value(p, "delta", path,
                        ... if family.default_delta is None else family.default_delta)
        levels = raw if isinstance(raw, list) else [raw]
        if not levels:
            raise InputError(f"{path}.delta", "is empty", "give one or more levels >= 0")
        values = {k: number(v, f"{path}.{k}") for k, v in params.items()}
        for j, d in enumerate(levels):
            dpath = f"{path}.delta[{j}]" if isinstance(raw, list) else f"{path}.delta"
            delta = number(d, dpath)
            if delta < 0:
                raise InputError(dpath, f"is {delta:g}", "tune-before-test levels are >= 0")
            proto = family.make(delta, path, **values)
            out.append((label or family.label(delta, **values), proto))
    return tuple(out)

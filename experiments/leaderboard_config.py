"""TOML configuration of a leaderboard study (``benchgame leaderboard CONFIG.toml``).

Layout (every table and key is checked; unknown keys are errors)::

    title = "W1"                           # optional
    imports = ["my_protocols"]             # optional: modules that register protocols,
                                           # imported only with --allow-imports

    [developers]
    theta = [1.0, 0.5]                     # distinct capabilities, any order
    names = ["high", "low"]                # optional, one per developer

    [score]
    family = "logit"                       # "substitutes" | "logit" | "piecewise_linear"
    alpha = [2.0, 1.5]                     # logit: per developer (same order as theta)
    beta = [0.8, 0.6]                      # logit: per developer, > 0
    lower = 0.0                            # logit: number or list
    upper = 1.0                            # logit: number or list
    # substitutes: F = "exponential" | "reciprocal"
    # piecewise_linear: knots_x = [[0, 7], ...], knots_v = [[0.3, 1.0], ...]

    [cost]
    type = "power"                         # power (kappa, p) | linear_quadratic (kappa, mu)
                                           # | exponential (k, scale)
                                           # | piecewise_linear (breakpoints, slopes)
                                           # | flat_start (a, p)
    kappa = 1.0
    p = 1.0

    [rewards]
    values = [1.0, 0.0]                    # non-increasing, one per rank
    # or: preset = "winner_take_all" | "top_k" | "geometric"
    #     with prize (wta, top_k), k (top_k), ratio and first (geometric)

    [tie]
    rule = "capability"                    # "capability" | "index" | "uniform"
    priority = [0, 1]                      # index rule: smaller wins (developer order)

    [[protocols]]
    type = "direct"                        # any registered protocol family
    [[protocols]]
    type = "tbt"
    delta = [1.0, 10.0]                    # one protocol per level (>= 0)
    [[protocols]]
    type = "effort_cap"
    cap = 2.0
    delta = 0.0

    [designer]
    delta_max = 1e6                        # largest level the designer searches
    plot_delta_max = 100.0                 # Delta range of the plot

Capabilities may be given in any order; developers are sorted by decreasing capability (and the
per-developer score parameters with them). Errors are :class:`benchgame.core.validation.InputError`
naming the key path (e.g. ``rewards.values[2]``) and the fix.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from benchgame.core.plugins import import_user_modules, module_names
from benchgame.core.toml_file import read_toml
from benchgame.core.validation import InputError
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.costs import (
    Cost,
    ExponentialCost,
    FlatStartCost,
    LinearQuadraticCost,
    PiecewiseLinearCost,
    PowerCost,
)
from benchgame.games.leaderboard.protocol import DirectEvaluation, Protocol
from benchgame.games.leaderboard.rewards import Rewards
from benchgame.games.leaderboard.score_families import (
    GeneralizedLogit,
    PiecewiseLinearConcave,
    ScoreFamily,
    Substitutes,
)
from benchgame.mechanisms.protocols import PROTOCOLS

__all__ = ["LeaderboardConfig", "ProtocolSpec", "load_config", "parse_config"]

_TOP = {"title", "imports", "developers", "score", "cost", "rewards", "tie", "protocols",
        "designer"}
_FAMILY_KEYS = {"substitutes": {"family", "F"},
                "logit": {"family", "alpha", "beta", "lower", "upper"},
                "piecewise_linear": {"family", "knots_x", "knots_v"}}
_COST_KEYS = {"power": ({"kappa", "p"}, PowerCost),
              "linear_quadratic": ({"kappa", "mu"}, LinearQuadraticCost),
              "exponential": ({"k", "scale"}, ExponentialCost),
              "piecewise_linear": ({"breakpoints", "slopes"}, PiecewiseLinearCost),
              "flat_start": ({"a", "p"}, FlatStartCost)}
_PRESETS = {"winner_take_all": {"prize"}, "top_k": {"k", "prize"},
            "geometric": {"ratio", "first"}}

@dataclass(frozen=True)
class ProtocolSpec:
    """One protocol to compare: a label and the protocol object."""

    label: str
    protocol: Protocol


@dataclass(frozen=True, eq=False)
class LeaderboardConfig:
    """A parsed configuration.

    ``contest`` is the base contest (direct evaluation); ``names[k]`` and ``order[k]`` are the
    name and input position of the k-th most capable developer.
    """

    title: str
    names: tuple[str, ...]
    order: np.ndarray
    contest: Contest
    protocols: tuple[ProtocolSpec, ...]
    delta_max: float
    plot_delta_max: float
    source: str


# --------------------------------------------------------------------------------------------
def _table(doc: Any, path: str, allowed: set[str], required: bool = True) -> dict:
    if doc is None:
        if required:
            raise InputError(path, "is missing", f"add a [{path}] table")
        return {}
    if not isinstance(doc, dict):
        raise InputError(path, f"is a {type(doc).__name__}, not a table", f"write [{path}]")
    for k in doc:
        if k not in allowed:
            raise InputError(f"{path}.{k}" if path else k, "is not a known key",
                             f"remove it; allowed keys: {', '.join(sorted(allowed))}")
    return doc


def _number(v: Any, path: str, *, min_value: float | None = None, strict_min: bool = False
            ) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise InputError(path, f"is {v!r} ({type(v).__name__})", "give a number")
    x = float(v)
    if not math.isfinite(x):
        raise InputError(path, f"is {x}", "give a finite number")
    if min_value is not None and (x < min_value or (strict_min and x == min_value)):
        rel = ">" if strict_min else ">="
        raise InputError(path, f"is {x}", f"give a number {rel} {min_value:g}")
    return x


def _numbers(v: Any, path: str, *, length: int | None = None, min_value: float | None = None,
             scalar_ok: bool = False) -> Any:
    if scalar_ok and not isinstance(v, list):
        return _number(v, path, min_value=min_value)
    if not isinstance(v, list):
        raise InputError(path, f"is {v!r}", "give a list of numbers")
    if length is not None and len(v) != length:
        raise InputError(path, f"has {len(v)} entries", f"give {length} (one per developer)")
    return np.array([_number(x, f"{path}[{k}]", min_value=min_value) for k, x in enumerate(v)])


def _get(doc: dict, key: str, path: str, default: Any = ...) -> Any:
    if key in doc:
        return doc[key]
    if default is ...:
        raise InputError(f"{path}.{key}", "is missing", f"add `{key} = ...` to [{path}]")
    return default


def _choice(v: Any, path: str, options: Any) -> str:
    if not isinstance(v, str) or v not in options:
        raise InputError(path, f"is {v!r}", f"use one of {', '.join(sorted(options))}")
    return v


# --------------------------------------------------------------------------------------------
def _family(doc: dict, theta: np.ndarray, order: np.ndarray) -> ScoreFamily:
    kind = _choice(_get(doc, "family", "score"), "score.family", _FAMILY_KEYS)
    _table(doc, "score", _FAMILY_KEYS[kind])
    n = theta.size
    if kind == "substitutes":
        return Substitutes(_choice(doc.get("F", "exponential"), "score.F",
                                   {"exponential", "reciprocal"}))
    if kind == "logit":
        alpha = _numbers(_get(doc, "alpha", "score"), "score.alpha", length=n)[order]
        beta = _numbers(_get(doc, "beta", "score"), "score.beta", length=n)[order]
        for k, b in enumerate(beta):
            if b <= 0:
                raise InputError(f"score.beta[{int(order[k])}]", f"is {b}", "give beta > 0")
        bounds = []
        for key, dflt in (("lower", 0.0), ("upper", 1.0)):
            val = _numbers(doc.get(key, dflt), f"score.{key}", length=n, scalar_ok=True)
            if isinstance(val, np.ndarray):
                val = val[order]
            if np.any(np.asarray(val) < 0) or np.any(np.asarray(val) > 1):
                raise InputError(f"score.{key}", f"is {val}", "scores live in [0, 1]")
            bounds.append(val)
        return GeneralizedLogit(theta, alpha, beta, bounds[0], bounds[1])
    kx, kv = _get(doc, "knots_x", "score"), _get(doc, "knots_v", "score")
    for key, val in (("knots_x", kx), ("knots_v", kv)):
        if not isinstance(val, list) or len(val) != n:
            raise InputError(f"score.{key}", "is not a list with one knot list per developer",
                             f"give {n} lists")
    xs = [_numbers(kx[int(i)], f"score.knots_x[{int(i)}]", min_value=0.0) for i in order]
    vs = [_numbers(kv[int(i)], f"score.knots_v[{int(i)}]", min_value=0.0) for i in order]
    return PiecewiseLinearConcave(theta, xs, vs)


def _cost(doc: dict) -> Cost:
    kind = _choice(_get(doc, "type", "cost"), "cost.type", _COST_KEYS)
    keys, cls = _COST_KEYS[kind]
    _table(doc, "cost", keys | {"type"})
    if kind == "piecewise_linear":
        return cls(_numbers(_get(doc, "breakpoints", "cost"), "cost.breakpoints", min_value=0.0),
                   _numbers(_get(doc, "slopes", "cost"), "cost.slopes", min_value=0.0))
    kwargs = {k: _number(doc[k], f"cost.{k}") for k in keys if k in doc}
    try:
        return cls(**kwargs)
    except InputError as exc:
        raise InputError(f"cost.{exc.field}", exc.problem, exc.fix) from None


def _rewards(doc: dict, n: int) -> Rewards:
    _table(doc, "rewards", {"values", "preset", "prize", "k", "ratio", "first"})
    if "values" in doc:
        if "preset" in doc:
            raise InputError("rewards", "has both values and preset", "give one of them")
        extra = set(doc) - {"values"}
        if extra:
            raise InputError(f"rewards.{sorted(extra)[0]}", "only applies to presets",
                             "remove it or use a preset")
        vals = _numbers(doc["values"], "rewards.values", length=n)
        for k in range(n - 1):
            if vals[k + 1] > vals[k]:
                raise InputError(f"rewards.values[{k + 1}]", f"= {vals[k + 1]:g} exceeds "
                                 f"rewards.values[{k}] = {vals[k]:g}", "rewards must be "
                                 "non-increasing in rank (rank 1 first)")
        return Rewards(vals)
    preset = _choice(_get(doc, "preset", "rewards"), "rewards.preset", _PRESETS)
    extra = set(doc) - _PRESETS[preset] - {"preset"}
    if extra:
        raise InputError(f"rewards.{sorted(extra)[0]}", f"does not apply to preset {preset!r}",
                         f"allowed: {', '.join(sorted(_PRESETS[preset]))}")
    if preset == "winner_take_all":
        return Rewards.winner_take_all(n, _number(doc.get("prize", 1.0), "rewards.prize",
                                                  min_value=0.0, strict_min=True))
    if preset == "top_k":
        k = doc.get("k")
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k < n:
            raise InputError("rewards.k", f"is {k!r}", f"give an integer 1 <= k < {n}")
        return Rewards.top_k(n, k, _number(doc.get("prize", 1.0), "rewards.prize",
                                           min_value=0.0, strict_min=True))
    ratio = _number(doc.get("ratio", 0.5), "rewards.ratio", min_value=0.0)
    if ratio > 1:
        raise InputError("rewards.ratio", f"is {ratio}", "give 0 <= ratio <= 1 (non-increasing)")
    return Rewards.geometric(n, ratio, _number(doc.get("first", 1.0), "rewards.first",
                                               min_value=0.0, strict_min=True))


def _protocols(doc: Any) -> tuple[ProtocolSpec, ...]:
    if doc is None:
        return (ProtocolSpec("direct", DirectEvaluation()),)
    if not isinstance(doc, list) or not doc:
        raise InputError("protocols", "is not a non-empty array of tables",
                         "write one or more [[protocols]] tables")
    out: list[ProtocolSpec] = []
    for i, p in enumerate(doc):
        path = f"protocols[{i}]"
        if not isinstance(p, dict):
            raise InputError(path, "is not a table", "write [[protocols]] tables")
        kind = _get(p, "type", path)
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
            proto = family.make(0.0, path, **{k: _number(v, f"{path}.{k}")
                                              for k, v in params.items()})
            out.append(ProtocolSpec(label or family.label(0.0, **params), proto))
            continue
        raw = _get(p, "delta", path, ... if family.default_delta is None else family.default_delta)
        levels = raw if isinstance(raw, list) else [raw]
        if not levels:
            raise InputError(f"{path}.delta", "is empty", "give one or more levels >= 0")
        values = {k: _number(v, f"{path}.{k}") for k, v in params.items()}
        for j, d in enumerate(levels):
            dpath = f"{path}.delta[{j}]" if isinstance(raw, list) else f"{path}.delta"
            delta = _number(d, dpath)
            if delta < 0:
                raise InputError(dpath, f"is {delta:g}", "tune-before-test levels are >= 0")
            proto = family.make(delta, path, **values)
            out.append(ProtocolSpec(label or family.label(delta, **values), proto))
    return tuple(out)


def parse_config(doc: dict, source: str = "<config>", *,
                 allow_imports: bool = False) -> LeaderboardConfig:
    """Validate a parsed TOML document and build the contest and protocols.

    Parameters
    ----------
    doc : dict
        The parsed document (layout in the module docstring).
    source : str, default "<config>"
        Where it came from (its file name), for the title and messages.
    allow_imports : bool, default False
        Consent to import the modules listed under ``imports`` (they run code, for example to
        register a user's protocol); without it a document with ``imports`` is refused.

    Returns
    -------
    LeaderboardConfig

    Raises
    ------
    InputError
        Naming the key path of the first bad value and the fix.

    Examples
    --------
    >>> cfg = parse_config({"developers": {"theta": [1.0, 2.0], "names": ["b", "a"]},
    ...                     "score": {"family": "substitutes", "F": "exponential"},
    ...                     "cost": {"type": "power", "kappa": 1.0, "p": 2.0},
    ...                     "rewards": {"values": [1.0, 0.0]},
    ...                     "protocols": [{"type": "tbt", "delta": [0.0, 2.0]}]})
    >>> cfg.names, [p.label for p in cfg.protocols]
    (('a', 'b'), ['tbt(Delta=0)', 'tbt(Delta=2)'])
    """
    _table(doc, "", _TOP)
    if "imports" in doc:
        import_user_modules(module_names(doc["imports"]), allowed=allow_imports)
    title = doc.get("title", Path(source).stem)
    if not isinstance(title, str):
        raise InputError("title", f"is {title!r}", "give a string")
    dev = _table(doc.get("developers"), "developers", {"theta", "names"})
    theta_in = _numbers(_get(dev, "theta", "developers"), "developers.theta")
    n = theta_in.size
    if n < 2:
        raise InputError("developers.theta", f"has {n} entry", "give at least 2 developers")
    order = np.argsort(-theta_in, kind="stable")
    theta = theta_in[order]
    eq = np.flatnonzero(np.diff(theta) == 0)
    if eq.size:
        a, b = sorted(int(x) for x in order[eq[0]:eq[0] + 2])
        raise InputError(f"developers.theta[{b}]", f"equals developers.theta[{a}] = "
                         f"{theta[eq[0]]:g}", "capabilities must be distinct")
    names_in = dev.get("names", [f"dev{i}" for i in range(n)])
    if (not isinstance(names_in, list) or len(names_in) != n
            or not all(isinstance(x, str) for x in names_in)):
        raise InputError("developers.names", f"is {names_in!r}", f"give {n} strings")
    names = tuple(names_in[int(i)] for i in order)
    family = _family(_table(doc.get("score"), "score", set().union(*_FAMILY_KEYS.values())),
                     theta, order)
    cost = _cost(_table(doc.get("cost"), "cost",
                        {"type"}.union(*(k for k, _ in _COST_KEYS.values()))))
    rewards = _rewards(_table(doc.get("rewards"), "rewards",
                              {"values", "preset", "prize", "k", "ratio", "first"}), n)
    tie = _table(doc.get("tie"), "tie", {"rule", "priority"}, required=False)
    rule = _choice(tie.get("rule", "capability"), "tie.rule", {"capability", "index", "uniform"})
    priority = None
    if "priority" in tie:
        if rule != "index":
            raise InputError("tie.priority", "only applies to rule = 'index'",
                             "remove it or set rule = 'index'")
        pr = tie["priority"]
        if (not isinstance(pr, list) or sorted(pr) != list(range(n))
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in pr)):
            raise InputError("tie.priority", f"is {pr!r}", f"give a permutation of 0..{n - 1}")
        priority = np.asarray(pr)[order]
    protocols = _protocols(doc.get("protocols"))
    des = _table(doc.get("designer"), "designer", {"delta_max", "plot_delta_max"},
                 required=False)
    delta_max = _number(des.get("delta_max", 1e6), "designer.delta_max", min_value=0.0,
                        strict_min=True)
    plot_max = _number(des.get("plot_delta_max", 100.0), "designer.plot_delta_max",
                       min_value=0.0, strict_min=True)
    contest = Contest(theta, family, cost, rewards, DirectEvaluation(), rule,
                      priority)
    return LeaderboardConfig(title, names, order, contest, protocols, delta_max, plot_max,
                             source)


def load_config(path: str | Path, *, allow_imports: bool = False) -> LeaderboardConfig:
    """Read and validate a TOML configuration file.

    Parameters
    ----------
    path : str or Path
        The TOML file (layout in the module docstring).
    allow_imports : bool, default False
        Consent to import the modules listed under ``imports``.

    Returns
    -------
    LeaderboardConfig

    Raises
    ------
    InputError
        If the file is missing, unreadable or not valid TOML, or a value is bad.
    """
    doc = read_toml(path, "CONFIG", "TOML configuration")
    return parse_config(doc, str(path), allow_imports=allow_imports)

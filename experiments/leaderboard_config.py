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
    # optional: the cheapest protocol over several parameters (grid-based), e.g.
    # target = 0.9 with [designer.candidates] m = [100, 500] and [designer.cost] m = 0.01;
    # keys in benchgame.experiments.designer_config

Capabilities may be given in any order; developers are sorted by decreasing capability (and the
per-developer score parameters with them). Errors are :class:`benchgame.core.validation.InputError`
naming the key path (e.g. ``rewards.values[2]``) and the fix.

The tables ``[score]``, ``[cost]``, ``[rewards]`` and ``[[protocols]]`` are parsed by
:mod:`benchgame.experiments.leaderboard_tables`; the key readers are in
:mod:`benchgame.experiments.config_keys`. The game is the leaderboard game of Chen, Zhang and
Hardt (2026), "Leaderboard Incentives: Model Rankings under Strategic Post-Training",
arXiv:2603.08371.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchgame.core.plugins import import_user_modules, module_names
from benchgame.core.toml_file import read_toml
from benchgame.core.validation import InputError
from benchgame.experiments.config_keys import choice, key_value, number, numbers, table
from benchgame.experiments.designer_config import GRID_KEYS, DesignerGridSpec, parse_designer_grid
from benchgame.experiments.leaderboard_tables import (
    parse_cost_table,
    parse_protocol_tables,
    parse_rewards_table,
    parse_score_table,
)
from benchgame.games.leaderboard.contest import Contest
from benchgame.games.leaderboard.protocol import DirectEvaluation, Protocol

__all__ = ["LeaderboardConfig", "ProtocolSpec", "load_config", "parse_config"]

_TOP = {"title", "imports", "developers", "score", "cost", "rewards", "tie", "protocols",
        "designer"}


@dataclass(frozen=True)
class ProtocolSpec:
    """One protocol to compare: a label and the protocol object.

    Parameters
    ----------
    label : str
        Name of the protocol in tables and plots (e.g. ``"tbt(Delta=10)"``).
    protocol : Protocol
        The evaluation protocol, mapping efforts to observed scores.

    Examples
    --------
    >>> from benchgame.games.leaderboard.protocol import DirectEvaluation
    >>> ProtocolSpec("direct", DirectEvaluation()).label
    'direct'
    """

    label: str
    protocol: Protocol


@dataclass(frozen=True, eq=False)
class LeaderboardConfig:
    """A parsed leaderboard configuration: the contest and the protocols to compare.

    Developers are stored by decreasing capability: ``names[k]`` and ``order[k]`` are the name
    and the input position of the k-th most capable developer.

    Parameters
    ----------
    title : str
        Title of the study (default: the stem of the file name).
    names : tuple of str
        Developer names, most capable first.
    order : numpy.ndarray
        Input position of each developer, most capable first.
    contest : Contest
        The base contest, under direct evaluation.
    protocols : tuple of ProtocolSpec
        The protocols to compare, in the order written.
    delta_max : float
        Largest tune-before-test level the designer searches.
    plot_delta_max : float
        Upper end of the Delta axis of the plot.
    source : str
        Where the configuration came from (its file name, or ``"<config>"``).
    designer_grid : DesignerGridSpec or None, default None
        The designer's search over several protocol parameters, when ``[designer]`` states
        one.

    See Also
    --------
    parse_config, load_config : Build one from a parsed document or a TOML file.
    """

    title: str
    names: tuple[str, ...]
    order: np.ndarray
    contest: Contest
    protocols: tuple[ProtocolSpec, ...]
    delta_max: float
    plot_delta_max: float
    source: str
    designer_grid: DesignerGridSpec | None = None


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
        Developers sorted by decreasing capability, the contest under direct evaluation and
        the protocols to compare.

    Raises
    ------
    InputError
        Naming the key path of the first bad value and the fix.

    References
    ----------
    Chen, Zhang and Hardt (2026), "Leaderboard Incentives: Model Rankings under Strategic
    Post-Training", arXiv:2603.08371: the developers' subgame (capabilities, score family,
    common cost, rank rewards, tie-breaking) under the protocol the designer commits to.

    Examples
    --------
    >>> cfg = parse_config({"developers": {"theta": [1.0, 2.0], "names": ["b", "a"]},
    ...                     "score": {"family": "substitutes", "F": "exponential"},
    ...                     "cost": {"type": "power", "kappa": 1.0, "p": 2.0},
    ...                     "rewards": {"values": [1.0, 0.0]},
    ...                     "protocols": [{"type": "tbt", "delta": [0.0, 2.0]}]})
    >>> cfg.names, [p.label for p in cfg.protocols]
    (('a', 'b'), ['tbt(Delta=0)', 'tbt(Delta=2)'])
    >>> cfg.order, cfg.contest.theta
    (array([1, 0]), array([2., 1.]))
    """
    table(doc, "", _TOP)
    if "imports" in doc:
        import_user_modules(module_names(doc["imports"]), allowed=allow_imports)
    title = doc.get("title", Path(source).stem)
    if not isinstance(title, str):
        raise InputError("title", f"is {title!r}", "give a string")
    dev = table(doc.get("developers"), "developers", {"theta", "names"})
    theta_in = numbers(key_value(dev, "theta", "developers"), "developers.theta")
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
    if len(set(names_in)) != len(names_in):
        raise InputError("developers.names", f"repeats a name: {names_in!r}",
                         "give each developer its own name")
    names = tuple(names_in[int(i)] for i in order)
    family = parse_score_table(doc.get("score"), theta, order)
    cost = parse_cost_table(doc.get("cost"))
    rewards = parse_rewards_table(doc.get("rewards"), n)
    tie = table(doc.get("tie"), "tie", {"rule", "priority"}, required=False)
    rule = choice(tie.get("rule", "capability"), "tie.rule", {"capability", "index", "uniform"})
    priority = None
    if "priority" in tie:
        if rule != "index":
            raise InputError("tie.priority", "only applies to rule = 'index'",
                             "remove it or set rule = 'index'")
        pr = tie["priority"]
        if (not isinstance(pr, list)
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in pr)
                or sorted(pr) != list(range(n))):
            raise InputError("tie.priority", f"is {pr!r}", f"give a permutation of 0..{n - 1}")
        priority = np.asarray(pr)[order]
    protocols = tuple(ProtocolSpec(label, proto)
                      for label, proto in parse_protocol_tables(doc.get("protocols")))
    des = table(doc.get("designer"), "designer", {"delta_max", "plot_delta_max", *GRID_KEYS},
                required=False)
    delta_max = number(des.get("delta_max", 1e6), "designer.delta_max", min_value=0.0,
                       strict_min=True)
    plot_max = number(des.get("plot_delta_max", 100.0), "designer.plot_delta_max",
                      min_value=0.0, strict_min=True)
    contest = Contest(theta, family, cost, rewards, DirectEvaluation(), rule,
                      priority, names=names)
    return LeaderboardConfig(title, names, order, contest, protocols, delta_max, plot_max,
                             source, parse_designer_grid(des))


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
        The parsed configuration, with ``source`` the file name.

    Raises
    ------
    InputError
        If the file is missing, unreadable or not valid TOML, or a value is bad.

    Examples
    --------
    >>> from importlib.resources import files
    >>> cfg = load_config(files("benchgame") / "examples" / "leaderboard_w1.toml")
    >>> cfg.title, cfg.names, [p.label for p in cfg.protocols][:2]
    ('W1: substitutes, c(e) = e, R = (1, 0)', ('high', 'low'), ['direct', 'tbt(Delta=1)'])
    """
    doc = read_toml(path, "CONFIG", "TOML configuration")
    return parse_config(doc, str(path), allow_imports=allow_imports)

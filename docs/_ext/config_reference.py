"""The ``benchgame-config`` directive: reference tables of every key of the TOML files.

``.. benchgame-config:: leaderboard`` and ``.. benchgame-config:: sweep`` render one table per
TOML table (key, type, default, example, meaning). The keys come from the code: the parsers'
key sets (``_TOP``, ``_FAMILY_KEYS``, ``_COST_KEYS``, ``_REWARD_KEYS``, ``_PRESETS``,
``_RANGE_KEYS``), the parsers' own "allowed keys" answers for the tables whose key sets are
written inline, the registered protocol families and sweep analyses (their declared parameters
with types, defaults and help), and the parameters sections and signatures of the classes a
table builds. What the code does not say (the meaning of a top-level key, an example) is written
in :mod:`config_text`; the build fails when that text misses a key the code accepts or describes a
key it does not, so the reference cannot drift from the parsers.
"""

from __future__ import annotations

import inspect
import json
import re
from typing import Any

from config_text import LEADERBOARD, SWEEP
from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.statemachine import StringList
from numpydoc.docscrape import ClassDoc
from sphinx.errors import ExtensionError
from sphinx.util.nodes import nested_parse_with_titles

from benchgame.core.validation import InputError
from benchgame.experiments import leaderboard_config, leaderboard_tables
from benchgame.experiments.sweeps import spec as sweep_spec
from benchgame.experiments.sweeps.parameter_values import _RANGE_KEYS
from benchgame.experiments.sweeps.registry import REQUIRED, analyses, get_analysis
from benchgame.mechanisms.protocols import PROTOCOLS

_PROBE = "zz_not_a_key"
_NONE = "\N{EN DASH}"
_BASE = {"developers": {"theta": [2.0, 1.0]},
         "score": {"family": "substitutes"},
         "cost": {"type": "power"},
         "rewards": {"values": [1.0, 0.0]}}


def _probe_leaderboard(table: str) -> set[str]:
    """The keys ``[table]`` accepts, as the parser's refusal of an unknown key lists them."""
    doc = {k: dict(v) for k, v in _BASE.items()}
    doc.setdefault(table, {})[_PROBE] = 1
    try:
        leaderboard_config.parse_config(doc)
    except InputError as exc:
        found = re.search(r"allowed keys: (.*)$", exc.fix)
        if exc.field == f"{table}.{_PROBE}" and found:
            return set(found.group(1).split(", "))
    raise ExtensionError(f"could not read the keys of [{table}] from the parser")


def _probe_sweep_designer() -> set[str]:
    doc = {"analysis": "leaderboard", "output": "x.parquet", "parameters": {"delta": [0.0]},
           "designer": {_PROBE: 1}}
    try:
        sweep_spec.parse_spec(doc)
    except InputError as exc:
        if exc.field == f"designer.{_PROBE}":
            return set(re.findall(r"[a-z_]+", exc.fix)) - {"use", "and"}
    raise ExtensionError("could not read the keys of the sweep [designer] from the parser")


def _toml(value: Any) -> str:
    """A scalar written as a TOML value."""
    if isinstance(value, bool):
        return str(value).lower()
    return json.dumps(value)


def _class_rows(cls: type, keys: set[str], examples: dict[str, str]) -> list[list[str]]:
    """Rows of the keys that are parameters of ``cls``: type, default and help from it."""
    params = {p.name: p for p in ClassDoc(cls)["Parameters"]}
    sig = inspect.signature(cls)
    rows = []
    for key in sorted(keys):
        if key not in params:
            raise ExtensionError(f"{cls.__name__} documents no parameter {key!r}")
        default = sig.parameters[key].default
        rows.append([f"``{key}``", params[key].type.split(", default")[0],
                     "required" if default is inspect.Parameter.empty else f"``{default!r}``",
                     examples.get(key, ""), " ".join(params[key].desc)])
    return rows


def _text_rows(text: dict[str, tuple[str, str, str, str]], keys: set[str],
               where: str) -> list[list[str]]:
    missing, extra = sorted(keys - set(text)), sorted(set(text) - keys)
    if missing or extra:
        raise ExtensionError(f"the configuration reference of {where} is out of date: "
                             f"undocumented keys {missing}, documented unknown keys {extra}")
    return [[f"``{k}``", *text[k]] for k in sorted(keys)]


def _choice_rows(key: str, choices: Any, meaning: str) -> list[list[str]]:
    names = ", ".join(f"``{c!r}``" for c in sorted(choices))
    return [[f"``{key}``", "str", "required", f"``{sorted(choices)[0]!r}``",
             f"{meaning}; one of {names}"]]


def leaderboard_tables_() -> list[tuple[str, str, list[list[str]]]]:
    """``(title, intro, rows)`` of every table of a leaderboard configuration."""
    t = LEADERBOARD
    out = [("Top level", t["intro"],
            _text_rows(t["top"], set(leaderboard_config._TOP), "the top level"))]
    for table in ("developers", "tie", "designer"):
        out.append((f"[{table}]", t[f"{table}_intro"],
                    _text_rows(t[table], _probe_leaderboard(table), f"[{table}]")))
    fams = leaderboard_tables._FAMILY_KEYS
    out.append(("[score]", t["score_intro"],
                _choice_rows("family", fams, "the score family v(theta, x)")))
    for fam, cls in (("substitutes", leaderboard_tables.Substitutes),
                     ("logit", leaderboard_tables.GeneralizedLogit),
                     ("piecewise_linear", leaderboard_tables.PiecewiseLinearConcave)):
        out.append((f'[score] with family = "{fam}"', cls.__doc__.strip().splitlines()[0],
                    _class_rows(cls, fams[fam] - {"family"}, t["score_examples"])))
    costs = leaderboard_tables._COST_KEYS
    out.append(("[cost]", t["cost_intro"],
                _choice_rows("type", costs, "the common effort cost c(e)")))
    for kind, (keys, cls) in costs.items():
        out.append((f'[cost] with type = "{kind}"', cls.__doc__.strip().splitlines()[0],
                    _class_rows(cls, keys, t["cost_examples"])))
    rewards = set(leaderboard_tables._REWARD_KEYS)
    presets = leaderboard_tables._PRESETS
    rows = _text_rows(t["rewards"], rewards, "[rewards]")
    preset_keys = ", ".join(f"``{p}``: {', '.join(sorted(k))}" for p, k in presets.items())
    out.append(("[rewards]", t["rewards_intro"] + f" Preset parameters: {preset_keys}.", rows))
    rows = [["``type``", "str", "required", '``"tbt"``',
             "a registered protocol family: " + "; ".join(
                 f"``{n}`` ({PROTOCOLS.get(n, 'type').description})"
                 for n in PROTOCOLS.names())],
            ["``label``", "str", "the family's label", '``"tbt(Delta=10)"``',
             "name of the protocol in tables and plots"]]
    for name in PROTOCOLS.names():
        fam = PROTOCOLS.get(name, "type")
        if fam.uses_delta:
            default = "required" if fam.default_delta is None else f"``{fam.default_delta}``"
            rows.append(["``delta``" + f" ({name})", "float or list of float", default,
                         "``[1.0, 10.0]``", "tune-before-test level(s) >= 0; one protocol "
                         "per level"])
        for key, value in fam.parameters.items():
            rows.append([f"``{key}`` ({name})", "float",
                         "required" if value is None else f"``{value!r}``",
                         f"``{key} = 2.0``", f"parameter of ``{name}``"])
    out.append(("[[protocols]]", t["protocols_intro"], rows))
    return out


def sweep_tables() -> list[tuple[str, str, list[list[str]]]]:
    """``(title, intro, rows)`` of every table of a sweep specification."""
    t = SWEEP
    out = [("Top level", t["intro"], _text_rows(t["top"], set(sweep_spec._TOP), "a sweep"))]
    out.append(("[parameters] with design = \"random\"", t["range_intro"],
                _text_rows(t["range"], set(_RANGE_KEYS), "a parameter range")))
    out.append(("[designer]", t["designer_intro"],
                _text_rows(t["designer"], _probe_sweep_designer(), "the sweep [designer]")))
    for name in analyses():
        a = get_analysis(name)
        rows = []
        for key, p in a.parameters.items():
            default = ("required" if p.default is REQUIRED
                       else "the analysis' own" if p.default is None
                       else f"``{_toml(p.default)}``")
            extra = []
            if p.choices is not None:
                extra.append("one of " + ", ".join(f"``{c}``" for c in p.choices))
            if p.minimum is not None:
                extra.append(f">= {p.minimum:g}")
            example = "" if p.default in (None, REQUIRED) else f"``{key} = [{_toml(p.default)}]``"
            rows.append([f"``{key}``", p.kind.__name__, default, example,
                         "; ".join([p.doc, *extra])])
        out.append((f'[parameters] of analysis = "{name}"', a.doc, rows))
    return out


def _render(tables: list[tuple[str, str, list[list[str]]]]) -> list[str]:
    lines: list[str] = []
    for title, intro, rows in tables:
        lines += [title, "-" * len(title), "", intro, "", ".. list-table::",
                  "   :header-rows: 1", "   :widths: 16 14 12 18 40", "",
                  "   * - key", "     - type", "     - default", "     - example",
                  "     - meaning"]
        for row in rows:
            lines.append(f"   * - {row[0]}")
            lines += [f"     - {cell.replace(chr(10), ' ') or _NONE}" for cell in row[1:]]
        lines.append("")
    return lines


class ConfigReference(Directive):
    """``.. benchgame-config:: leaderboard|sweep``: the key tables of that file format."""

    required_arguments = 1

    def run(self) -> list:
        kind = self.arguments[0]
        tables = {"leaderboard": leaderboard_tables_, "sweep": sweep_tables}[kind]()
        node = nodes.section()
        node.document = self.state.document
        nested_parse_with_titles(self.state, StringList(_render(tables)), node)
        return node.children


def setup(app: Any) -> dict:
    """Register the directive."""
    app.add_directive("benchgame-config", ConfigReference)
    return {"parallel_read_safe": True, "version": "1"}

"""Bad inputs for the main Python entry points, as data.

Each case is ``(id, call, expect)``: ``call(tmp)`` makes one call with bad input (``tmp`` is an
empty folder for files), and the :class:`InputError` it raises must name ``expect``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import benchgame as bg

API_CASES: list[tuple[str, Callable[[Path], Any], str]] = []
INPUT_NAMES = {"c.toml"}  # the inputs some cases write before the call


def api(id: str, expect: str) -> Callable:
    def register(fn: Callable[[Path], Any]) -> Callable:
        API_CASES.append((id, fn, expect))
        return fn
    return register


def _file(tmp: Path, name: str, text: str | bytes) -> Path:
    p = tmp / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text)
    return p


# ---------------------------------------------------------------- NormalFormGame and solve
BAD_PAYOFFS = {
    "nan": [[[1.0, 1.0], [0.0, float("nan")]], [[0.0, 0.0], [1.0, 1.0]]],
    "inf": [[[1.0, 1.0], [0.0, float("inf")]], [[0.0, 0.0], [1.0, 1.0]]],
    "ragged": [[[1.0, 1.0], [0.0]], [[0.0, 0.0], [1.0, 1.0]]],
    "words": [[["a", "b"], ["c", "d"]], [["e", "f"], ["g", "h"]]],
    "scalar": 3.0,
    "vector": [1.0, 2.0],
    "last-axis": np.zeros((2, 2, 3)),
    "no-strategy": np.zeros((0, 2, 2)),
    "none": None,
    "dict": {"a": 1},
}
for _name, _payoffs in BAD_PAYOFFS.items():
    api(f"NormalFormGame-{_name}", "payoffs")(
        lambda tmp, p=_payoffs: bg.NormalFormGame(p))
api("NormalFormGame-40-players", "players")(
    lambda tmp: bg.NormalFormGame(np.zeros((1,) * 40 + (40,))))
api("NormalFormGame-labels-count", "labels")(
    lambda tmp: bg.NormalFormGame(np.zeros((2, 2, 2)), labels=[["a", "b"]]))
api("NormalFormGame-players-count", "players")(
    lambda tmp: bg.NormalFormGame(np.zeros((2, 2, 2)), players=["a"]))
api("from_bimatrix-shapes", "")(
    lambda tmp: bg.NormalFormGame.from_bimatrix([[1, 2]], [[1], [2]]))

_PD = bg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
_HUGE = bg.NormalFormGame.from_bimatrix([[1e308, -1e308], [0, 0]], [[0, 0], [-1e308, 1e308]])
api("solve-method-unknown", "method")(lambda tmp: bg.solve(_PD, method="bogus"))
api("solve-method-number", "method")(lambda tmp: bg.solve(_PD, method=3))
api("solve-tol-negative", "tol")(lambda tmp: bg.solve(_PD, tol=-1.0))
api("solve-tol-nan", "tol")(lambda tmp: bg.solve(_PD, tol=float("nan")))
api("solve-tol-word", "tol")(lambda tmp: bg.solve(_PD, tol="small"))
api("solve-unknown-option", "speed")(lambda tmp: bg.solve(_PD, method="pure", speed=3))
for _m in ("vertex", "support", "zero_sum", "regret_matching", "fictitious_play", "replicator"):
    api(f"solve-unknown-option-{_m}", "speed")(
        lambda tmp, m=_m: bg.solve(_PD, method=m, speed=3))
api("solve-not-a-game", "game")(lambda tmp: bg.solve([[1, 2], [3, 4]]))
api("solve-pm1e308-vertex", "payoff")(lambda tmp: bg.solve(_HUGE, method="vertex"))
api("solve-pm1e308-support", "payoff")(lambda tmp: bg.solve(_HUGE, method="support"))
api("solve-pm1e308-auto", "payoff")(lambda tmp: bg.solve(_HUGE))
api("vertex_enumeration-algorithm-unknown", "algorithm")(
    lambda tmp: bg.games.vertex_enumeration(_PD, algorithm="lrs"))
api("vertex_enumeration-algorithm-number", "algorithm")(
    lambda tmp: bg.games.vertex_enumeration(_PD, algorithm=1))
api("solve-zero-sum-not-zero-sum", "zero")(lambda tmp: bg.solve(_PD, method="zero_sum"))

# ---------------------------------------------------------------- read_nfg
NFG = {
    "not-a-file": ("no_such_game.nfg", "path"),
    "huge-exponent": ('NFG 1 R "t" { "1" "2" } { 2 2 } 3 3 0 1e100000000 5 0 1 1', "payoff"),
    "huge-count": ('NFG 1 R "t" { "1" "2" } { 1000000000 2 } 1 2 3 4', "payoffs"),
    "int64-wrap": ('NFG 1 R "t" { "1" "2" } { 4294967296 4294967296 } 1 2', "payoffs"),
    "64-players": ('NFG 1 R "t" { ' + " ".join(f'"{k}"' for k in range(64)) + " } { "
                   + "1 " * 64 + "} " + "0 " * 64, "player"),
    "word": ('NFG 1 R "t" { "1" } { 2 } 1 x', "payoff"),
    "header": ("NFG 2 R", "version"),
}
for _name, (_src, _expect) in NFG.items():
    api(f"read_nfg-{_name}", _expect)(lambda tmp, s=_src: bg.read_nfg(s))


# ---------------------------------------------------------------- Contest
def _contest(**changes: Any) -> Any:
    from benchgame.games.leaderboard import PowerCost, Rewards, Substitutes

    kw = {"theta": [1.0, 0.5], "family": Substitutes(), "cost": PowerCost(1.0),
          "rewards": Rewards([1.0, 0.0])}
    kw.update(changes)
    return bg.Contest(kw.pop("theta"), kw.pop("family"), kw.pop("cost"), kw.pop("rewards"), **kw)


CONTEST = {
    "theta-nan": ({"theta": [1.0, float("nan")]}, "theta"),
    "theta-ragged": ({"theta": [[1.0], [0.5, 1]]}, "theta"),
    "theta-one": ({"theta": [1.0]}, "theta"),
    "theta-words": ({"theta": ["a", "b"]}, "theta"),
    "rewards-length": ({"rewards": [1.0, 0.5, 0.0]}, "rewards"),
    "tie-unknown": ({"tie": "coin"}, "tie"),
    "priority-words": ({"tie": "index", "priority": [0, "a"]}, "priority"),
    "priority-repeat": ({"tie": "index", "priority": [0, 0]}, "priority"),
    "tie-tol-negative": ({"tie_tol": -1.0}, "tie_tol"),
    "names-short": ({"names": ("a",)}, "names"),
    "family-not-a-family": ({"family": "logit"}, "family"),
    "cost-not-a-cost": ({"cost": 3.0}, "cost"),
}
for _name, (_changes, _expect) in CONTEST.items():
    api(f"Contest-{_name}", _expect)(lambda tmp, c=_changes: _contest(**c))

# ---------------------------------------------------------------- Market
MARKET = {
    "nan": ({"quality": [[0.5, float("nan")], [0.2, 0.3]]}, "quality"),
    "above-vmax": ({"quality": [[0.5, 7.0], [0.2, 0.3]]}, "quality"),
    "ragged": ({"quality": [[0.5], [0.2, 0.3]]}, "quality"),
    "weights-sum": ({"weights": [0.5, 0.6]}, "weights"),
    "weights-length": ({"weights": [1.0]}, "weights"),
    "weights-negative": ({"weights": [1.5, -0.5]}, "weights"),
    "models-repeat": ({"models": ("a", "a")}, "models"),
    "models-length": ({"models": ("a",)}, "models"),
    "tasks-length": ({"tasks": ("t",)}, "tasks"),
    "vmax-below-vmin": ({"vmax": -1.0}, "vmax"),
}
for _name, (_changes, _expect) in MARKET.items():
    def _market(tmp: Path, c: dict = _changes) -> Any:
        kw = {"quality": [[0.5, 0.7], [0.6, 0.4]], "weights": [0.5, 0.5], **c}
        return bg.Market(kw.pop("quality"), kw.pop("weights"), **kw)
    api(f"Market-{_name}", _expect)(_market)
for _name, _rule in {"name": "softmax:20", "none": None, "number": 3.0}.items():
    api(f"evaluate-rule-{_name}", "rule")(
        lambda tmp, r=_rule: bg.evaluate(bg.Market([[0.5, 0.7], [0.6, 0.4]], [0.5, 0.5]), r))

# ---------------------------------------------------------------- load_config
_LB = ('[developers]\ntheta = [1.0, 0.5]\n[score]\nfamily = "substitutes"\n'
       'F = "exponential"\n[cost]\ntype = "power"\nkappa = 1.0\np = 1.0\n'
       "[rewards]\nvalues = [1.0, 0.0]\n[[protocols]]\ntype = \"direct\"\n")
CONFIG = {
    "missing": (None, "CONFIG"),
    "not-toml": ("[developers\n", "CONFIG"),
    "not-utf8": (b"title = \"\xff\"\n", "CONFIG"),
    "priority-words": (_LB + '[tie]\nrule = "index"\npriority = [0, "a"]\n', "tie.priority"),
    "names-repeat": (_LB.replace("theta = [1.0, 0.5]", 'theta = [1.0, 0.5]\nnames = ["a", "a"]'),
                     "developers.names"),
    "kappa-huge": (_LB.replace("kappa = 1.0", "kappa = 1e308"), "cost.kappa"),
    "imports": ('imports = ["os"]\n' + _LB, "imports"),
}
for _mod in ("raising_module", "exiting_module"):
    CONFIG[f"imports-{_mod}"] = (f'imports = ["tests.bad_input.{_mod}"]\n' + _LB, _mod)
for _name, (_text, _expect) in CONFIG.items():
    def _load(tmp: Path, t: Any = _text, consent: bool = _name.endswith("module")) -> Any:
        path = tmp / "c.toml" if t is None else _file(tmp, "c.toml", t)
        return bg.load_config(path, allow_imports=consent)
    api(f"load_config-{_name}", _expect)(_load)

# ---------------------------------------------------------------- sweeps
_SPEC = {"analysis": "leaderboard", "output": "o.parquet", "parameters": {"delta": [0.0]}}
SPEC = {
    "seeds-1e9": ({"seeds": 10**9}, "seeds"),
    "samples-1e12": ({"design": "random", "samples": 10**12,
                      "parameters": {"delta": {"low": 0.0, "high": 1.0}}}, "samples"),
    "cells": ({"parameters": {"delta": [float(k) for k in range(2000)],
                              "kappa": [1e-4 * (k + 1) for k in range(1000)]}}, "cells"),
    "analysis-unknown": ({"analysis": "astrology"}, "astrology"),
    "key-unknown": ({"speed": 3}, "speed"),
    "seeds-repeat": ({"seeds": [1, 1]}, "seeds"),
    "not-a-table": (None, "spec"),
}
for _name, (_changes, _expect) in SPEC.items():
    def _run(tmp: Path, c: Any = _changes) -> Any:
        spec = [1, 2] if c is None else {**_SPEC, "output": str(tmp / "o.parquet"), **c}
        return bg.run_sweep(spec, workers=1)
    api(f"run_sweep-{_name}", _expect)(_run)
api("run_sweep-missing-file", "SPEC")(lambda tmp: bg.run_sweep(tmp / "none.toml", workers=1))


# ---------------------------------------------------------------- ecosystem
def _eco(**kw: Any) -> Any:
    from benchgame.analyses.ecosystem.simulation_params import EcosystemParams

    return EcosystemParams(**kw)


ECO = {"steps-1e9": ({"steps": 10**9}, "steps"), "steps-nan": ({"steps": float("nan")}, "steps"),
       "steps-bool": ({"steps": True}, "steps"),
       "entry-rate-huge": ({"entry_rate": 1e308}, "entry_rate"),
       "release-rate-huge": ({"release_rate": 1e300}, "release_rate"),
       "initial-huge": ({"initial_benchmarks": 10**300}, "initial_benchmarks"),
       "per-model-huge": ({"benchmarks_per_model": 10**12}, "benchmarks_per_model"),
       "decay-one": ({"decay": 1.0}, "decay"), "entry-list": ({"entry_rate": [1, 2]}, "entry_rate")}
for _name, (_kw, _expect) in ECO.items():
    api(f"EcosystemParams-{_name}", _expect)(lambda tmp, k=_kw: _eco(**k))

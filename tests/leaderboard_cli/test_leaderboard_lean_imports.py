"""``benchgame leaderboard`` loads only what its answer needs: on a generalized-logit contest with
a power cost every assumption is decided from closed forms and the equilibrium leaderboard's
fidelity is exact, so neither sympy nor scipy.stats is imported, and the report carries the
closed-form certificates; equilibrium play writes its per-developer rows without pandas."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np

N = 40

CHILD = """
import json, sys
sys.argv = ["benchgame", "leaderboard", *sys.argv[1:], "-f", "json"]
from benchgame.cli import main
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
print(json.dumps(sorted(m for m in ("sympy", "scipy.stats", "pandas") if m in sys.modules)))
"""


def _config(n: int) -> str:
    def vec(x: np.ndarray) -> str:
        return "[" + ", ".join(repr(float(v)) for v in x) + "]"

    return (f'title = "lean"\n[developers]\ntheta = {vec(np.linspace(float(n), 1.0, n))}\n'
            f'[score]\nfamily = "logit"\nalpha = {vec(np.linspace(2.0, -2.0, n))}\n'
            f'beta = {vec(np.linspace(1.0, 0.5, n))}\nlower = 0.0\nupper = 1.0\n'
            '[cost]\ntype = "power"\nkappa = 0.01\np = 1.5\n'
            '[rewards]\npreset = "geometric"\nfirst = 1.0\nratio = 0.9\n'
            '[[protocols]]\ntype = "direct"\n[[protocols]]\ntype = "tbt"\ndelta = [1e7]\n')


def _loaded(*args: str) -> list[str]:
    res = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True,
                         check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def test_leaderboard_imports_neither_sympy_nor_scipy_stats(tmp_path):
    cfg, out = tmp_path / "lean.toml", tmp_path / "lean.json"
    cfg.write_text(_config(N))
    assert _loaded(str(cfg), "-o", str(out)) == []
    d = json.loads(out.read_text())
    a = d["assumptions"]
    assert {k: (v["holds"], v["method"]) for k, v in a.items()} == {
        "C1": (True, "symbolic"), "C2": (True, "symbolic"), "C3": (True, "numeric"),
        "convexity": (True, "symbolic"), "S": (True, "symbolic")}
    # beta (1 - 2 sigma(alpha)) - 1 is largest for the last developer: alpha = -2, beta = 0.5
    assert a["C2"]["certificate"]["max_condition"] == 0.5 * (1 - 2 / (1 + np.exp(2.0))) - 1
    assert a["convexity"]["certificate"]["second_derivative"] == "kappa p (p - 1) e^(p - 2)"
    assert a["S"]["certificate"]["expression"] == "kappa e^p with kappa = 0.01, p = 1.5"
    tbt = d["protocols"][1]
    assert tbt["pure"]["status"] == "unique"
    assert (tbt["fidelity"]["kendall_tau"], tbt["fidelity"]["spearman_expected_ranks"]) == (
        1.0, 1.0)


def test_equilibrium_play_by_default_loads_no_table_library(tmp_path):
    out = tmp_path / "three.json"
    assert _loaded("--example", "three", "-o", str(out)) == []
    rows = json.loads(out.read_text())["protocols"][0]["equilibrium_play"]["developers"]
    assert [r["developer"] for r in rows] == ["large", "medium", "small"]
    assert list(rows[0]) == ["developer", "theta", "payoff", "effort", "cost", "p_first",
                             "expected_rank", "regret"]

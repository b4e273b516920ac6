"""Exact verification checks the profile a solver returned, never a re-solved one.

The learning dynamics return float profiles. ``verify_exact`` must check those (their exact
rational values) and report their exact regrets; an exact equilibrium solved from their supports
is a different profile, reported apart as ``nearby`` with ``source="support"``. The game below
is the reproducer: the dynamics approach the pure equilibrium (row 2, column 1), while the
equilibrium on the full supports is far away (distance about 0.998).
"""

from __future__ import annotations

import json
from fractions import Fraction as F

import numpy as np
import pytest
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.games import NormalFormGame, solve
from benchgame.games.fictitious_play import fictitious_play
from benchgame.games.nfg import write_nfg
from benchgame.games.regret_matching import regret_matching
from benchgame.games.replicator import replicator_dynamics

A = [[1, -1, -2], [5, -1, -2], [4, -5, -1]]
B = [[-2, -5, 2], [5, 3, -2], [0, 4, -2]]
FAR = ((F(32, 71), F(10, 71), F(29, 71)), (F(0), F(1, 5), F(4, 5)))
def exact_float_profile(profile):
    """The exact values of the floats, each strategy divided by its exact sum (independent of
    the implementation under test)."""
    out = []
    for s in profile:
        fr = [F(float(p)) for p in s]
        out.append(tuple(p / sum(fr) for p in fr))
    return tuple(out)


RUNS = {
    "regret_matching": lambda g: regret_matching(g),
    "fictitious_play": lambda g: fictitious_play(g, tie_break="first"),
    "replicator": lambda g: replicator_dynamics(g),
}


def _check_returned(eq):
    check = eq.verify_exact()
    returned = exact_float_profile(eq.strategies)
    assert check.strategies == returned and check.source == "floats"
    assert not check.ok and check.max_regret > 0
    assert float(check.max_regret) == pytest.approx(eq.certificate.max_regret, rel=1e-6)
    return check


@pytest.mark.parametrize("name", sorted(RUNS))
def test_dynamics_are_verified_on_the_returned_profile(name):
    eq = RUNS[name](NormalFormGame.from_bimatrix(A, B))
    check = _check_returned(eq)
    near = check.nearby
    assert near.source == "support" and near.ok and near.strategies == FAR
    dist = max(abs(p - q) for s, t in zip(FAR, check.strategies, strict=True)
               for p, q in zip(s, t, strict=True))
    assert near.distance == float(dist) and near.distance > 0.98


def test_regret_matching_exact_regrets():
    eq = regret_matching(NormalFormGame.from_bimatrix(A, B))
    check = eq.verify_exact()
    x, y = check.strategies
    Af = [[F(v) for v in row] for row in A]
    Bf = [[F(v) for v in row] for row in B]
    rows = [sum(Af[i][j] * y[j] for j in range(3)) for i in range(3)]
    cols = [sum(x[i] * Bf[i][j] for i in range(3)) for j in range(3)]
    assert check.regrets == (max(rows) - sum(p * r for p, r in zip(x, rows, strict=True)),
                             max(cols) - sum(q * c for q, c in zip(y, cols, strict=True)))
    assert eq.strategies[0].argmax() == 1 and eq.strategies[1].argmax() == 0


@pytest.mark.parametrize("seed", range(12))
def test_verified_profile_is_always_the_returned_one(seed):
    rng = np.random.default_rng(seed)
    game = NormalFormGame.from_bimatrix(rng.integers(-5, 6, (3, 3)), rng.integers(-5, 6, (3, 3)))
    for run in (regret_matching, fictitious_play, replicator_dynamics):
        eq = run(game, max_iter=500, rng=seed)
        check = eq.verify_exact()
        assert check.strategies == exact_float_profile(eq.strategies)
        if check.nearby is not None:
            assert check.nearby.source == "support" and check.nearby.distance is not None


def test_solve_reports_the_returned_profile():
    eqs = solve(NormalFormGame.from_bimatrix(A, B), "regret_matching")
    (eq,) = eqs
    check = _check_returned(eq)
    assert check.nearby.strategies == FAR and not eqs.complete


def test_cli_shows_the_returned_profile_and_fails(tmp_path):
    path = tmp_path / "far.nfg"
    write_nfg(NormalFormGame.from_bimatrix(A, B), path)
    runner = CliRunner()
    result = runner.invoke(app, ["solve", str(path), "--method", "regret_matching",
                                 "--format", "json"])
    assert result.exit_code == 1
    (e,) = json.loads(result.output)["equilibria"]
    ex = e["exact_verification"]
    returned = exact_float_profile([np.array(s) for s in e["strategies"]])
    assert ex["strategies"] == [[str(p) for p in s] for s in returned]
    assert not ex["ok"] and ex["source"] == "floats"
    assert ex["max_regret_float"] == pytest.approx(max(e["certificate"]["regrets"]), rel=1e-6)
    assert ex["nearby"]["source"] == "support" and ex["nearby"]["ok"]
    assert ex["nearby"]["strategies"] == [[str(p) for p in s] for s in FAR]
    # the far profile does not play column 1, which the returned one plays with about 0.997
    assert ex["nearby"]["distance"] == pytest.approx(e["strategies"][1][0], rel=1e-12)
    assert ex["nearby"]["distance"] > 0.99

    table = runner.invoke(app, ["solve", str(path), "--method", "regret_matching",
                                "--format", "markdown"])
    assert table.exit_code == 1
    row = next(line for line in table.output.splitlines() if line.startswith("| 1 "))
    cells = [c.strip() for c in row.strip("|").split("|")]
    def by_name(cell: str, m: int) -> np.ndarray:  # "1: 0.25, 3: 0.75" over strategies 1..m
        probs = dict(item.split(": ") for item in cell.split(", "))
        return np.array([float(probs.get(str(k + 1), 0.0)) for k in range(m)])

    x, y = (by_name(c, len(s)) for c, s in zip(cells[1:3], e["strategies"], strict=True))
    np.testing.assert_allclose(x, e["strategies"][0], atol=1e-6)
    np.testing.assert_allclose(y, e["strategies"][1], atol=1e-6)
    assert cells[3] == ", ".join(f"{u:.6g}" for u in e["payoffs"])
    assert cells[5].startswith("FAILS: exact max regret")
    assert "a different profile, solved from its supports, (32/71, 10/71, 29/71) (0, 1/5, 4/5)" \
        in cells[5] and "is an exact equilibrium" in cells[5]

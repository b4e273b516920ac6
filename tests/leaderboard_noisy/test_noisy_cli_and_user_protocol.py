"""benchgame leaderboard with noisy protocols, and a user's noisy protocol used by name in a TOML
configuration, on the command line and in a sweep specification."""

from __future__ import annotations

import json
import sys
import textwrap

import pytest
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.cli.commands.leaderboard import _table_rows
from benchgame.experiments.leaderboard_config import load_config
from benchgame.experiments.sweeps import run_sweep
from benchgame.mechanisms.protocols import PROTOCOLS, make_protocol

HEADER = textwrap.dedent('''
    title = "noisy W1"
    {imports}
    [developers]
    theta = [1.0, 0.5]
    names = ["high", "low"]

    [score]
    family = "substitutes"
    F = "exponential"

    [cost]
    type = "power"
    kappa = 1.0
    p = 1.0

    [rewards]
    values = [0.6, 0.0]
''')

NOISY = "".join(f'\n[[protocols]]\ntype = "noisy_binomial"\nm = {m}\n' for m in (100, 500, 2000))

MODULE = textwrap.dedent('''
    """A grader that fails: with probability flip the model's score is reported as 0."""
    import numpy as np

    from benchgame.games.leaderboard import TuneBeforeTest
    from benchgame.games.leaderboard.noisy_scores import ObservedScores
    from benchgame.mechanisms.protocols import register_protocol


    class FlakyGrader(TuneBeforeTest):
        deterministic = False
        monotone_certificate = None

        def __init__(self, delta=0.0, flip=0.5):
            super().__init__(delta)
            self.flip = flip

        def at_level(self, delta):
            return FlakyGrader(delta, self.flip)

        def observe(self, latent):
            s = np.asarray(latent, float)
            atoms = np.unique(np.concatenate([s, [0.0]]))
            pmf = np.zeros((s.size, atoms.size))
            pmf[np.arange(s.size), np.searchsorted(atoms, s)] += 1.0 - self.flip
            pmf[:, 0] += self.flip
            return ObservedScores(atoms, pmf, f"flaky grader (flip = {self.flip})")


    register_protocol("flaky_grader", lambda delta, flip=0.5: FlakyGrader(delta, flip),
                      replace=True)
''')


def test_cli_per_m_when_zero_effort_stays_an_equilibrium(tmp_path):
    cfg = tmp_path / "noisy.toml"
    cfg.write_text(HEADER.format(imports="").replace("[0.6, 0.0]", "[0.2, 0.0]") + NOISY)
    res = CliRunner().invoke(app, ["leaderboard", str(cfg), "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = {p["protocol"]["m"]: p for p in json.loads(res.stdout)["protocols"]}
    assert {m: (r["pure"]["status"], r["pure"]["method"].split(":")[0], r["fidelity"]["play"])
            for m, r in rows.items()} == {100: ("unique", "dominance", "pure"),
                                          500: ("unique", "enumeration", "pure"),
                                          2000: ("unique", "enumeration", "pure")}
    taus = [rows[m]["fidelity"]["expected_tau"] for m in (100, 500, 2000)]
    assert taus == pytest.approx([0.9995368531522946, 0.9999999999999856, 1.0], abs=1e-12)


@pytest.mark.slow
def test_cli_reports_pure_equilibria_and_fidelity_per_m(tmp_path):
    cfg = tmp_path / "noisy.toml"
    cfg.write_text(HEADER.format(imports="") + NOISY)
    res = CliRunner().invoke(app, ["leaderboard", str(cfg), "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = {p["protocol"]["m"]: p for p in json.loads(res.stdout)["protocols"]}
    got = {m: (r["pure"]["status"], r["pure"]["exists"], r["fidelity"]["play"])
           for m, r in rows.items()}
    # noise restores the pure equilibrium (all zero) for 100 and 500 questions, not for 2000
    assert got == {100: ("unique", True, "pure"), 500: ("unique", True, "pure"),
                   2000: ("none", False, "mixed")}
    assert rows[100]["pure"]["equilibria"] == [[0.0, 0.0]]
    assert rows[100]["pure"]["scope"] == "grid"
    assert rows[100]["fidelity"]["expected_tau"] == pytest.approx(0.9995368531522946, abs=1e-12)
    assert rows[2000]["fidelity"]["expected_tau"] == pytest.approx(0.494, abs=0.01)
    cells = [row[6] for row in _table_rows(json.loads(res.stdout))]
    assert cells[0] == "noisy, pure play: E(tau) = 0.999537, P(best first) = 0.999768"
    assert cells[2].startswith("noisy, mixed play: E(tau) = 0.49")


@pytest.fixture
def user_module(tmp_path, monkeypatch):
    name = f"flaky_{tmp_path.name.replace('-', '_')}"
    (tmp_path / f"{name}.py").write_text(MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name
    PROTOCOLS.unregister("flaky_grader")
    sys.modules.pop(name, None)


def test_user_noisy_protocol_in_toml_cli_and_sweep(tmp_path, user_module):
    cfg = tmp_path / "flaky.toml"
    cfg.write_text(HEADER.format(imports=f'imports = ["{user_module}"]')
                   + '\n[[protocols]]\ntype = "flaky_grader"\nflip = 0.5\n')
    loaded = load_config(cfg, allow_imports=True)
    assert loaded.protocols[0].label == "flaky_grader(flip=0.5, Delta=0)"
    assert make_protocol("flaky_grader", 0.0).observe([0.7]).pmf.tolist() == [[0.5, 0.5]]
    res = CliRunner().invoke(app, ["leaderboard", str(cfg), "--format", "json",
                                   "--allow-imports"])
    assert res.exit_code == 0, res.output
    row = json.loads(res.stdout)["protocols"][0]
    # the high model is first unless its grade fails and the low one's does not (1/4);
    # overtaking gains at most 1/4 * 0.6 < its cost 0.5: zero effort is the unique equilibrium
    assert (row["pure"]["status"], row["pure"]["equilibria"]) == ("unique", [[0.0, 0.0]])
    assert row["fidelity"]["p_top1_correct"] == pytest.approx(0.75, abs=1e-15)
    assert row["fidelity"]["expected_tau"] == pytest.approx(0.5, abs=1e-15)
    spec = {"analysis": "protocol_play", "output": str(tmp_path / "s.parquet"), "seeds": 2,
            "imports": [user_module],
            "parameters": {"protocol": ["flaky_grader"], "developers": [2], "levels": [6]}}
    t = run_sweep(spec, workers=1, allow_imports=True).table
    assert (t["status"] == "ok").all() and len(t) == 2
    assert t["p_top1_correct"].tolist() == pytest.approx([0.75, 0.75], abs=1e-12)

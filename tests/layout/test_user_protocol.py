"""One registry per extension point: a protocol registered in a user's module is usable by name in
the Python API, a leaderboard TOML configuration, the command line and a sweep specification."""

from __future__ import annotations

import json
import sys
import textwrap

import pytest
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.core.registry import Registry
from benchgame.core.validation import InputError
from benchgame.experiments.leaderboard_config import load_config
from benchgame.experiments.sweeps import run_sweep
from benchgame.mechanisms.protocols import PROTOCOLS, make_protocol

MODULE = textwrap.dedent('''
    """A user's protocol: scores read after half the designer's tuning plus a head start."""
    from benchgame.games.leaderboard import TuneBeforeTest
    from benchgame.mechanisms.protocols import register_protocol


    def half_tuning(delta, head_start=0.0):
        return TuneBeforeTest(delta / 2 + head_start)


    register_protocol("half_tuning", half_tuning, replace=True,
                      description="tune-before-test at half the level")
''')

CONFIG = textwrap.dedent('''
    title = "user protocol"
    imports = ["{module}"]

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
    values = [1.0, 0.0]

    [[protocols]]
    type = "half_tuning"
    delta = [2.0, 8.0]
    head_start = 1.0

    [[protocols]]
    type = "tbt"
    delta = 5.0
''')


@pytest.fixture
def user_module(tmp_path, monkeypatch):
    name = f"user_protocols_{tmp_path.name.replace('-', '_')}"
    (tmp_path / f"{name}.py").write_text(MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name
    PROTOCOLS.unregister("half_tuning")
    sys.modules.pop(name, None)


def test_registered_protocol_in_a_toml_configuration(tmp_path, user_module):
    cfg_path = tmp_path / "cfg.toml"
    cfg_path.write_text(CONFIG.format(module=user_module))
    with pytest.raises(InputError, match="imports: names modules to run"):
        load_config(cfg_path)
    assert "half_tuning" not in PROTOCOLS
    cfg = load_config(cfg_path, allow_imports=True)
    labels = [p.label for p in cfg.protocols]
    assert labels == ["half_tuning(head_start=1, Delta=2)", "half_tuning(head_start=1, Delta=8)",
                      "tbt(Delta=5)"]
    assert [p.protocol.level for p in cfg.protocols] == [2.0, 5.0, 5.0]
    assert make_protocol("half_tuning", 4.0).level == 2.0


def test_registered_protocol_on_the_command_line(tmp_path, user_module):
    cfg_path = tmp_path / "cfg.toml"
    cfg_path.write_text(CONFIG.format(module=user_module))
    runner = CliRunner()
    refused = runner.invoke(app, ["leaderboard", str(cfg_path), "--format", "json"])
    assert refused.exit_code == 2
    assert "--allow-imports" in refused.output and "Traceback" not in refused.output
    res = runner.invoke(app, ["leaderboard", str(cfg_path), "--format", "json",
                              "--allow-imports"])
    assert res.exit_code == 0, res.output
    payload = json.loads(res.stdout)
    got = {p["label"]: p["delta"] for p in payload["protocols"]}
    assert got == {"half_tuning(head_start=1, Delta=2)": 2.0,
                   "half_tuning(head_start=1, Delta=8)": 5.0, "tbt(Delta=5)": 5.0}
    # the same level gives the same game, whichever protocol produced it
    by_label = {p["label"]: p for p in payload["protocols"]}
    assert (by_label["half_tuning(head_start=1, Delta=8)"]["pure"]["status"]
            == by_label["tbt(Delta=5)"]["pure"]["status"])


def test_registered_protocol_in_a_sweep(tmp_path, user_module):
    spec = {"analysis": "leaderboard", "output": str(tmp_path / "s.parquet"), "seeds": 2,
            "imports": [user_module],
            "parameters": {"protocol": ["half_tuning", "tbt"], "delta": [0.0, 400.0],
                           "developers": [3]}}
    with pytest.raises(InputError, match="imports"):
        run_sweep(spec, workers=1)
    res = run_sweep(spec, workers=1, allow_imports=True)
    t = res.table
    assert (t["status"] == "ok").all()
    assert sorted(set(t["protocol"])) == ["half_tuning", "tbt"] and len(t) == 8

    def status(protocol, delta):
        rows = t[(t.protocol == protocol) & (t.delta == delta)].sort_values("seed")
        return list(rows["pure_status"])

    # at Delta = 0 both protocols read scores at zero tuning: the same games
    assert status("half_tuning", 0.0) == status("tbt", 0.0)


def test_unknown_protocol_names_the_key_and_the_registered_names(tmp_path):
    cfg_path = tmp_path / "cfg.toml"
    cfg_path.write_text(CONFIG.replace('imports = ["{module}"]\n', "")
                        .replace("half_tuning", "halve"))
    with pytest.raises(InputError, match=r"protocols\[0\]\.type: is 'halve'; use one of "
                                         r"direct, effort_cap, held_out, noisy_binomial, "
                                         r"noisy_gaussian, tbt"):
        load_config(cfg_path)


def test_a_protocol_parameter_the_family_does_not_take_is_refused(tmp_path):
    cfg_path = tmp_path / "cfg.toml"
    cfg_path.write_text(CONFIG.replace('imports = ["{module}"]\n', "")
                        .replace('type = "half_tuning"', 'type = "effort_cap"\ncap = 2.0')
                        .replace("head_start = 1.0", "")
                        .replace('type = "tbt"\ndelta = 5.0', 'type = "tbt"\ndelta = 5.0\ncap = 1'))
    with pytest.raises(InputError, match=r"protocols\[1\]\.cap: is not a known key"):
        load_config(cfg_path)


def test_registry_refuses_a_taken_name_and_lists_names():
    reg: Registry[int] = Registry("widget", register_hint="reg.register(name, obj)")
    reg.register("a", 1)
    reg.register("a", 1)  # the very same object again is fine
    with pytest.raises(InputError, match="'a' is already registered"):
        reg.register("a", 2)
    reg.register("a", 2, replace=True)
    assert reg.get("a") == 2 and "a" in reg and list(reg) == ["a"] and len(reg) == 1
    with pytest.raises(InputError, match=r"widget: is 'b'; use one of a, or register your own"):
        reg.get("b")
    with pytest.raises(InputError, match="non-empty"):
        reg.register("", 3)

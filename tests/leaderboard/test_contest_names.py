"""Developers carry their names into reasons, witnesses, JSON and the command's table."""

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.core.validation import InputError
from benchgame.games.leaderboard import Contest, PowerCost, Substitutes, analyze_pure


def _contest(**kw):
    return Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0], **kw)


def test_witness_and_reason_name_developers():
    res = analyze_pure(_contest(names=["A", "B"]))
    assert res.status == "none"
    assert res.witness.to_dict()["summary"].startswith("developer 'B' overtakes 'A': cost ")
    assert "developer 'B' overtakes 'A'" in res.reason


def test_without_names_developers_are_numbered_from_one():
    res = analyze_pure(_contest())
    assert (res.witness.r, res.witness.k) == (1, 0)
    assert res.witness.to_dict()["summary"].startswith("developer 2 overtakes 1: cost ")


def test_names_survive_protocol_changes_and_sorting():
    c = _contest(names=("A", "B"))
    assert c.at_level(3.0).names == ("A", "B")
    assert c.with_rewards([2.0, 0.0]).to_dict()["names"] == ["A", "B"]
    s, order = Contest.sorted_by_capability([0.5, 1.0], Substitutes(), PowerCost(1.0),
                                            [1.0, 0.0], names=["low", "high"])
    assert s.names == ("high", "low") and order.tolist() == [1, 0]


@pytest.mark.parametrize("names, problem", [(["A"], "give 2 strings"),
                                            (["A", "A"], "repeats a name")])
def test_bad_names_are_input_errors(names, problem):
    with pytest.raises(InputError) as exc:
        _contest(names=names)
    assert exc.value.field == "names" and problem in str(exc.value)


def test_leaderboard_json_witness_uses_config_names():
    res = CliRunner().invoke(app, ["leaderboard", "--example", "figure1", "-f", "json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    w = d["protocols"][0]["pure"]["witness"]
    assert (w["r"], w["k"]) == (1, 0)
    assert w["summary"] == ("developer 'Qwen2.5-7B' overtakes 'Qwen2.5-14B': cost 0.000429449 "
                            "< reward gain 0.5")
    assert d["contest"]["names"][:2] == ["Qwen2.5-14B", "Qwen2.5-7B"]
    assert np.isclose(w["cost"], 0.000429449, rtol=1e-6)

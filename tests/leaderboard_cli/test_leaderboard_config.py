"""Configuration parsing: values and errors naming the key path."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from benchgame.core.validation import InputError
from benchgame.examples import example_path
from benchgame.experiments.leaderboard_config import load_config, parse_config
from benchgame.games.leaderboard import GeneralizedLogit, PowerCost

BASE = {
    "developers": {"theta": [0.5, 1.0], "names": ["low", "high"]},
    "score": {"family": "logit", "alpha": [0.0, 0.5], "beta": [0.5, 1.0]},
    "cost": {"type": "power", "kappa": 1.0, "p": 1.0},
    "rewards": {"values": [1.0, 0.0]},
    "protocols": [{"type": "direct"}, {"type": "tbt", "delta": [1.0, 10.0]}],
}


def with_(path: str, value):
    doc = copy.deepcopy(BASE)
    *head, last = path.split(".")
    node = doc
    for k in head:
        node = node[int(k)] if isinstance(node, list) else node[k]
    node[last] = value
    return doc


def test_parse_sorts_developers_and_parameters():
    cfg = parse_config(copy.deepcopy(BASE))
    assert cfg.names == ("high", "low") and cfg.order.tolist() == [1, 0]
    assert cfg.contest.theta.tolist() == [1.0, 0.5]
    fam = cfg.contest.family
    assert isinstance(fam, GeneralizedLogit) and fam.alpha.tolist() == [0.5, 0.0]
    assert isinstance(cfg.contest.cost, PowerCost)
    assert [p.label for p in cfg.protocols] == ["direct", "tbt(Delta=1)", "tbt(Delta=10)"]
    assert [p.protocol.level for p in cfg.protocols] == [0.0, 1.0, 10.0]


def test_presets():
    doc = copy.deepcopy(BASE)
    doc["rewards"] = {"preset": "geometric", "ratio": 0.5, "first": 2.0}
    assert parse_config(doc).contest.rewards.values.tolist() == [2.0, 1.0]
    doc["rewards"] = {"preset": "winner_take_all", "prize": 3.0}
    assert parse_config(doc).contest.rewards.values.tolist() == [3.0, 0.0]


@pytest.mark.parametrize(("doc", "field"), [
    (with_("extra", 1), "extra"),
    (with_("score.gamma", 1.0), "score.gamma"),
    (with_("rewards.values", [0.0, 1.0]), "rewards.values[1]"),
    (with_("protocols.1.delta", [1.0, -2.0]), "protocols[1].delta[1]"),
    (with_("protocols.1.type", "heldout"), "protocols[1].type"),
    (with_("developers.theta", [1.0, 1.0]), "developers.theta[1]"),
    (with_("developers.theta", "1, 2"), "developers.theta"),
    (with_("score.beta", [0.5, -1.0]), "score.beta[1]"),
    (with_("score.alpha", [0.5]), "score.alpha"),
    (with_("cost.kappa", -1.0), "cost.kappa"),
    (with_("cost.type", "quadratic"), "cost.type"),
    (with_("score.upper", 1.5), "score.upper"),
    (with_("rewards.values", [1.0, "a"]), "rewards.values[1]"),
])
def test_errors_name_key_path(doc, field):
    with pytest.raises(InputError) as exc:
        parse_config(doc)
    assert exc.value.field == field
    assert exc.value.fix


def test_three_developer_reward_path_and_missing_table():
    doc = copy.deepcopy(BASE)
    doc["developers"] = {"theta": [3.0, 2.0, 1.0]}
    doc["score"] = {"family": "substitutes"}
    doc["rewards"] = {"values": [2.0, 0.0, 1.0]}
    with pytest.raises(InputError) as exc:
        parse_config(doc)
    assert exc.value.field == "rewards.values[2]"
    del doc["cost"]
    with pytest.raises(InputError) as exc:
        parse_config(doc)
    assert exc.value.field == "cost"


def test_load_bad_toml_and_missing_file(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text("[developers\ntheta = [1, 2]\n")
    with pytest.raises(InputError, match="not valid TOML"):
        load_config(p)
    with pytest.raises(InputError, match="does not exist"):
        load_config(tmp_path / "missing.toml")


def test_shipped_examples_load():
    w1 = load_config(example_path("w1"))
    assert w1.contest.theta.tolist() == [1.0, 0.5]
    assert np.array_equal(w1.contest.rewards.values, [1.0, 0.0])
    f1 = load_config(example_path("figure1"))
    assert f1.contest.n == 5 and f1.names[0] == "Qwen2.5-14B"
    with pytest.raises(InputError, match="unknown example"):
        example_path("w9")

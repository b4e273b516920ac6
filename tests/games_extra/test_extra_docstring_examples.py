"""The examples in the docstrings of the approximate-equilibrium, selection, welfare,
Stackelberg and .nfg modules run and print what they claim."""

from __future__ import annotations

import doctest
import importlib
import json

import numpy as np
import pytest

from benchgame.games import NormalFormGame, fictitious_play, regret_matching, stackelberg

MODULES = ["benchgame.games.nfg", "benchgame.games.nfg_reader", "benchgame.games.nfg_writer",
           "benchgame.games.stackelberg", "benchgame.games.stackelberg_lp",
           "benchgame.games.regret_matching", "benchgame.games.fictitious_play",
           "benchgame.games.replicator", "benchgame.games.welfare", "benchgame.games.selection",
           "benchgame.games.approximate", "benchgame.games.examples"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, extraglobs={"NormalFormGame": NormalFormGame},
                             optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_results_serialise_to_json():
    g = NormalFormGame(np.random.default_rng(0).normal(size=(2, 3, 2, 3)))
    for eq in (regret_matching(g, max_iter=200, rng=0), fictitious_play(g, max_iter=200, rng=0)):
        d = json.loads(json.dumps(eq.to_dict()))
        assert d["certificate"]["exploitability"] == pytest.approx(eq.certificate.exploitability)
        assert d["provenance"]["iterations"] == eq.provenance["iterations"]
    r = stackelberg([[2, 4], [1, 3]], [[1, 0], [0, 1]], tie_breaking="weak")
    d = json.loads(json.dumps(r.to_dict()))
    assert d["attained"] is False and d["leader_value"] == pytest.approx(3.5)

"""The logit QRE path (every point solves the QRE equations) and the solver registry entries."""

import json

import numpy as np
import pytest

from benchgame.core.validation import InputError
from benchgame.games import (
    NormalFormGame,
    logit_path,
    simplicial_run,
    simplicial_subdivision,
    solve,
)
from benchgame.games.multilinear import MultilinearPayoffs
from benchgame.games.solve import METHODS

from .catalogue import GAMBIT_3X3X3, JORDAN, MAX_CUT, NAU_SEC4


@pytest.mark.parametrize("game", [NAU_SEC4, GAMBIT_3X3X3, JORDAN], ids=repr)
def test_every_point_on_the_path_is_a_logit_qre(game):
    path = logit_path(game)
    ml = MultilinearPayoffs(game)
    assert path.lambdas[0] == 0 and all(np.allclose(s, 1 / len(s)) for s in path.profiles[0])
    for lam, x in zip(path.lambdas, path.profiles, strict=True):
        for s, v in zip(x, ml.action_values(x), strict=True):
            logit = np.exp(lam * (v - v.max()))
            assert np.allclose(s, logit / logit.sum(), rtol=1e-7, atol=1e-12)


def test_path_result_protocol():
    g = NormalFormGame(NAU_SEC4.payoffs, labels=[["T", "B"], ["L", "R"], ["1", "2"]],
                       players=["p1", "p2", "p3"])
    path = logit_path(g)
    frame = path.to_frame()
    assert frame.index.name == "lambda" and len(frame) == len(path.lambdas)
    assert list(frame.columns)[:3] == [("p1", "T"), ("p1", "B"), ("p2", "L")]
    assert frame.iloc[-1][("p1", "T")] == pytest.approx(0.6192325794725537, abs=1e-6)
    d = path.to_dict()
    json.dumps(d)
    assert d["strategies"][0] == ["T", "B"] and d["lambda"][0] == 0.0
    assert d["equilibrium"]["exact_verification"]["ok"] is False  # irrational equilibrium


@pytest.mark.parametrize(("option", "value"), [("stop_regret", 0), ("lambda_max", -1.0),
                                               ("first_step", float("nan")), ("max_accel", 0.5)])
def test_logit_rejects_bad_options(option, value):
    with pytest.raises(InputError, match=option):
        logit_path(JORDAN, **{option: value})


def test_simplicial_run_and_bad_arguments():
    run = simplicial_run(JORDAN, [[0.5, 0.5]] * 3, grid=4)
    assert run.complete and run.best_regret == 0.0
    json.dumps(run.to_dict())
    with pytest.raises(InputError, match="grid"):
        simplicial_run(GAMBIT_3X3X3, [[1 / 3] * 3] * 3, grid=2)
    with pytest.raises(InputError, match="refine"):
        simplicial_subdivision(JORDAN, refine=1)


def test_methods_are_registered():
    assert {"simpdiv", "logit", "pure_then_simpdiv"} <= set(METHODS)
    for method in ("simpdiv", "logit"):
        res = solve(NAU_SEC4, method)
        assert (res.method, res.scope, res.complete, len(res)) == (method, "mixed", False, 1)
        assert "returns one equilibrium" in res.reason and "exact regret bound" in res.reason
    res = solve(JORDAN, "simpdiv")
    assert "an exact equilibrium" in res.reason


def test_auto_keeps_two_player_and_pure_behaviour():
    battle = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    res = solve(battle)
    assert (res.method, res.scope, res.complete, len(res)) == ("vertex_enumeration", "mixed",
                                                               True, 3)
    assert solve(MAX_CUT).scope == "pure"
    assert solve(MAX_CUT, "pure_then_simpdiv").scope == "pure"


@pytest.mark.parametrize("shape", [(1, 3, 2), (2, 1, 1), (3,), (1, 1, 1)])
def test_degenerate_shapes(shape):
    rng = np.random.default_rng(1)
    game = NormalFormGame(rng.normal(size=(*shape, len(shape))))
    for eq in (simplicial_subdivision(game), logit_path(game).equilibrium):
        assert eq.certificate.passed

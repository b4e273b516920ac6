"""One result protocol: every public result type offers ``to_dict()`` (JSON-safe as is) and, where
it is a table, ``to_frame()`` with rows named by the user's names (models, tasks, features, ...).
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import pkgutil
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import benchgame
from benchgame.core.validation import InputError

# Public dataclasses that are inputs, specifications or building blocks, not results.
NOT_RESULTS = {
    "benchgame.core.limits.Limit",
    "benchgame.experiments.leaderboard_config.LeaderboardConfig",
    "benchgame.experiments.leaderboard_config.ProtocolSpec",
    "benchgame.experiments.sweeps.cells.Cell",
    "benchgame.experiments.sweeps.registry.Analysis",
    "benchgame.experiments.sweeps.registry.Outcome",
    "benchgame.experiments.sweeps.registry.Parameter",
    "benchgame.games.best_response_polytopes.Polytope",
    "benchgame.games.leaderboard.rewards.RewardPreset",
    "benchgame.mechanisms.marketplace.payments.PaymentRule",
    "benchgame.mechanisms.protocols.family.ProtocolFamily",
    "benchgame.proofs_check.claim.Claim",
    "benchgame.proofs_check.claim.Hypothesis",
    "benchgame.proofs_check.claim.Witness",
}
# Modules being written: their results join the protocol when they are committed.
IN_PROGRESS = ("benchgame.games.leaderboard.", "benchgame.games.simplicial.")


def public_dataclasses() -> dict[str, type]:
    """Every public dataclass of benchgame (the names in each module's ``__all__``)."""
    out = {}
    for info in pkgutil.walk_packages(benchgame.__path__, "benchgame."):
        name = info.name
        if name.endswith("__main__") or name.startswith("benchgame.cli"):
            continue
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr, None)
            if (isinstance(obj, type) and dataclasses.is_dataclass(obj)
                    and obj.__module__ == name):
                out[f"{name}.{attr}"] = obj
    return out


PUBLIC = public_dataclasses()
RESULTS = sorted(q for q in PUBLIC
                 if q not in NOT_RESULTS and not q.startswith(IN_PROGRESS))


def test_the_walk_finds_the_results_and_the_exclusions_exist():
    assert len(RESULTS) >= 55
    assert "benchgame.mechanisms.marketplace.market.Market" in RESULTS
    assert "benchgame.proofs_check.verdict.Verdict" in RESULTS
    assert sorted(NOT_RESULTS - set(PUBLIC)) == []


@pytest.mark.parametrize("qualname", RESULTS)
def test_every_public_result_has_to_dict(qualname):
    assert callable(getattr(PUBLIC[qualname], "to_dict", None)), f"{qualname} has no to_dict()"


def assert_plain_json(value, where="result"):
    """Only JSON types: dicts with string keys, lists, str, int, float, bool, None."""
    if isinstance(value, dict):
        for k, v in value.items():
            assert isinstance(k, str), f"{where}: key {k!r} is not a string"
            assert_plain_json(v, f"{where}.{k}")
    elif isinstance(value, list):
        for k, v in enumerate(value):
            assert_plain_json(v, f"{where}[{k}]")
    else:
        assert value is None or type(value) in (str, int, float, bool), \
            f"{where}: {type(value).__name__} is not a JSON type"


# ---- real instances of every result that gained the protocol ----

def _bt():
    from benchgame.analyses.arena.bradley_terry import fit_bradley_terry

    return fit_bradley_terry(np.array([[0, 3, 2], [1, 0, 2], [1, 1, 0]]),
                             ["gpt", "llama", "vicuna"])


def _arena_validation():
    from benchgame.analyses.arena.validation import validate_against_arena

    models = [f"model {k}" for k in range(8)]
    arena = pd.Series([1, 2, 3, 4, 5, 6, 7, 8.0], index=models, name="arena")
    mpg = pd.Series([1, 3, 2, 4, 6, 5, 7, 8.0], index=models, name="MPG")
    mmlu = pd.Series([2, 1, 4, 3, 8, 5, 6, 7.0], index=models, name="MMLU")
    return validate_against_arena(mpg, arena, mmlu, n_boot=100)


def _ecosystem_sweep():
    from benchgame.analyses.ecosystem import EcosystemParams
    from benchgame.analyses.ecosystem.parameter_sweep import sweep

    p = EcosystemParams(steps=20, initial_benchmarks=10, release_rate=5.0)
    return sweep(p, "entry_rate", [0.5, 2.0], seeds=2, tail=5)


def _simulation():
    from benchgame.analyses.ecosystem import EcosystemParams
    from benchgame.analyses.ecosystem.simulation import simulate

    return simulate(EcosystemParams(steps=20), seed=1)


def _family_overlap():
    from benchgame.analyses.signatures.bundled import mmlu_family_overlap

    return mmlu_family_overlap()


def _design():
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(30, 6)),
                     columns=["MMLU", "GSM8K", "ARC", "BBH", "HellaSwag", "TruthfulQA"])
    y = pd.Series(2 * X["GSM8K"] - X["BBH"] + 0.05 * rng.normal(size=30), name="arena")
    return X, y


def _forward_path():
    from benchgame.analyses.signatures.selection import forward_select

    return forward_select(*_design(), max_features=2)


def _signature():
    from benchgame.analyses.signatures.signature import extract_signature

    return extract_signature(*_design(), n_keep=3)


def _aliases():
    from benchgame.benchmarks_data.aliases import load_aliases

    return load_aliases()


def _battles():
    from benchgame.benchmarks_data.leaderbot import load_arena_battles

    return load_arena_battles()


def _mtbench():
    from benchgame.benchmarks_data.mtbench101 import load_mtbench101

    return load_mtbench101()


def _sweep_result(tmp_path):
    from benchgame.experiments.sweeps import run_sweep

    return run_sweep({"analysis": "leaderboard", "output": str(tmp_path / "lb.parquet"),
                      "seeds": 1, "parameters": {"delta": [0.0, 1000.0], "developers": [3],
                                                 "threshold": [False]}}, workers=1)


def _degeneracy():
    from benchgame.games.degeneracy import degeneracy
    from benchgame.games.normal_form import NormalFormGame

    return degeneracy(NormalFormGame.from_bimatrix([[3, 3], [2, 5], [0, 6]],
                                                   [[3, 3], [2, 6], [3, 1]]))


def _zero_sum():
    from benchgame.games.normal_form import NormalFormGame
    from benchgame.games.zero_sum import zero_sum_equilibrium

    return zero_sum_equilibrium(NormalFormGame.from_bimatrix([[3, -1], [-2, 1]]))


def _market():
    from benchgame.mechanisms.marketplace import Market

    scores = pd.DataFrame({"math": [0.8, 0.2, 0.5], "code": [0.2, 0.9, 0.5]},
                          index=pd.Index(["gpt", "llama", "qwen"], name="model"))
    return Market(scores, pd.Series({"code": 0.5, "math": 0.5}))


def _leave_one_out():
    from benchgame.mechanisms.marketplace import Perfect
    from benchgame.mechanisms.marketplace.analysis import leave_one_out

    return leave_one_out(_market(), Perfect())


def _replacement():
    from benchgame.mechanisms.marketplace import Perfect
    from benchgame.mechanisms.marketplace.analysis import replacement_table

    return replacement_table(_market(), Perfect())


MENUS = [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]


def _producer_game():
    from benchgame.mechanisms.marketplace import EpsilonUniform, producer_game

    return producer_game(MENUS, [0.6, 0.4], EpsilonUniform(0.2), "weighted_winrate")


def _exact_check():
    from benchgame.mechanisms.marketplace.producer_game import exact_check

    return exact_check(_producer_game(), MENUS, [Fraction(3, 5), Fraction(2, 5)],
                       Fraction(1, 5))


def _mpg():
    from benchgame.mechanisms.mpg import mpg_goodness, tree_from_dict

    tree = tree_from_dict({"name": "root", "children": [
        {"name": "math", "children": [{"name": "GSM8K", "n_items": 100}]},
        {"name": "code", "children": [{"name": "HumanEval", "n_items": 100}]}]})
    scores = pd.DataFrame({"GSM8K": [0.5, 0.9], "HumanEval": [0.2, 0.6]}, index=["llama", "gpt"])
    return mpg_goodness(scores, tree, draws=200)


def _verdict():
    from benchgame.proofs_check.claim import Verdict

    return Verdict.fail("x < 4", x=np.float64(5.0), gap=Fraction(1, 3))


BUILDERS = {
    "BradleyTerryFit": _bt, "ArenaValidation": _arena_validation,
    "EcosystemSweep": _ecosystem_sweep, "SimulationRun": _simulation,
    "FamilyOverlap": _family_overlap, "ForwardPath": _forward_path, "Signature": _signature,
    "AliasTable": _aliases, "ArenaBattles": _battles, "MTBench101": _mtbench,
    "SweepResult": _sweep_result, "Degeneracy": _degeneracy, "ZeroSumSolution": _zero_sum,
    "Market": _market, "LeaveOneOut": _leave_one_out, "ReplacementTable": _replacement,
    "ProducerGame": _producer_game, "ExactPureCheck": _exact_check, "MPGResult": _mpg,
    "Verdict": _verdict,
}


def _build(name, tmp_path):
    fn = BUILDERS[name]
    return fn(tmp_path) if name == "SweepResult" else fn()


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_to_dict_of_a_real_instance_is_plain_json(name, tmp_path):
    obj = _build(name, tmp_path)
    assert type(obj).__name__ == name
    d = obj.to_dict()
    assert isinstance(d, dict)
    assert_plain_json(d, name)
    assert json.loads(json.dumps(d)).keys() == d.keys()


# ---- to_frame: rows named by the user's names, and a few numbers ----

def test_bradley_terry_frame():
    f = _bt().to_frame()
    assert f.index.name == "model" and list(f.index) == ["gpt", "llama", "vicuna"]
    assert f.loc["gpt", "elo"] == pytest.approx(1109.49, abs=0.01)
    assert f["strength"].sum() == pytest.approx(0.0, abs=1e-12)
    rows = _bt().to_dict()["ratings"]
    assert rows[0]["model"] == "gpt" and rows[0]["battles"] == 7.0


def test_arena_validation_frame():
    f = _arena_validation().to_frame()
    assert f.index.names == ["score", "coefficient"]
    assert list(f.index.get_level_values("score").unique()) == ["MPG", "MMLU"]
    assert f.loc[("MPG", "spearman"), "estimate"] == pytest.approx(0.952381, abs=1e-6)
    assert f.loc[("MMLU", "kendall"), "n"] == 8
    comparison = _arena_validation().to_dict()["comparison"]
    assert [r["coefficient"] for r in comparison] == ["pearson", "spearman", "kendall"]


def test_ecosystem_sweep_frame():
    res = _ecosystem_sweep()
    f = res.to_frame()
    assert f.index.name == "entry_rate" and list(f.index) == [0.5, 2.0]
    assert {"gini_mean", "gini_lo", "gini_hi"} <= set(f.columns)
    assert f.loc[0.5, "gini_lo"] <= f.loc[0.5, "gini_mean"] <= f.loc[0.5, "gini_hi"]
    assert "runs" not in res.to_dict()


def test_simulation_frame():
    f = _simulation().to_frame()
    assert f.index.name == "step" and list(f.index) == list(range(1, 21))
    assert f["n_benchmarks"].is_monotonic_increasing
    assert f["gini"].between(0, 1).all()


def test_forward_path_frame_names_the_features():
    fp = _forward_path()
    f = fp.to_frame()
    assert f.index.name == "step" and list(f.index) == [0, 1, 2]
    assert list(f["added"]) == [None, "GSM8K", "BBH"]
    assert f.loc[2, "rss"] < f.loc[1, "rss"] < f.loc[0, "rss"]
    assert [r["added"] for r in fp.to_dict()["path"]] == [None, "GSM8K", "BBH"]
    assert fp.feature_names[1] == "GSM8K"


def test_signature_frame():
    f = _signature().to_frame()
    assert f.index.name == "feature" and list(f.index[:2]) == ["GSM8K", "BBH"]
    assert f.loc["GSM8K", "coef"] == pytest.approx(2.0, abs=0.05)
    assert list(f["order"]) == list(range(1, len(f) + 1))


def test_alias_frame():
    f = _aliases().to_frame()
    assert f.index.names == ["source", "alias"] and len(f) == 308
    assert f.loc[("livebench", "gpt-4-0613"), "canonical"] == "gpt-4-0613"
    assert list(f.columns) == ["canonical", "note"]


def test_mtbench_frame():
    f = _mtbench().to_frame()
    assert f.shape == (18, 13)
    assert f.index.name == "model" and f.columns.name == "task"
    assert f.loc["GPT-4", "CM"] == pytest.approx(8.88)
    assert list(f.columns[:4]) == ["CM", "SI", "AR", "TS"]


def test_sweep_result_frame(tmp_path):
    res = _sweep_result(tmp_path)
    f = res.to_frame()
    assert f.index.name == "cell" and list(f.index) == [0, 1]
    assert list(f["delta"]) == [0.0, 1000.0] and list(f["works"]) == [False, True]
    d = res.to_dict()
    assert d["cells"] == 2 and d["spec"]["analysis"] == "leaderboard" and "cell_id" in d["columns"]


def test_leave_one_out_frame():
    f = _leave_one_out().to_frame()
    assert f.index.name == "model" and list(f.index) == ["gpt", "llama", "qwen"]
    assert f.loc["llama", "delta_welfare"] == pytest.approx(0.2)
    assert f.loc["gpt", "winrate"] == pytest.approx(0.5)
    assert _leave_one_out().to_dict()["optima"]["welfare"]["model"] == "llama"


def test_replacement_frame():
    f = _replacement().to_frame()
    assert f.index.name == "model" and list(f.index) == ["gpt", "llama", "qwen"]
    assert f.loc["qwen", "weighted_winrate_choice"] == "llama"
    assert f.loc["qwen", "welfare_optimal"] == pytest.approx(0.85)
    assert _replacement().to_dict()["producers"][2]["model"] == "qwen"


def test_mpg_frame():
    f = _mpg().to_frame()
    assert f.index.name == "model" and list(f.index) == ["gpt", "llama"]
    assert f.loc["gpt", "goodness"] == pytest.approx((0.5 * 91 + 0.5 * 61) / 102)
    assert (f["lo"] <= f["goodness"]).all() and (f["goodness"] <= f["hi"]).all()


# ---- Market keeps the user's names ----

def test_market_frame_from_a_dataframe_keeps_names():
    m = _market()
    assert m.models == ("gpt", "llama", "qwen") and m.tasks == ("math", "code")
    f = m.to_frame()
    assert f.index.name == "model" and f.columns.name == "task"
    assert f.loc["llama", "code"] == 0.9
    assert m.weights.tolist() == [0.5, 0.5]
    assert m.with_model([0.4, 0.4], "mistral").models[-1] == "mistral"
    assert m.without(0).models == ("llama", "qwen")
    assert m.to_dict()["tasks"] == ["math", "code"]


def test_market_weights_series_aligned_by_task_label():
    from benchgame.mechanisms.marketplace import Market, Perfect, evaluate

    scores = pd.DataFrame({"math": [0.8, 0.2], "code": [0.2, 0.9]}, index=["x", "y"])
    m = Market(scores, pd.Series({"code": 0.3, "math": 0.7}),
               values=pd.Series({"code": 2.0, "math": 1.0}))
    assert m.weights.tolist() == [0.7, 0.3] and m.values.tolist() == [1.0, 2.0]
    metrics = evaluate(m, Perfect()).to_frame()
    assert list(metrics.index) == ["x", "y"]
    assert metrics.loc["x", "winrate"] == pytest.approx(0.7)


@pytest.mark.parametrize(("weights", "values", "field"), [
    (pd.Series({"math": 0.5, "chat": 0.5}), None, "weights"),
    (pd.Series([0.5, 0.5]), None, "weights"),
    (pd.Series({"math": 0.5, "code": 0.25, "chat": 0.25}), None, "weights"),
    (pd.Series([0.5, 0.5], index=["math", "math"]), None, "weights"),
    ([0.5, 0.5], pd.Series({"math": 1.0, "chat": 2.0}), "values"),
])
def test_market_refuses_series_whose_labels_are_not_the_tasks(weights, values, field):
    from benchgame.mechanisms.marketplace import Market

    scores = pd.DataFrame({"math": [0.8, 0.2], "code": [0.2, 0.9]}, index=["x", "y"])
    with pytest.raises(InputError) as exc:
        Market(scores, weights, values=values)
    assert exc.value.field == field


def test_market_names_explicit_or_default():
    from benchgame.mechanisms.marketplace import Market

    scores = pd.DataFrame({"math": [0.8, 0.2], "code": [0.2, 0.9]}, index=["x", "y"])
    m = Market(scores, [0.5, 0.5], models=("a", "b"), tasks=("t", "u"))
    assert m.models == ("a", "b") and m.tasks == ("t", "u")
    plain = Market(pd.DataFrame([[0.8, 0.2], [0.2, 0.9]]), [0.5, 0.5])
    assert plain.models == ("m0", "m1") and plain.tasks == ("t0", "t1")
    ordered = Market(np.array([[0.8, 0.2]]), pd.Series({"t1": 0.25, "t0": 0.75}))
    assert ordered.weights.tolist() == [0.75, 0.25]

"""Sweep specifications: cell expansion, stable ids, and bad specifications (field named,
nothing written)."""

from __future__ import annotations

import os
from functools import partial

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.core.validation import InputError
from benchgame.experiments.sweeps import load_spec, parse_spec, run_sweep
from benchgame.experiments.sweeps.cells import cell_id, expand

# specifications in these tests name the test analyses' module under imports
run_sweep = partial(run_sweep, allow_imports=True)
parse_spec = partial(parse_spec, allow_imports=True)
load_spec = partial(load_spec, allow_imports=True)

IMPORTS = ["tests.sweeps.sweep_test_analyses"]


def spec(tmp_path, **changes):
    doc = {"analysis": "sweep_test.polynomial", "imports": IMPORTS,
           "output": str(tmp_path / "out.parquet"), "seeds": 2,
           "parameters": {"x": [1.0, 2.0], "tag": ["a", "b"]}}
    doc.update(changes)
    return {k: v for k, v in doc.items() if v is not None}


def test_grid_expansion_order_and_defaults(tmp_path):
    cells = expand(parse_spec(spec(tmp_path)))
    assert [(c.params["x"], c.params["tag"], c.seed) for c in cells] == [
        (1.0, "a", 0), (1.0, "a", 1), (1.0, "b", 0), (1.0, "b", 1),
        (2.0, "a", 0), (2.0, "a", 1), (2.0, "b", 0), (2.0, "b", 1)]
    assert [c.index for c in cells] == list(range(8))
    # every declared parameter is in a cell, defaults filled in
    assert cells[0].params == {"x": 1.0, "tag": "a", "sleep": 0.0, "fail_at": -1e9}
    assert len({c.cell_id for c in cells}) == 8


def test_cell_id_is_stable_and_order_free(tmp_path):
    params = {"x": 1.0, "tag": "a", "sleep": 0.0, "fail_at": -1e9}
    a = cell_id("sweep_test.polynomial", params, 3)
    b = cell_id("sweep_test.polynomial", dict(reversed(list(params.items()))), 3)
    assert a == b and len(a) == 16
    assert a != cell_id("sweep_test.polynomial", params, 4)
    assert a != cell_id("sweep_test.polynomial", {**params, "x": 1.0000001}, 3)
    # the same cell in a grid written in another order has the same id
    swapped = spec(tmp_path, parameters={"tag": ["b", "a"], "x": [2.0, 1.0]})
    ids = {c.cell_id for c in expand(parse_spec(spec(tmp_path)))}
    assert {c.cell_id for c in expand(parse_spec(swapped))} == ids


def test_cases_are_crossed_with_the_grid(tmp_path):
    s = parse_spec(spec(tmp_path, parameters={"x": [1.0, 2.0]}, seeds=[7],
                        cases=[{"tag": "p"}, {"tag": "q", "sleep": 0.0}]))
    assert [(c.params["tag"], c.params["x"], c.seed) for c in expand(s)] == [
        ("p", 1.0, 7), ("p", 2.0, 7), ("q", 1.0, 7), ("q", 2.0, 7)]


def test_random_design_is_reproducible_and_in_range(tmp_path):
    doc = spec(tmp_path, design="random", samples=20, design_seed=5,
               parameters={"x": {"low": 0.5, "high": 4.0, "log": True},
                           "tag": {"choices": ["u", "v"]}})
    c1 = expand(parse_spec(doc))
    c2 = expand(parse_spec(doc))
    assert [c.params for c in c1] == [c.params for c in c2]
    xs = [c.params["x"] for c in c1]
    assert len(c1) == 40 and all(0.5 <= x <= 4.0 for x in xs) and len(set(xs)) == 20
    assert {c.params["tag"] for c in c1} == {"u", "v"}
    other = expand(parse_spec({**doc, "design_seed": 6}))
    assert [c.params["x"] for c in other] != xs


def test_toml_file_round_trip(tmp_path):
    p = tmp_path / "s.toml"
    p.write_text('analysis = "sweep_test.polynomial"\nimports = ["tests.sweeps.sweep_test_'
                 'analyses"]\noutput = "o.parquet"\nseeds = [3, 1]\nbatch_size = 2\n'
                 '[parameters]\nx = [0, 1.5]\n', encoding="utf-8")
    s = load_spec(p)
    assert s.seeds == (3, 1) and s.batch_size == 2 and s.parameters == {"x": (0.0, 1.5)}
    assert isinstance(s.parameters["x"][0], float)


BAD = [
    ({"analysis": "no_such_analysis"}, "analysis", "is 'no_such_analysis'; use one of"),
    ({"analysis": None}, "analysis", "missing"),
    ({"parameters": {"x": [1.0], "speed": [2.0]}}, "parameters.speed",
     "not a parameter of analysis"),
    ({"parameters": {"x": []}}, "parameters.x", "empty list"),
    ({"parameters": {}}, "parameters", "varies nothing"),
    ({"parameters": {"x": 1.0}}, "parameters.x", "not a list"),
    ({"parameters": {"x": ["one"]}}, "parameters.x[0]", "str"),
    ({"parameters": {"x": [1.0, 1.0]}}, "parameters.x", "repeats"),
    ({"parameters": {"x": [1.0], "sleep": [-1.0]}}, "parameters.sleep[0]", "below"),
    ({"seeds": 0}, "seeds", "integer >= 1"),
    ({"seeds": [1, 1]}, "seeds", "repeats"),
    ({"batch_size": 0}, "batch_size", "integer >= 1"),
    ({"samples": 3}, "samples", "random"),
    ({"output": ""}, "output", "Parquet"),
    ({"imports": ["no.such.module_xyz"]}, "imports[0]", "cannot be imported"),
    ({"colour": "red"}, "colour", "not a known key"),
    ({"cases": [{"x": 3.0}]}, "parameters.x", "also given in [[cases]]"),
    ({"designer": {"required_fraction": 1.0}}, "designer", "does not apply"),
]


@pytest.mark.parametrize(("changes", "field", "problem"), BAD)
def test_bad_specs_name_the_field_and_write_nothing(tmp_path, changes, field, problem):
    with pytest.raises(InputError) as exc:
        run_sweep(spec(tmp_path, **changes), workers=1)
    assert exc.value.field == field
    assert problem in str(exc.value)
    assert exc.value.fix
    assert os.listdir(tmp_path) == []


def test_required_parameter_must_be_given(tmp_path):
    with pytest.raises(InputError) as exc:
        parse_spec({"analysis": "claims", "output": str(tmp_path / "c.parquet"),
                    "parameters": {"examples": [3]}})
    assert exc.value.field == "parameters.claim" and "required" in exc.value.problem


def test_existing_output_needs_resume_or_overwrite(tmp_path):
    doc = spec(tmp_path, seeds=1, parameters={"x": [2.0]})
    first = run_sweep(doc, workers=1)
    before = first.path.read_bytes()
    with pytest.raises(InputError) as exc:
        run_sweep(doc, workers=1)
    assert exc.value.field == "output" and "already exists" in exc.value.problem
    assert "--resume" in exc.value.fix and "--overwrite" in exc.value.fix
    assert first.path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["out.parquet"]
    with pytest.raises(InputError) as exc:
        run_sweep(doc, workers=1, resume=True, overwrite=True)
    assert exc.value.field == "--resume"
    again = run_sweep(doc, workers=1, overwrite=True)
    assert again.computed == 1 and again.table["value"].tolist() == [4.0]


def test_output_folder_must_exist(tmp_path):
    with pytest.raises(InputError) as exc:
        run_sweep(spec(tmp_path, output=str(tmp_path / "nope" / "o.parquet")), workers=1)
    assert exc.value.field == "output" and "does not exist" in exc.value.problem
    assert os.listdir(tmp_path) == []


@settings(max_examples=25, deadline=None)
@given(xs=st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=5, unique=True),
       tags=st.lists(st.text("abc", min_size=1, max_size=3), min_size=1, max_size=3,
                     unique=True),
       seeds=st.lists(st.integers(0, 2**31), min_size=1, max_size=3, unique=True),
       data=st.data())
def test_expansion_counts_and_ids_do_not_depend_on_value_order(xs, tags, seeds, data):
    doc = {"analysis": "sweep_test.polynomial", "imports": IMPORTS, "output": "o.parquet",
           "seeds": seeds, "parameters": {"x": xs, "tag": tags}}
    cells = expand(parse_spec(doc))
    assert len(cells) == len(xs) * len(tags) * len(seeds)
    ids = [c.cell_id for c in cells]
    assert len(set(ids)) == len(ids)
    shuffled = {"x": data.draw(st.permutations(xs)), "tag": data.draw(st.permutations(tags))}
    again = expand(parse_spec({**doc, "parameters": shuffled,
                               "seeds": data.draw(st.permutations(seeds))}))
    assert {c.cell_id: (c.params, c.seed) for c in again} == {
        c.cell_id: (c.params, c.seed) for c in cells}

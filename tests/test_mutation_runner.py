"""The mutation runner (benchmarks/mutation_run.py) generates and applies the intended mutants."""

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent.parent / "benchmarks" / "mutation_run.py"


@pytest.fixture(scope="module")
def runner():
    spec = importlib.util.spec_from_file_location("mutation_run", _PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutation_run"] = module  # dataclasses look the module up while it executes
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["mutation_run"]
    return module


SOURCE = '''"""Module docstring 1."""


def f(x: int = 0, y=1) -> bool:
    """Doc."""
    if x < y and not x == 2:
        x += 1
    return x * y >= 0 or True
'''


def test_generates_each_operator_once(runner):
    descriptions = sorted(m.description for m in runner.generate_mutants(SOURCE))
    assert descriptions == sorted([
        "1 -> 0",            # y=1 default (x: int = 0 is a default too)
        "0 -> 1",            # x: int = 0
        "< -> <=",
        "and -> or",
        "drop `not`",
        "== -> !=",
        "2 -> 3",
        "+= -> -=",
        "1 -> 0",            # x += 1
        "* -> /",
        ">= -> >",
        "0 -> 1",            # >= 0
        "or -> and",
        "True -> False",
    ])


def test_annotations_and_docstrings_are_not_mutated(runner):
    source = 'def g(a: "x" = 5) -> 1:\n    """7"""\n    return a\n'
    assert [m.description for m in runner.generate_mutants(source)] == ["5 -> 6"]


def test_each_mutant_changes_exactly_one_site(runner):
    original = ast.dump(ast.parse(SOURCE))
    seen = set()
    for mutant in runner.generate_mutants(SOURCE):
        mutated = runner.apply_mutant(SOURCE, mutant)
        compile(mutated, "<mutant>", "exec")
        assert ast.dump(ast.parse(mutated)) != original
        seen.add(mutated)
    assert len(seen) == len(runner.generate_mutants(SOURCE))


def test_drop_not_and_comparison_flip(runner):
    mutants = {m.description: m for m in runner.generate_mutants(SOURCE)}
    assert "if x < y and x == 2:" in runner.apply_mutant(SOURCE, mutants["drop `not`"])
    assert "if x <= y and (not x == 2):" in runner.apply_mutant(SOURCE, mutants["< -> <="])


def test_sample_is_deterministic_and_spread(runner):
    mutants = runner.generate_mutants(SOURCE)
    assert runner.sample(mutants, None) == mutants
    picked = runner.sample(mutants, 5)
    assert picked == runner.sample(mutants, 5)
    assert len(picked) == 5 and picked[0] == mutants[0] and picked[-1] != mutants[-1]
    assert len(set(picked)) == 5

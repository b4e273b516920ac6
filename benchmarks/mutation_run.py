"""Mutation testing: core solver, leaderboard analysis, marketplace payments, ecosystem metrics.

A small AST mutation runner built on the standard library only. mutmut 3 does not fit this
repository's layout: it copies the tree into ``mutants/`` with the ``benchgame/games -> ../games``
symlinks dereferenced (so the tests import an unmutated copy) and names mutants after the file
path (``games.pure``) while the tests import ``benchgame.games.pure``, so it finds no test for any
mutant.

How a run works: the repository is copied (symlinks preserved, no ``.git``/``build``/caches) to a
temporary directory; each mutant is written over the real target file *in that copy*, and the
target's tests run there with ``PYTHONPATH`` set to the copy and bytecode writing disabled. The
working tree the script is run from is never modified. A mutant is *killed* when the tests fail,
*survived* when they pass and *timeout* when they exceed ``--timeout`` seconds.

Operators: comparison boundary flips (``<``/``<=``, ``>``/``>=``), ``==``/``!=``, ``is``/``is not``,
``in``/``not in``; arithmetic ``+``/``-``, ``*``/``/`` (also in augmented assignments); numeric
constants (0 -> 1, 1 -> 0, n -> n + 1) and ``True``/``False``; ``and``/``or``; dropping a ``not``.
The mutated module is written with :func:`ast.unparse` (comments are lost, behaviour is not).

Usage::

    python benchmarks/mutation_run.py --module pure --max-mutants 40 --timeout 60
    python benchmarks/mutation_run.py --list        # the targets and their tests

The script always exits 0: the kill rate is a measurement, not a gate.
"""

from __future__ import annotations

import argparse
import ast
import copy
import dataclasses
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: target name -> (source file relative to the repository, its tests; missing tests are skipped)
TARGETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "pure": ("games/pure.py",
             ("tests/core/test_pure_mask_boundaries.py", "tests/core/test_pure_equilibria.py",
              "tests/games/test_exact_catalogue.py")),
    "leaderboard": ("games/leaderboard/pure_analysis.py",
                    # the files of tests/leaderboard/ that call analyze_pure: the whole folder
                    # takes about a minute per mutant on two cores
                    ("tests/leaderboard/test_pure_analysis_values.py",
                     "tests/leaderboard/test_leaderboard_certified.py",
                     "tests/leaderboard/test_leaderboard_analysis.py",
                     "tests/leaderboard/test_leaderboard_claim_checks.py")),
    "payments": ("mechanisms/marketplace/payments.py",
                 ("tests/marketplace/test_marketplace_properties.py",
                  "tests/marketplace/test_marketplace_payment_values.py",
                  "tests/marketplace/test_payment_identities.py")),
    "concentration": ("analyses/ecosystem/concentration.py",
                      ("tests/ecosystem/test_ecosystem_concentration.py",
                       "tests/ecosystem/test_concentration_edges.py")),
}
#: Surviving mutants that cannot change behaviour, per target: (text on the mutated source line,
#: mutation description, why it is equivalent). They are listed in the report and left out of
#: the kill rate's denominator; an entry that stops matching simply stops applying.
EQUIVALENT: dict[str, tuple[tuple[str, str, str], ...]] = {
    "pure": (
        ("for m, a in zip(game.shape, prof, strict=True)]", "True -> False",
         "zip's strict flag: a profile always has one index per player"),
        ("if tol > 0 else None", "> -> >=",
         "at tol = 0 the near-tie mask is empty either way"),
    ),
    "leaderboard": (
        ('elif hasattr(c3, "holds") and hasattr(c3, "method"):', "and -> or",
         "c3 is an AssumptionCheck (both attributes), a string or a bool (neither)"),
        ("bad = np.flatnonzero(state < 0)", "< -> <=",
         "the witness is the argmin of J - G: a tie's margin is never below a strict loss's"),
        ("bad = np.flatnonzero(state < 0)", "0 -> 1",
         "states are -1, 0, 1: same as <= 0, see above"),
    ),
    "concentration": (
        ("n = np.asarray(x).shape[0] if np.ndim(x) == 1 else 0", "0 -> 1",
         "a non-1-D input is refused by top_k_share whatever n is"),
        ("return np.where(total > 0, np.clip(value, 0.0, (n - 1) / n), np.nan)", "> -> >=",
         "at total = 0 the formula is 0/0 = nan, as the fallback"),
    ),
}

_CMP_SWAP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
             ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
             ast.In: ast.NotIn, ast.NotIn: ast.In}
_BIN_SWAP = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult}
_BOOL_SWAP = {ast.And: ast.Or, ast.Or: ast.And}
_SYMBOL = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=",
           ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in", ast.Add: "+",
           ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.And: "and", ast.Or: "or"}


@dataclasses.dataclass(frozen=True)
class Mutant:
    """One mutation: the ``node_index``-th node in ``ast.walk`` order, its ``slot``-th operator."""

    node_index: int
    slot: int
    lineno: int
    description: str
    col: int = 0


def _annotation_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes inside type annotations (not mutated: they do not run)."""
    roots: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            roots.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
            roots.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
    return {id(sub) for root in roots for sub in ast.walk(root)}


def _const_replacement(value: object) -> object | None:
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value == 0:
            return type(value)(1)
        if value == 1:
            return type(value)(0)
        return value + 1
    return None


def _sites(node: ast.AST) -> list[tuple[int, str]]:
    """The mutations possible at ``node``: (slot, description)."""
    if isinstance(node, ast.Compare):
        return [(i, f"{_SYMBOL[type(op)]} -> {_SYMBOL[_CMP_SWAP[type(op)]]}")
                for i, op in enumerate(node.ops) if type(op) in _CMP_SWAP]
    if isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in _BIN_SWAP:
        suffix = "=" if isinstance(node, ast.AugAssign) else ""
        old, new = _SYMBOL[type(node.op)], _SYMBOL[_BIN_SWAP[type(node.op)]]
        return [(0, f"{old}{suffix} -> {new}{suffix}")]
    if isinstance(node, ast.BoolOp):
        return [(0, f"{_SYMBOL[type(node.op)]} -> {_SYMBOL[_BOOL_SWAP[type(node.op)]]}")]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return [(0, "drop `not`")]
    if isinstance(node, ast.Constant):
        new = _const_replacement(node.value)
        if new is not None:
            return [(0, f"{node.value!r} -> {new!r}")]
    return []


def _docstring_nodes(tree: ast.AST) -> set[int]:
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def generate_mutants(source: str) -> list[Mutant]:
    """All mutants of ``source``, in a deterministic order (``ast.walk`` order, then slot)."""
    tree = ast.parse(source)
    skip = _annotation_nodes(tree) | _docstring_nodes(tree)
    mutants = []
    for index, node in enumerate(ast.walk(tree)):
        if id(node) in skip:
            continue
        for slot, description in _sites(node):
            mutants.append(Mutant(index, slot, getattr(node, "lineno", 0), description,
                                  getattr(node, "col_offset", -1) + 1))
    return mutants


def _replace_child(parent: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for field, value in ast.iter_fields(parent):
        if value is old:
            setattr(parent, field, new)
            return
        if isinstance(value, list):
            for i, item in enumerate(value):
                if item is old:
                    value[i] = new
                    return
    raise ValueError("child not found")  # pragma: no cover


def apply_mutant(source: str, mutant: Mutant) -> str:
    """``source`` with ``mutant`` applied, as unparsed Python source."""
    tree = ast.parse(source)
    nodes = list(ast.walk(tree))
    node = nodes[mutant.node_index]
    if isinstance(node, ast.Compare):
        node.ops[mutant.slot] = _CMP_SWAP[type(node.ops[mutant.slot])]()
    elif isinstance(node, (ast.BinOp, ast.AugAssign)):
        node.op = _BIN_SWAP[type(node.op)]()
    elif isinstance(node, ast.BoolOp):
        node.op = _BOOL_SWAP[type(node.op)]()
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        parent = next(p for p in nodes if any(c is node for c in ast.iter_child_nodes(p)))
        _replace_child(parent, node, copy.deepcopy(node.operand))
    elif isinstance(node, ast.Constant):
        node.value = _const_replacement(node.value)
    else:  # pragma: no cover
        raise ValueError(f"no mutation at node {mutant.node_index}")
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n"


def sample(mutants: list[Mutant], limit: int | None) -> list[Mutant]:
    """At most ``limit`` mutants, evenly spaced over the file (deterministic)."""
    if limit is None or limit >= len(mutants):
        return list(mutants)
    step = len(mutants) / limit
    return [mutants[int(i * step)] for i in range(limit)]


def _copy_repo(dest: Path) -> None:
    shutil.copytree(REPO, dest, symlinks=True,
                    ignore=shutil.ignore_patterns(".git", "build", "*.egg-info", "__pycache__",
                                                  "mutants", ".hypothesis", ".pytest_cache",
                                                  ".mypy_cache", ".ruff_cache"))


def _run_tests(root: Path, tests: list[str], timeout: float) -> str:
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONDONTWRITEBYTECODE="1")
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        rc = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return "timeout"
    if rc == 0:
        return "survived"
    if rc in (4, 5):  # usage error / no tests collected: not a verdict on the mutant
        return "error"
    return "killed"


def _check_import_path(root: Path, rel: str) -> None:
    """Fail loudly unless ``benchgame.<module>`` resolves to the file inside the copy."""
    module = "benchgame." + rel[:-3].replace("/", ".")
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONDONTWRITEBYTECODE="1")
    # import_module + sys.modules: a package may re-export a function under the module's name
    code = f"import importlib, sys; importlib.import_module({module!r}); " \
           f"print(sys.modules[{module!r}].__file__)"
    out = subprocess.run([sys.executable, "-c", code],
                         cwd=root, env=env, capture_output=True, text=True, check=True)
    loaded = Path(out.stdout.strip())
    if not str(loaded).startswith(str(root)):
        raise SystemExit(f"{module} imports from {loaded}, not from the copy {root}")
    if loaded.resolve() != (root / rel).resolve():
        raise SystemExit(f"{module} resolves to {loaded}, not to {root / rel}")


def run_target(name: str, max_mutants: int | None, timeout: float,
               tests_override: list[str] | None = None) -> dict:
    rel, all_tests = TARGETS[name]
    tests = [t for t in (tests_override or all_tests) if (REPO / t).exists()]
    source = (REPO / rel).read_text()
    mutants = generate_mutants(source)
    chosen = sample(mutants, max_mutants)
    counts = {"killed": 0, "survived": 0, "timeout": 0, "error": 0, "equivalent": 0}
    survivors: list[tuple[Mutant, str]] = []
    equivalent: list[tuple[Mutant, str]] = []
    lines = source.splitlines()
    with tempfile.TemporaryDirectory(prefix=f"mutation-{name}-") as tmp:
        root = Path(tmp) / "repo"
        _copy_repo(root)
        target = root / rel
        _check_import_path(root, rel)
        # baseline: the unmutated, unparsed module must pass (same formatting as the mutants)
        target.write_text(ast.unparse(ast.parse(source)) + "\n")
        t0 = time.monotonic()
        baseline = _run_tests(root, tests, timeout * 3)
        baseline_s = time.monotonic() - t0
        if baseline != "survived":
            raise SystemExit(f"{name}: the tests do not pass on the unmutated module ({baseline})")
        for i, mutant in enumerate(chosen, 1):
            target.write_text(apply_mutant(source, mutant))
            verdict = _run_tests(root, tests, timeout)
            reason = _equivalence(name, lines[mutant.lineno - 1], mutant)
            if verdict == "survived" and reason:
                verdict = "equivalent"
                equivalent.append((mutant, reason))
            counts[verdict] += 1
            if verdict == "survived":
                survivors.append((mutant, rel))
            print(f"  [{name} {i}/{len(chosen)}] {rel}:{mutant.lineno}:{mutant.col} "
                  f"{mutant.description}: "
                  f"{verdict}", file=sys.stderr, flush=True)
        target.write_text(source)
    return {"name": name, "file": rel, "tests": tests, "total": len(mutants),
            "run": len(chosen), "baseline_s": baseline_s, "survivors": survivors,
            "equivalent_mutants": equivalent, **counts}


def _equivalence(name: str, line: str, mutant: Mutant) -> str:
    """The recorded reason why ``mutant`` is equivalent, or ''."""
    for text, description, reason in EQUIVALENT.get(name, ()):
        if text in line and description == mutant.description:
            return reason
    return ""


def print_report(results: list[dict]) -> None:
    header = (f"{'module':<40} {'total':>5} {'run':>4} {'killed':>6} {'survived':>8} "
              f"{'equiv':>5} {'timeout':>7} {'error':>5} {'kill rate':>9}")
    print(header)
    print("-" * len(header))
    for r in results:
        decided = r["killed"] + r["survived"] + r["timeout"]
        rate = (r["killed"] + r["timeout"]) / decided if decided else float("nan")
        print(f"{r['file']:<40} {r['total']:>5} {r['run']:>4} {r['killed']:>6} {r['survived']:>8} "
              f"{r['equivalent']:>5} {r['timeout']:>7} {r['error']:>5} {rate:>9.1%}")
    print("\n(total = mutants generated; run = the deterministic sample tested; kill rate = "
          "(killed + timeout) / (killed + survived + timeout), equivalent mutants left out)")
    for r in results:
        print(f"\nsurviving mutants of {r['file']} (tests: {', '.join(r['tests'])}; "
              f"baseline {r['baseline_s']:.0f}s):")
        if not r["survivors"]:
            print("  none")
        for mutant, rel in r["survivors"]:
            print(f"  {rel}:{mutant.lineno}:{mutant.col}: {mutant.description}")
        for mutant, reason in r["equivalent_mutants"]:
            print(f"  equivalent {r['file']}:{mutant.lineno}:{mutant.col}: "
                  f"{mutant.description} ({reason})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", choices=sorted(TARGETS), action="append",
                        help="target to mutate (repeatable; default: all)")
    parser.add_argument("--max-mutants", type=int, default=None,
                        help="test at most N mutants per target, evenly spaced over the file")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds per mutant test run (a timeout counts as killed)")
    parser.add_argument("--tests", nargs="+", default=None,
                        help="test paths to run instead of the target's own selection")
    parser.add_argument("--list", action="store_true", help="list the targets and exit")
    args = parser.parse_args(argv)
    if args.list:
        for name, (rel, tests) in TARGETS.items():
            n = len(generate_mutants((REPO / rel).read_text()))
            print(f"{name}: {rel} ({n} mutants) <- {', '.join(tests)}")
        return 0
    results = []
    for name in args.module or list(TARGETS):
        try:
            results.append(run_target(name, args.max_mutants, args.timeout, args.tests))
        except (Exception, SystemExit) as exc:  # report the other targets all the same
            print(f"{name}: not run: {exc}", file=sys.stderr, flush=True)
    print_report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""One installed import name: ``benchgame``; a user's own ``games/`` or ``analyses/`` package in
the working directory does not shadow any part of it."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import benchgame

LAYERS = ["core", "benchmarks_data", "games", "mechanisms", "analyses", "proofs_check",
          "experiments"]


def _user_project(tmp_path: Path) -> Path:
    for name in ("games", "analyses", "mechanisms", "proofs_check", "benchmarks_data", "core"):
        pkg = tmp_path / name
        pkg.mkdir()
        (pkg / "__init__.py").write_text("raise ImportError('the user package was imported')\n")
        (pkg / "validation.py").write_text("raise ImportError('the user module was imported')\n")
    return tmp_path


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120, env=env)


def test_import_with_user_packages_in_the_working_directory(tmp_path):
    cwd = _user_project(tmp_path)
    code = ("import benchgame as bg; "
            "g = bg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]); "
            "print([e.pure_profile() for e in bg.solve(g)]); "
            "import benchgame.analyses, benchgame.games.leaderboard, "
            "benchgame.mechanisms.marketplace, benchgame.experiments.sweeps, "
            "benchgame.proofs_check; print(len(bg.proofs_check.claim_ids()))")
    res = _run([sys.executable, "-c", code], cwd)
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[0] == "[(1, 1)]"
    assert int(res.stdout.splitlines()[1]) >= 40


def test_python_dash_m_and_the_command_with_user_packages(tmp_path):
    cwd = _user_project(tmp_path)
    nfg = str(Path(benchgame.__file__).parent / "games" / "examples" / "prisoners_dilemma.nfg")
    res = _run([sys.executable, "-m", "benchgame", "solve", nfg, "--format", "json"], cwd)
    assert res.returncode == 0, res.stderr
    assert '"schema": "benchgame.solve/1"' in res.stdout
    exe = shutil.which("benchgame", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the benchgame command is not installed beside this interpreter")
    res = _run([exe, "verify", "--claim", "general.pure_existence_2x2.false"], cwd)
    assert res.returncode == 0, res.stderr


def test_the_wheel_installs_one_top_level_name_with_its_data(tmp_path):
    root = Path(benchgame.__file__).resolve().parent.parent
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                          str(tmp_path), str(root)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    (wheel,) = tmp_path.glob("benchgame-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
    top = {n.split("/")[0] for n in names if ".dist-info/" not in n}
    assert top == {"benchgame"}
    for path in ["benchgame/py.typed", "benchgame/__init__.pyi", "benchgame/games/__init__.pyi",
                 "benchgame/benchmarks_data/SHA256SUMS",
                 "benchgame/benchmarks_data/mtbench101/mtbench101_leaderboard.csv",
                 "benchgame/mechanisms/mpg/trees/obsscaling.json",
                 "benchgame/examples/leaderboard_w1.toml",
                 "benchgame/games/examples/prisoners_dilemma.nfg"]:
        assert path in names, path
    for layer in LAYERS:
        assert f"benchgame/{layer}/__init__.py" in names


def test_every_layer_is_a_subpackage_of_benchgame():
    for layer in LAYERS:
        module = importlib.import_module(f"benchgame.{layer}")
        assert Path(module.__file__).parent.name == layer
        assert module.__name__ == f"benchgame.{layer}"
    # in a source checkout each layer is a top-level folder that benchgame/ links to
    src = Path(benchgame.__file__).parent
    for layer in LAYERS:
        assert (src / layer / "__init__.py").is_file()

"""The layering written in the README, enforced by import-linter: each layer imports only from the
layers below it, and the contract fails on an upward import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which(
    "lint-imports")

pytestmark = pytest.mark.skipif(LINT is None, reason="import-linter is not installed")


def _lint(src_root: Path, config: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(src_root)}
    return subprocess.run([LINT, "--config", str(config), "--no-cache"], cwd=src_root,
                          capture_output=True, text=True, timeout=300, env=env)


def _copy_sources(tmp_path: Path) -> Path:
    """The Python sources of the package (links followed), without data files."""
    dest = tmp_path / "src" / "benchgame"
    shutil.copytree(ROOT / "benchgame", dest, symlinks=False,
                    ignore=lambda d, names: [n for n in names if n == "__pycache__" or (
                        (Path(d) / n).is_file() and not n.endswith((".py", ".pyi")))])
    return dest.parent


def test_the_layers_contract_is_kept():
    res = _lint(ROOT, ROOT / "pyproject.toml")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "0 broken" in res.stdout


@pytest.mark.parametrize(("module", "upward"), [
    ("games/normal_form.py", "benchgame.mechanisms.marketplace.market"),
    ("benchmarks_data/mtbench101.py", "benchgame.games.normal_form"),
    ("core/validation.py", "benchgame.benchmarks_data.integrity"),
    ("mechanisms/marketplace/market.py", "benchgame.experiments.sweeps.engine"),
])
def test_an_upward_import_breaks_the_contract(tmp_path, module, upward):
    src = _copy_sources(tmp_path)
    target = src / "benchgame" / module
    target.write_text(target.read_text() + f"\n\ndef _upward():\n    import {upward}  # noqa\n")
    res = _lint(src, ROOT / "pyproject.toml")
    assert res.returncode != 0
    assert "BROKEN" in res.stdout or "broken" in res.stdout
    assert upward in res.stdout

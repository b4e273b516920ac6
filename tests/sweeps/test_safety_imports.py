"""A specification's ``imports`` run code: only with consent, only once the rest of the file is
valid, never from the current folder by accident, and a module that raises or exits becomes one
error line with exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchgame.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()

MODULE = """\
from pathlib import Path
Path({marker!r}).write_text("ran")
{body}
"""


def user_module(folder: Path, name: str, body: str = "") -> Path:
    marker = folder / f"{name}.ran"
    (folder / f"{name}.py").write_text(MODULE.format(marker=str(marker), body=body))
    return marker


def spec_file(folder: Path, module: str, extra: str = "") -> Path:
    toml = folder / "s.toml"
    toml.write_text(f'analysis = "leaderboard"\nimports = ["{module}"]\n'
                    f'output = "{(folder / "o.parquet").as_posix()}"\n{extra}'
                    "[parameters]\ndelta = [0.0]\ndevelopers = [3]\n")
    return toml


@pytest.mark.parametrize("body, said", [
    ("raise RuntimeError('boom\\nsecond line')", "RuntimeError: boom second line"),
    ("import sys\nsys.exit(0)", "called sys.exit(0) while importing"),
])
def test_a_module_that_raises_or_exits_is_one_line_and_exit_2(tmp_path, monkeypatch, body, said):
    name = f"bg_user_{abs(hash(body)) % 10**8}"
    marker = user_module(tmp_path, name, body)
    monkeypatch.syspath_prepend(str(tmp_path))
    res = runner.invoke(app, ["sweep", str(spec_file(tmp_path, name)), "--allow-imports",
                              "--workers", "1"])
    assert res.exit_code == 2
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: imports[0]: ") and said in lines[0]
    assert marker.exists()                                 # it did run: consent was given
    assert not (tmp_path / "o.parquet").exists() and not (tmp_path / "o.parquet.lock").exists()


def test_no_consent_means_the_module_never_runs(tmp_path, monkeypatch):
    marker = user_module(tmp_path, "bg_user_noconsent")
    monkeypatch.syspath_prepend(str(tmp_path))
    res = runner.invoke(app, ["sweep", str(spec_file(tmp_path, "bg_user_noconsent")),
                              "--workers", "1"])
    assert res.exit_code == 2 and "--allow-imports" in res.output
    assert not marker.exists()


def test_modules_run_only_after_the_rest_of_the_specification_validates(tmp_path, monkeypatch):
    marker = user_module(tmp_path, "bg_user_late")
    monkeypatch.syspath_prepend(str(tmp_path))
    for extra, field in (("seeds = -3\n", "seeds"), ("batch_size = 0\n", "batch_size"),
                         ('design = "sobol"\n', "design")):
        res = runner.invoke(app, ["sweep", str(spec_file(tmp_path, "bg_user_late", extra)),
                                  "--allow-imports", "--workers", "1"])
        assert res.exit_code == 2 and f"error: {field}:" in res.output
        assert not marker.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bg_user_late.py", "s.toml"]


def test_python_m_benchgame_does_not_import_from_the_current_folder(tmp_path):
    marker = user_module(tmp_path, "bg_user_cwd")
    toml = spec_file(tmp_path, "bg_user_cwd")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    cmd = [sys.executable, "-m", "benchgame", "sweep", str(toml), "--allow-imports",
           "--workers", "1", "--format", "json"]
    res = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 2 and not marker.exists()
    assert "No module named 'bg_user_cwd'" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    # asked for explicitly: the folder on PYTHONPATH
    res = subprocess.run(cmd, cwd=tmp_path, env={**env, "PYTHONPATH": "."},
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert marker.read_text() == "ran" and (tmp_path / "o.parquet").is_file()

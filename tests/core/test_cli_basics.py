"""The command line's own options and its error lines."""

from __future__ import annotations

import subprocess
import sys

import benchgame


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "benchgame", *args], capture_output=True,
                          text=True, timeout=120, env={"COLUMNS": "40", "PATH": ""})


def test_version():
    res = _run("--version")
    assert res.returncode == 0
    assert res.stdout.strip() == f"benchgame {benchgame.__version__}"


def test_an_error_is_one_line_at_any_width_when_stderr_is_not_a_terminal(tmp_path):
    path = tmp_path / ("a-very-long-folder-name-" * 6) / "config.toml"
    res = _run("leaderboard", str(path))
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("error: CONFIG") and str(path) in lines[0]

"""A handful of corpus cases through the real ``benchgame`` process with ``COLUMNS=40``: the
error stays one line (no wrapping, no panel) and nothing else reaches stderr."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.bad_input import all_cli_cases
from tests.bad_input.harness import write_inputs

IDS = ("solve-nfg-payoff-1e100000000", "solve-nfg-count-int64-wrap", "ecosystem-set-steps-inf",
       "ecosystem-seeds-one", "leaderboard-tie-priority-str", "mpg-tree-nested",
       "root-unknown-command", "sweep-format-csv")
BY_ID = {c.id: c for c in all_cli_cases()}


@pytest.mark.parametrize("case_id", IDS)
def test_one_line_at_40_columns(case_id, tmp_path):
    case = BY_ID[case_id]
    argv = write_inputs(case, tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    env = {**os.environ, "COLUMNS": "40", "TERM": "xterm-256color"}
    res = subprocess.run([sys.executable, "-m", "benchgame", *argv], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=60)
    lines = res.stderr.splitlines()
    assert res.returncode == case.code
    assert len(lines) == 1 and lines[0].startswith("error: "), res.stderr
    assert len(lines[0]) > 40  # longer than the terminal, and still not wrapped
    assert case.expect.lower() in lines[0].lower() and "; " in lines[0]
    assert "Traceback" not in res.stderr + res.stdout
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("case_id", ["leaderboard-tie-priority-str", "ecosystem-seeds-one",
                                     "solve-nfg-payoff-1e100000000"])
def test_one_line_on_a_40_column_terminal(case_id, tmp_path):
    """stderr a real terminal (a pseudo-terminal 40 columns wide): still one unwrapped line."""
    pty = pytest.importorskip("pty")
    case = BY_ID[case_id]
    argv = write_inputs(case, tmp_path)
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "40", "TERM": "xterm-256color"}
    try:
        res = subprocess.run([sys.executable, "-m", "benchgame", *argv], cwd=tmp_path, env=env,
                             stdout=subprocess.DEVNULL, stderr=slave, timeout=60)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the terminal is closed once everything is read
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    text = b"".join(chunks).decode()
    lines = [ln for ln in text.replace("\r\n", "\n").split("\n") if ln]
    assert res.returncode == case.code
    assert len(lines) == 1 and "error: " in lines[0] and len(lines[0]) > 40, text
    assert case.expect.lower() in lines[0].lower()

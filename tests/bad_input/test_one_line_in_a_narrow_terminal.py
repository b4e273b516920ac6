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

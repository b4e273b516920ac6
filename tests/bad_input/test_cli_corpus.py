"""Every bad command line exits with status 2 and one stderr line naming the field and the fix,
with no traceback, nothing written in the working folder, and within the time budget."""

from __future__ import annotations

import pytest

from tests.bad_input import all_cli_cases
from tests.bad_input.harness import run_cli_case

CASES = all_cli_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_command_line_is_one_clear_line(case, tmp_path):
    outcome = run_cli_case(case, tmp_path)
    assert outcome.problems(case.expect, case.code) == []


def test_the_corpus_covers_every_command_and_is_large():
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    for command in ("solve", "leaderboard", "market", "mpg", "signatures", "ecosystem-metrics",
                    "ecosystem-set", "ecosystem-config", "sweep", "verify"):
        assert any(i.startswith(command) for i in ids), command
    assert len(CASES) >= 300

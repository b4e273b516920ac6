"""Every bad input to a Python entry point raises InputError (a ValueError) naming the field,
with a one-line message, quickly and without writing anything."""

from __future__ import annotations

import time

import pytest

from benchgame.core.validation import InputError
from tests.bad_input.api_cases import API_CASES, INPUT_NAMES
from tests.bad_input.harness import TIME_BUDGET, _listing


@pytest.mark.parametrize("call, expect", [(c, e) for _, c, e in API_CASES],
                         ids=[i for i, _, _ in API_CASES])
def test_bad_api_input_is_one_input_error(call, expect, tmp_path):
    before = _listing(tmp_path)  # empty: every file after the call is an input or a leak
    start = time.perf_counter()
    with pytest.raises(InputError) as exc:
        call(tmp_path)
    assert time.perf_counter() - start < TIME_BUDGET
    assert isinstance(exc.value, ValueError)
    message = str(exc.value)
    assert "\n" not in message
    assert expect.lower() in message.lower()
    assert exc.value.field and exc.value.problem
    assert set(_listing(tmp_path)) - set(before) <= INPUT_NAMES


def test_the_api_corpus_covers_the_entry_points():
    names = {i.split("-")[0] for i, _, _ in API_CASES}
    assert {"NormalFormGame", "solve", "read_nfg", "Contest", "Market", "load_config",
            "run_sweep", "EcosystemParams", "evaluate"} <= names
    assert len(API_CASES) >= 80

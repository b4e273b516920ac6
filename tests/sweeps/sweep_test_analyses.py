"""Small deterministic analyses used by the sweep tests (imported by test subprocesses)."""

from __future__ import annotations

import time

from benchgame.experiments.sweeps import Outcome, Parameter, register_analysis


def polynomial_cell(params: dict, seed: int) -> dict:
    """``value = x^2 + seed``; sleeps ``sleep`` seconds; raises when ``x == fail_at``."""
    if params["sleep"] > 0:
        time.sleep(params["sleep"])
    x = params["x"]
    if x == params["fail_at"]:
        raise ArithmeticError(f"planted failure at x = {x}")
    value = x * x + seed
    return {"value": value, "positive": value > 0, "label": f"{params['tag']}:{seed}",
            "rounded": int(round(value)), "missing": None}


register_analysis(
    "sweep_test.polynomial", polynomial_cell,
    parameters={"x": Parameter(float, 0.0, "input"),
                "tag": Parameter(str, "t", "a label"),
                "sleep": Parameter(float, 0.0, "seconds to sleep per cell", minimum=0.0),
                "fail_at": Parameter(float, -1e9, "x at which the cell raises")},
    outcomes={"value": Outcome(float, "x^2 + seed"), "positive": Outcome(bool, "value > 0"),
              "label": Outcome(str, "tag:seed"), "rounded": Outcome(int, "round(value)"),
              "missing": Outcome(float, "always null")},
)


def crashing_cell(params: dict, seed: int) -> dict:
    """``value = x``; the worker process dies (no exception, no cleanup) when ``x == crash_at``."""
    if params["x"] == params["crash_at"]:
        import os

        os._exit(1)
    return {"value": params["x"]}


register_analysis(
    "sweep_test.crash", crashing_cell,
    parameters={"x": Parameter(float, 0.0, "input"),
                "crash_at": Parameter(float, -1e9, "x at which the worker process dies")},
    outcomes={"value": Outcome(float, "x")},
)


def flaky_cell(params: dict, seed: int) -> dict:
    """``value = x``; fails while the file named by ``BENCHGAME_TEST_FLAKY`` exists (a transient
    failure such as a MemoryError that a later run does not meet)."""
    import os

    flag = os.environ.get("BENCHGAME_TEST_FLAKY", "")
    if flag and os.path.exists(flag) and params["x"] >= params["flaky_from"]:
        raise MemoryError(f"transient failure at x = {params['x']}")
    return {"value": params["x"]}


register_analysis(
    "sweep_test.flaky", flaky_cell,
    parameters={"x": Parameter(float, 0.0, "input"),
                "flaky_from": Parameter(float, 1e9, "x from which cells fail while flagged")},
    outcomes={"value": Outcome(float, "x")},
)

"""One writer per output: a second run is refused with the first one's pid (and never told to
overwrite); a lock left by a killed run is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest

from benchgame.core.validation import InputError
from benchgame.experiments.sweeps import run_sweep
from benchgame.experiments.sweeps.output_lock import output_lock
from benchgame.experiments.sweeps.output_state import beside, parts_dir

run_sweep = partial(run_sweep, allow_imports=True)
ROOT = Path(__file__).resolve().parents[2]
IMPORTS = ["tests.sweeps.sweep_test_analyses"]

HOLD = """
import sys, time
from pathlib import Path
from benchgame.experiments.sweeps.output_lock import output_lock
with output_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def spec(out, **changes):
    doc = {"analysis": "sweep_test.polynomial", "imports": IMPORTS, "output": str(out),
           "seeds": 1, "parameters": {"x": [0.0, 1.0]}}
    doc.update(changes)
    return doc


def hold_in_subprocess(out):
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], stdout=subprocess.PIPE,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().decode().strip() == "held"
    return proc


def test_second_writer_is_refused_with_the_holders_pid(tmp_path):
    out = tmp_path / "l.parquet"
    run_sweep(spec(out), workers=1)
    before = out.read_bytes()
    proc = hold_in_subprocess(out)
    try:
        for flags in ({}, {"resume": True}, {"overwrite": True}):
            with pytest.raises(InputError) as exc:
                run_sweep(spec(out), workers=1, **flags)
            assert exc.value.field == "output"
            assert f"another run (pid {proc.pid})" in exc.value.problem
            assert "--overwrite" not in str(exc.value) and "wait" in exc.value.fix
    finally:
        proc.kill()
        proc.wait(30)
    assert out.read_bytes() == before
    # the holder was killed (-9): its lock is stale and the next run takes it over
    assert beside(out, "lock").exists()
    res = run_sweep(spec(out), workers=1, resume=True)
    assert res.computed == 0 and not beside(out, "lock").exists()
    assert sorted(os.listdir(tmp_path)) == ["l.parquet"]


def test_lock_is_released_when_a_run_fails_or_is_interrupted(tmp_path):
    out = tmp_path / "l.parquet"

    def interrupt(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_sweep(spec(out), workers=1, progress=interrupt)
    assert not beside(out, "lock").exists()
    with output_lock(out):
        with pytest.raises(InputError, match=f"pid {os.getpid()}"):
            run_sweep(spec(out), workers=1, resume=True)
    assert run_sweep(spec(out), workers=1, resume=True).computed == 2


@pytest.mark.slow
def test_two_concurrent_cli_resumes_then_kill_9_and_resume_gives_the_whole_table(tmp_path):
    out = tmp_path / "c.parquet"
    toml = tmp_path / "s.toml"
    xs = [float(k) for k in range(24)]
    toml.write_text(f'analysis = "sweep_test.polynomial"\nimports = ["{IMPORTS[0]}"]\n'
                    f'output = "{out.as_posix()}"\nseeds = 1\nbatch_size = 1\n'
                    f"[parameters]\nx = {xs}\nsleep = [0.5]\n")
    cmd = [sys.executable, "-m", "benchgame", "sweep", "--allow-imports", str(toml),
           "--workers", "1", "--resume"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not list(parts_dir(out).glob("part-*")) and time.monotonic() < deadline:
            time.sleep(0.02)
        second = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True,
                                timeout=120)
        assert first.poll() is None, "the first run ended before the second one started"
        assert second.returncode == 2, second.stderr
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1 and f"another run (pid {first.pid})" in lines[0]
        assert "--overwrite" not in lines[0]
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(30)
    stored = len(list(parts_dir(out).glob("part-*")))
    assert 1 <= stored < 24 and beside(out, "lock").exists()       # the killed run's stale lock
    res = run_sweep(toml, workers=1, resume=True)
    assert (res.resumed, res.computed) == (stored, 24 - stored)
    assert res.table["value"].tolist() == [x * x for x in xs]
    assert sorted(os.listdir(tmp_path)) == ["c.parquet", "s.toml"]

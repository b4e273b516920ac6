"""Run one bad-input case in-process and record what a user would see.

:func:`run_cli_case` writes the case's files in a fresh folder, runs the command there through
typer's ``CliRunner`` (the real root group, so the real error handling), and returns the exit
status, the stderr lines, the time taken and the files that appeared or changed.
``python -m tests.bad_input.harness`` runs the whole corpus and prints the counts.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from benchgame.cli import app

TIME_BUDGET = 10.0  # seconds per case (first imports included, on a loaded machine); a
# refusal takes a small fraction of this, a guard that fails takes far longer


@dataclass
class Outcome:
    code: int
    stderr: list[str]
    stdout: str
    seconds: float
    written: list[str]
    exception: BaseException | None

    def problems(self, expect: str, code: int) -> list[str]:
        """What is wrong with this outcome for a case expecting ``expect`` and ``code``."""
        out = []
        text = "\n".join(self.stderr) + self.stdout
        if self.exception is not None and not isinstance(self.exception, SystemExit):
            out.append(f"raised {type(self.exception).__name__}: {self.exception}")
        if "Traceback" in text:
            out.append("traceback")
        if self.code != code:
            out.append(f"exit status {self.code}, expected {code}")
        if len(self.stderr) != 1:
            out.append(f"{len(self.stderr)} stderr lines: {self.stderr[:4]}")
        elif not self.stderr[0].startswith("error: "):
            out.append(f"stderr does not start with 'error: ': {self.stderr[0]!r}")
        else:
            line = self.stderr[0]
            if expect.lower() not in line.lower():
                out.append(f"stderr does not name {expect!r}: {line!r}")
            if "; " not in line:
                out.append(f"stderr gives no fix: {line!r}")
        if self.written:
            out.append(f"wrote {self.written}")
        if self.seconds > TIME_BUDGET:
            out.append(f"took {self.seconds:.1f} s (budget {TIME_BUDGET} s)")
        return out


def _listing(root: Path) -> dict[str, tuple[int, int]]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            out[str(p.relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return out


def write_inputs(case, folder: Path) -> list[str]:
    """Write the case's input files in ``folder``; return its argv with ``{tmp}`` filled in."""
    for name, content in case.files.items():
        p = folder / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
    return [a.replace("{tmp}", str(folder)) for a in case.argv]


def run_cli_case(case, folder: Path) -> Outcome:
    """Run ``case`` (a :class:`tests.bad_input.cli_cases.Case`) in the empty ``folder``."""
    argv = write_inputs(case, folder)
    before = _listing(folder)
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        start = time.perf_counter()
        res = CliRunner().invoke(app, argv, env={"COLUMNS": "40"})
        seconds = time.perf_counter() - start
    finally:
        os.chdir(cwd)
    after = _listing(folder)
    written = sorted(k for k in after if before.get(k) != after[k])
    return Outcome(res.exit_code, res.stderr.splitlines(), res.stdout, seconds, written,
                   res.exception)


def main() -> None:  # pragma: no cover - a report for people, not a test
    from tests.bad_input import all_cli_cases

    cases = all_cli_cases()
    counts = {"cases": len(cases), "clear errors": 0, "tracebacks": 0, "hangs": 0,
              "files written on error": 0, "other problems": 0}
    slowest = []
    for case in cases:
        with tempfile.TemporaryDirectory() as tmp:
            o = run_cli_case(case, Path(tmp))
        probs = o.problems(case.expect, case.code)
        slowest.append((o.seconds, case.id))
        counts["clear errors"] += not probs
        counts["tracebacks"] += any(p.startswith(("raised", "traceback")) for p in probs)
        counts["hangs"] += o.seconds > TIME_BUDGET
        counts["files written on error"] += bool(o.written)
        counts["other problems"] += bool(probs) and not any(
            p.startswith(("raised", "traceback")) for p in probs)
        if probs:
            print(f"{case.id}: {'; '.join(probs)}")
    for k, v in counts.items():
        print(f"{k}: {v}")
    print(_api_counts())
    print("slowest:", ", ".join(f"{i} {s:.2f} s" for s, i in sorted(slowest)[-5:]))


def _api_counts() -> str:  # pragma: no cover
    from benchgame.core.validation import InputError
    from tests.bad_input.api_cases import API_CASES

    clear = other = 0
    for _, call, expect in API_CASES:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                call(Path(tmp))
            except InputError as exc:
                ok = expect.lower() in str(exc).lower() and "\n" not in str(exc)
                clear += ok
                other += not ok
                continue
            except Exception:  # noqa: BLE001 - counted, not raised: this is a report
                pass
        other += 1
    return f"API cases: {len(API_CASES)}, InputError naming the field: {clear}, other: {other}"


if __name__ == "__main__":  # pragma: no cover
    main()

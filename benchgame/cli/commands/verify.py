"""``benchgame verify``: check registered claims and report expected versus found status.

JSON schema ``benchgame.verify/1``::

    {"schema": "benchgame.verify/1", "seed": int, "examples": int | null,
     "summary": {"claims": int, "ok": int, "failed": int},
     "claims": [ClaimReport.to_dict(), ...]}

The table (and markdown) report prints a summary and only the claims whose found status is not
the expected one, or, when there is none, the counts per claim family and the ids of the claims
refuted as expected; ``--verbose`` prints every claim. JSON always lists every claim.

``--jobs N`` runs the claims in ``N`` worker processes (default: one per usable core; ``1``: one
after the other in this process); the report is the same for every ``N``, the seconds each claim
took aside.

Exit status 0 when every claim's found status equals its expected status (and, for claims
expected to hold, the violation probe found a counterexample), 1 otherwise, 2 on bad input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from benchgame.cli.output import (
    Format,
    as_format,
    check_output_path,
    emit_json,
    emit_report,
    err_console,
    formats,
)
from benchgame.core.limits import check_limit
from benchgame.proofs_check import all_claims, get_claim
from benchgame.proofs_check.batch import check_jobs, default_jobs, run_claims
from benchgame.proofs_check.runner import ClaimReport

SCHEMA = "benchgame.verify/1"
VerifyFormat = formats("VerifyFormat", "table", "json", "markdown")


def _rows(reports: list[ClaimReport]) -> list[list[str]]:
    rows = []
    for r in reports:
        c = r.claim
        src = f"{c.source.paper}, {c.source.item} [{c.source.form}]"
        if r.error:
            detail = f"error: {r.error}"
        elif r.counterexample is not None:
            detail = r.counterexample.summary()
        else:
            detail = "no counterexample"
        if r.probe is not None:
            detail += ("; probe: counterexample found" if r.probe.found_counterexample
                       else f"; probe: NO counterexample in {r.probe.tried} violating instances"
                       + (f" ({r.probe.error})" if r.probe.error else ""))
        if r.ok:
            status = f"{r.found.value}, as expected"
        elif r.found is c.expected:
            status = f"{r.found.value}, but the probe found no counterexample"
        else:
            status = f"{r.found.value}, expected {c.expected.value}"
        rows.append([c.id, status, str(r.tried), src, detail])
    return rows


COLUMNS = ["claim", "status", "tried", "source", "counterexample / probe"]
FAMILY_COLUMNS = ["claims of", "checked", "hold, as expected", "refuted, as expected",
                  "unexpected"]


def _families(reports: list[ClaimReport]) -> tuple[list[list[str]], str]:
    """Counts per claim family (the id's first part) and the line naming the claims refuted
    as expected (statements false as written, each with its counterexample)."""
    fam: dict[str, list[int]] = {}
    for r in reports:
        row = fam.setdefault(r.claim.id.split(".")[0], [0, 0, 0, 0])
        row[0] += 1
        row[1 if r.ok and r.found.value == "HOLDS" else 2 if r.ok else 3] += 1
    refuted = [r.claim.id for r in reports if r.ok and r.found.value == "REFUTED"]
    line = ("refuted as expected (false as written; --verbose shows each counterexample): "
            + ", ".join(refuted)) if refuted else ""
    return [[f, *map(str, n)] for f, n in sorted(fam.items())], line


def verify(
    claim: Annotated[list[str] | None, typer.Option("--claim", "-c",
                     help="Claim id, or an id prefix such as 'leaderboard.' (repeatable).")] = None,
    examples: Annotated[int | None, typer.Option("--examples", "-n", min=0,
                        help="Generated instances per claim (default: each claim's own).")] = None,
    seed: Annotated[int, typer.Option("--seed", "-s", min=0,
                    help="Run seed; the same seed reproduces every counterexample.")] = 0,
    fmt: Annotated[VerifyFormat, typer.Option("--format", "-f",  # type: ignore[valid-type]
                   help="table, json or markdown.")] = VerifyFormat.table,  # type: ignore
    output: Annotated[Path | None, typer.Option("--output", "-o",
                      help="Write the report to this file (atomically) instead of stdout.")] = None,
    list_only: Annotated[bool, typer.Option("--list", help="List claim ids and exit.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Table of every claim, not "
                       "only the unexpected ones.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Worker processes that run "
                    "the claims (default: one per usable core; 1 runs them one after the other "
                    "in this process). The report is the same for any number.")] = None,
) -> None:
    """Check the library's theorem claims on generated instances and report their status."""
    fmt = as_format(fmt)
    check_output_path(output, "--output")
    if jobs is not None:
        check_jobs(jobs, "--jobs")
    if list_only:
        for c in all_claims():
            print(f"{c.id}\t{c.expected.value}\t{c.statement}")
        return
    claims = []
    for cid in claim or []:
        matched = all_claims(prefix=cid) if cid.endswith(".") else [get_claim(cid)]
        if not matched:
            get_claim(cid)  # raises with suggestions
        claims.extend(matched)
    if not claim:
        claims = all_claims()
    n_jobs = default_jobs(len(claims)) if jobs is None else jobs
    total = sum((c.default_examples if examples is None else examples) for c in claims)
    check_limit(total, "claim_examples", "--examples")
    show = fmt is Format.table and output is None and err_console.is_terminal
    # workers are forked when the run starts: no refresh thread may run in this process then
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err_console, disable=not show,
                  transient=True, auto_refresh=n_jobs == 1) as bar:
        task = bar.add_task("verifying", total=2 * total)

        def advance(cid: str, k: int) -> None:
            bar.update(task, description=cid, advance=k, refresh=n_jobs > 1)

        reports = run_claims(claims, examples, seed, jobs=n_jobs, progress=advance)
    n_ok = sum(r.ok for r in reports)
    if fmt is Format.json:
        emit_json({
            "schema": SCHEMA, "seed": seed, "examples": examples,
            "summary": {"claims": len(reports), "ok": n_ok, "failed": len(reports) - n_ok},
            "claims": [r.to_dict() for r in reports],
        }, output)
    else:
        summary = f"{n_ok} of {len(reports)} claims as expected (seed {seed})"
        shown = reports if verbose else [r for r in reports if not r.ok]
        if not verbose:
            summary += (f"; {len(shown)} unexpected shown" if shown else "; none unexpected")
            summary += "; --verbose lists every claim"
        if shown:
            emit_report(fmt, f"benchgame verify: {summary}", COLUMNS, _rows(shown),
                        "" if fmt is Format.table and output is None else summary, output)
        else:
            rows, refuted = _families(reports)
            emit_report(fmt, f"benchgame verify: {summary}", FAMILY_COLUMNS, rows,
                        refuted if fmt is Format.table and output is None
                        else "\n".join(x for x in (summary, refuted) if x), output)
    if n_ok != len(reports):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("verify")(verify)

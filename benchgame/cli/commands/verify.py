"""``benchgame verify``: check registered claims and report expected versus found status.

JSON schema ``benchgame.verify/1``::

    {"schema": "benchgame.verify/1", "seed": int, "examples": int | null,
     "summary": {"claims": int, "ok": int, "failed": int},
     "claims": [ClaimReport.to_dict(), ...]}

Exit status 0 when every claim's found status equals its expected status (and, for claims
expected to hold, the violation probe found a counterexample), 1 otherwise, 2 on bad input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from benchgame.cli.output import Format, emit_json, emit_report, err_console
from benchgame.proofs_check import all_claims, get_claim, run_claim
from benchgame.proofs_check.runner import ClaimReport

SCHEMA = "benchgame.verify/1"


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
        rows.append([c.id, src, c.expected.value, r.found.value, "yes" if r.ok else "NO",
                     str(r.tried), detail])
    return rows


COLUMNS = ["claim", "source", "expected", "found", "ok", "tried", "counterexample / probe"]


def verify(
    claim: Annotated[list[str] | None, typer.Option("--claim", "-c",
                     help="Claim id, or an id prefix such as 'leaderboard.' (repeatable).")] = None,
    examples: Annotated[int | None, typer.Option("--examples", "-n", min=0,
                        help="Generated instances per claim (default: each claim's own).")] = None,
    seed: Annotated[int, typer.Option("--seed", "-s", min=0,
                    help="Run seed; the same seed reproduces every counterexample.")] = 0,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json or markdown.")]
    = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                      help="Write the report to this file (atomically) instead of stdout.")] = None,
    list_only: Annotated[bool, typer.Option("--list", help="List claim ids and exit.")] = False,
) -> None:
    """Check the library's theorem claims on generated instances and report their status."""
    if fmt is Format.csv:
        raise typer.BadParameter("verify supports table, json and markdown", param_hint="--format")
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
    total = sum((c.default_examples if examples is None else examples) for c in claims)
    reports: list[ClaimReport] = []
    show = fmt is Format.table and output is None and err_console.is_terminal
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err_console, disable=not show,
                  transient=True) as bar:
        task = bar.add_task("verifying", total=2 * total)
        for c in claims:
            bar.update(task, description=c.id)
            reports.append(run_claim(c, examples, seed,
                                     progress=lambda k: bar.advance(task, k)))
    n_ok = sum(r.ok for r in reports)
    if fmt is Format.json:
        emit_json({
            "schema": SCHEMA, "seed": seed, "examples": examples,
            "summary": {"claims": len(reports), "ok": n_ok, "failed": len(reports) - n_ok},
            "claims": [r.to_dict() for r in reports],
        }, output)
    else:
        summary = f"{n_ok} of {len(reports)} claims as expected (seed {seed})"
        emit_report(fmt, f"benchgame verify: {summary}", COLUMNS, _rows(reports),
                    "" if fmt is Format.table and output is None else summary, output)
    if n_ok != len(reports):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("verify")(verify)

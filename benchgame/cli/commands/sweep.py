"""``benchgame sweep SPEC.toml``: run a parameter sweep of a registered analysis on Dask.

The specification (layout in :mod:`benchgame.experiments.sweeps.spec`) names the analysis
(``leaderboard``, ``marketplace``, ``ecosystem``, ``claims`` or a user-registered one), the
parameter grid or random design, the seeds and the output Parquet file.
``benchgame sweep --example NAME`` runs a shipped specification
(``examples/sweep_NAME.toml``: leaderboard, designer, ecosystem, claims, marketplace, noisy),
writing its output in the current folder. ``--workers 1`` runs on Dask's synchronous scheduler,
``--workers N`` on an embedded LocalCluster of N processes, ``--scheduler ADDRESS`` on a running
dask.distributed cluster. Finished batches are stored as they complete; ``--resume`` continues an
interrupted sweep (the final table equals an uninterrupted run's; failed cells are computed again
unless ``--keep-failed``; a changed specification is refused), ``--overwrite`` replaces earlier
results once the new table is complete. One run at a time writes an output (a second is refused
with the pid of the first), and only files this tool wrote are ever replaced. A ``leaderboard``
specification with a ``[designer]`` table also reports the designer's search: the cheapest
candidate protocol that gives a unique equilibrium ranking by capability for the required
fraction of populations.

The Parquet table has one row per cell: ``cell`` (position), ``cell_id`` (stable hash of the
analysis, parameters and seed), every parameter, ``seed``, ``status`` (``ok`` | ``failed``),
``error``, the analysis' outcome columns (null for failed cells), ``seconds``.

JSON schema ``benchgame.sweep/1``::

    {"schema": "benchgame.sweep/1", "analysis": str, "output": str, "method": str,
     "summary": {"cells": int, "ok": int, "failed": int, "computed": int, "resumed": int,
                 "batch_size": int, "wall_seconds": float, "setup_seconds": float,
                 "compute_seconds": float, "cells_per_second": float | null},
     "outcomes": {column: {"kind": "float" | "int" | "bool" | "str", "count": int,
                           "mean": float | null, "min": float | null, "max": float | null,
                           "true_fraction": float | null,        # bool columns
                           "values": {str: int} | null}},        # str columns (top 10)
     "failures": [{"cell": int, "cell_id": str, "seed": int, "params": {...},
                   "error": str}],                               # at most 20
     "designer": null | {"chosen": {"protocol", "delta", "cap", "cost", "fraction"} | null,
                         "required_fraction": float, "cost": str, "reason": str,
                         "method": str,
                         "candidates": [{"protocol": str, "delta": float, "cap": float,
                                         "cost": float, "populations": int, "works": int,
                                         "undecided": int, "failed": int,
                                         "fraction": float, "meets": bool}]},
     "plot": str | null}

Exit status 0 when every cell succeeded, 3 when some cells failed (the table still holds every
cell), 2 on bad input (nothing written), 130 when interrupted (finished batches are kept for
``--resume``).
"""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from benchgame.cli.output import (
    Format,
    as_format,
    check_output_path,
    console,
    emit_json,
    err_console,
    formats,
    rich_table,
)
from benchgame.core.validation import InputError

SCHEMA = "benchgame.sweep/1"
SweepFormat = formats("SweepFormat", "table", "json")
EXAMPLES = ("leaderboard", "designer", "ecosystem", "claims", "marketplace", "noisy")
EXIT_FAILED_CELLS = 3
_MAX_FAILURES = 20


class _Rate(ProgressColumn):
    def render(self, task: Any) -> Text:
        speed = task.finished_speed or task.speed
        return Text("-- cells/s" if speed is None else f"{speed:.1f} cells/s")


def _num(x: Any) -> float | None:
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def outcome_summary(table: Any, analysis: Any) -> dict[str, dict]:
    """Per outcome column, over cells with status ok: count, mean/min/max (numbers), fraction
    true (bool), value counts (str)."""
    ok = table[table["status"] == "ok"]
    out = {}
    for name, o in analysis.outcomes.items():
        col = ok[name].dropna()
        d: dict[str, Any] = {"kind": o.kind.__name__, "count": int(len(col)), "mean": None,
                             "min": None, "max": None, "true_fraction": None, "values": None}
        if o.kind is bool and len(col):
            d["true_fraction"] = float(col.astype(bool).mean())
        elif o.kind in (int, float) and len(col):
            vals = col.astype(float)
            fin = vals[vals.map(math.isfinite)]
            d["mean"] = _num(fin.mean()) if len(fin) else None
            d["min"], d["max"] = float(vals.min()), float(vals.max())   # +-inf: JSON null
        elif o.kind is str and len(col):
            d["values"] = {str(k): int(v) for k, v in col.value_counts().head(10).items()}
        out[name] = d
    return out


def _fmt(x: Any) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.4g}"
    return str(x)


def _check_plot(plot: Path | None, x: str | None, y: str | None, outcome: str | None,
                analysis: Any) -> None:
    if plot is None:
        if x or y or outcome:
            raise InputError("--plot", "is missing while --x/--y/--outcome are given",
                             "add --plot out.png")
        return
    if x is None or outcome is None:
        raise InputError("--x", "and --outcome are required with --plot",
                         "e.g. --plot out.png --x delta --outcome works")
    for opt, name in (("--x", x), ("--y", y)):
        if name is not None and name not in analysis.parameters:
            raise InputError(opt, f"{name!r} is not a parameter of {analysis.name!r}",
                             f"use one of {', '.join(analysis.parameters)}")
    if outcome not in analysis.outcomes:
        raise InputError("--outcome", f"{outcome!r} is not an outcome of {analysis.name!r}",
                         f"use one of {', '.join(analysis.outcomes)}")
    if analysis.outcomes[outcome].kind is str:
        raise InputError("--outcome", f"{outcome!r} is a text column",
                         "choose a numeric or boolean outcome")
    check_output_path(plot, "--plot")


def sweep(
    spec: Annotated[Path | None, typer.Argument(help="Sweep specification (TOML).")] = None,
    example: Annotated[str | None, typer.Option("--example", "-e",
                       help="Run a shipped example specification instead: "
                       + ", ".join(EXAMPLES) + ".")] = None,
    workers: Annotated[int | None, typer.Option("--workers", "-w", min=1,
                       help="Local worker processes (1: Dask synchronous scheduler; "
                       "default: two cells are timed, then 1 for a sweep estimated under 10 s, "
                       "else one per CPU, with cells computed here until they are up).")]
    = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler",
                         help="Address of a running dask.distributed scheduler, "
                         "e.g. tcp://10.0.0.5:8786.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted sweep "
                      "with the same specification: keep stored cells, compute the others "
                      "(failed ones included).")] = False,
    keep_failed: Annotated[bool, typer.Option("--keep-failed", help="With --resume, keep "
                           "stored failed cells instead of computing them again.")] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace earlier results "
                         "(kept until the new table is complete).")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                      help="Parquet file to write (overrides the specification's output).")]
    = None,
    plot: Annotated[Path | None, typer.Option("--plot", help="Write a PNG of --outcome "
                    "against --x (line) or --x and --y (heat map).")] = None,
    x: Annotated[str | None, typer.Option("--x", help="Parameter on the x axis.")] = None,
    y: Annotated[str | None, typer.Option("--y", help="Parameter on the y axis (heat map).")]
    = None,
    outcome: Annotated[str | None, typer.Option("--outcome", help="Outcome column to plot.")]
    = None,
    fmt: Annotated[SweepFormat, typer.Option("--format", "-f",  # type: ignore[valid-type]
                   help="table or json.")] = SweepFormat.table,  # type: ignore
    allow_imports: Annotated[bool, typer.Option("--allow-imports", help="Import the Python "
                             "modules the specification lists under imports (this runs their "
                             "code: only for files you trust).")] = False,
) -> None:
    """Run a parameter sweep (grid or random design x seeds) of an analysis on Dask."""
    try:
        if keep_failed and not resume:
            raise InputError("--keep-failed", "only applies with --resume",
                             "add --resume or drop --keep-failed")
        code = _run(_spec_path(spec, example), workers, scheduler, resume, overwrite, output,
                    plot, x, y, outcome, as_format(fmt), allow_imports, keep_failed)
    except InputError as exc:
        err_console.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        said = ("interrupted: the earlier results are unchanged; rerun with --overwrite to "
                "replace them" if overwrite else
                "interrupted: finished batches are kept; rerun with --resume to continue")
        err_console.print(said, markup=False, highlight=False)
        raise typer.Exit(130) from None
    if code:
        raise typer.Exit(code)


def _spec_path(spec: Path | None, example: str | None) -> Path:
    if (spec is None) == (example is None):
        raise InputError("SPEC", "give exactly one of SPEC.toml and --example",
                         "e.g. `benchgame sweep --example leaderboard`")
    if spec is not None:
        return spec
    if example not in EXAMPLES:
        raise InputError("--example", f"unknown example {example!r}",
                         f"use one of {', '.join(EXAMPLES)}")
    return Path(str(resources.files("benchgame.examples").joinpath(f"sweep_{example}.toml")))


def _run(spec_path: Path, workers: int | None, scheduler: str | None, resume: bool,
         overwrite: bool, output: Path | None, plot: Path | None, x: str | None, y: str | None,
         outcome: str | None, fmt: Format, allow_imports: bool = False,
         keep_failed: bool = False) -> int:
    from benchgame.experiments.sweeps import load_spec, run_sweep, summarize_designer
    from benchgame.experiments.sweeps.plot import plot_sweep

    if fmt not in (Format.table, Format.json):
        raise InputError("--format", f"is {fmt.value}", "use table or json")
    sp = load_spec(spec_path, allow_imports=allow_imports)
    if output is not None:
        sp = sp.with_output(output)
    analysis = sp.get_analysis()
    _check_plot(plot, x, y, outcome, analysis)
    show = fmt is Format.table and err_console.is_terminal
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  _Rate(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                  console=err_console, disable=not show, transient=True) as bar:
        tasks: list[Any] = []

        def progress(done: int, total: int) -> None:
            if not tasks:
                tasks.append(bar.add_task(f"sweep {sp.analysis}", total=total, completed=done))
            else:
                bar.update(tasks[0], completed=done)

        res = run_sweep(sp, workers=workers, scheduler=scheduler, resume=resume,
                        overwrite=overwrite, progress=progress, keep_failed=keep_failed)
    table = res.table
    designer = None
    if sp.designer is not None:
        designer = summarize_designer(table, **sp.designer)
    plot_path = None
    if plot is not None:
        plot_sweep(table, plot, x=x, y=y, outcome=outcome,
                   parameters=tuple(analysis.parameters),
                   words={k: v.doc for k, v in {**analysis.parameters,
                                                **analysis.outcomes}.items()})
        plot_path = str(plot)
    failed = table[table["status"] == "failed"]
    failures = [{"cell": int(r["cell"]), "cell_id": r["cell_id"], "seed": int(r["seed"]),
                 "params": {k: r[k] for k in analysis.parameters}, "error": r["error"]}
                for _, r in failed.head(_MAX_FAILURES).iterrows()]
    wall = res.timings["wall"]
    summary = {"cells": res.cells, "ok": res.cells - res.failed, "failed": res.failed,
               "computed": res.computed, "resumed": res.resumed, "batch_size": res.batch_size,
               "wall_seconds": wall, "setup_seconds": res.timings["setup"],
               "compute_seconds": res.timings["compute"],
               "cells_per_second": res.computed / wall if wall > 0 and res.computed else None}
    outcomes = outcome_summary(table, analysis)
    if fmt is Format.json:
        emit_json({"schema": SCHEMA, "analysis": sp.analysis, "output": str(res.path),
                   "method": res.method, "summary": summary, "outcomes": outcomes,
                   "failures": failures,
                   "designer": None if designer is None else designer.to_dict(),
                   "plot": plot_path})
    else:
        _print_tables(sp, res, summary, outcomes, failures, designer, plot_path)
    return EXIT_FAILED_CELLS if res.failed else 0


def _print_tables(sp: Any, res: Any, summary: dict, outcomes: dict, failures: list,
                  designer: Any, plot_path: str | None) -> None:
    rows = [[k.replace("_", " "), _fmt(v)] for k, v in summary.items()]
    rows.append(["method", res.method])
    rows.append(["table", str(res.path)])
    console.print(rich_table(f"benchgame sweep: {sp.analysis}", ["", "value"], rows))
    orows = []
    for name, d in outcomes.items():
        if d["kind"] == "bool":
            stat = f"true in {d['true_fraction']:.3f} of {d['count']}" if d["count"] else "-"
        elif d["kind"] == "str":
            stat = ", ".join(f"{k} ({v})" for k, v in list((d["values"] or {}).items())[:4])
        else:
            stat = (f"mean {_fmt(d['mean'])}, min {_fmt(d['min'])}, max {_fmt(d['max'])}"
                    if d["count"] else "-")
        orows.append([name, d["kind"], stat])
    console.print(rich_table("outcomes (cells with status ok)", ["column", "kind", "summary"],
                             orows))
    if failures:
        frows = [[f["cell"], f["seed"], ", ".join(f"{k}={v}" for k, v in f["params"].items()),
                  f["error"]] for f in failures]
        console.print(rich_table(f"failed cells ({res.failed})", ["cell", "seed", "parameters",
                                                                   "error"], frows))
    if designer is not None:
        drows = [[r["protocol"], _fmt(r["delta"]),
                  _fmt(r["cap"]) if r["protocol"] == "effort_cap" else "-", _fmt(r["cost"]),
                  f"{r['works']}/{r['populations']}", f"{r['fraction']:.3f}", r["undecided"],
                  "yes" if r["meets"] else "no"]
                 for r in designer.candidates.to_dict(orient="records")]
        console.print(rich_table("designer's search (cheapest first)",
                                 ["protocol", "delta", "cap", "cost", "works", "fraction",
                                  "undecided", "meets"], drows))
        console.print(f"designer: {designer.reason}", markup=False, highlight=False,
                      soft_wrap=True)
    if plot_path:
        console.print(f"plot written to {plot_path}", markup=False, highlight=False)
    if res.failed:
        console.print(f"{res.failed} of {res.cells} cells failed (exit status "
                      f"{EXIT_FAILED_CELLS}); their errors are in the table's error column",
                      markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    app.command("sweep")(sweep)

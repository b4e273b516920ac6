"""``benchgame ecosystem``: concentration metrics of a benchmark table, and the agent-based
simulation of benchmark entry, inflow shocks and over-fitting penalties (arXiv:2510.01286).

``benchgame ecosystem metrics [TABLE.csv]`` computes, on the bundled table of real benchmarks (or
a CSV in the same format), the betweenness share :math:`S_q` and path coverage :math:`C_q` of the
benchmark-institution graph, Gini / HHI / top-k share of authority rolled up to institutions and
countries, and country shares in fractional and whole counting.

JSON schema ``benchgame.ecosystem.metrics/1``::

    {"schema": "benchgame.ecosystem.metrics/1", "table": str,
     "n_benchmarks": int, "n_institutions": int, "n_countries": int,
     "n_nodes": int, "n_edges": int, "authority": "output" | "betweenness", "k": int,
     "betweenness": {"q": float, "n_nodes": int, "k": int, "share": float, "coverage": float,
                     "top_nodes": [str], "total_betweenness": float, "method": str},
     "institutions": {"gini": float, "hhi": float, "top_k_share": float, "k": int, "n": int,
                      "total": float},
     "countries": {...same keys...},
     "country_shares": {"fractional": {ISO2: float}, "whole": {ISO2: float}},
     "top_countries": {"fractional": float, "whole": float},
     "paper": {"source": str, "comparable": false, "reason": str,
               "figures": {"betweenness_share" | "top3_country_share" | "authority_gini":
                           {"paper": float, "relation": "=" | ">", "statistic": str,
                            "metric": str, "this_table": float, ...}}}}

``paper`` holds the figures the paper reports (abstract: more than 0.80 of high-betweenness
paths through the top 15% of nodes, 0.83 of benchmark outputs from three countries, an authority
Gini of 0.89) next to this table's value of the corresponding metric (``metric`` is its key
path, e.g. ``institutions.gini``), and why they are not comparable: the bundled table is a small
independent sample of 43 benchmarks, not the paper's list. The table and markdown formats show
the same figures in a ``paper`` column and the reason under the table.

``benchgame ecosystem simulate`` runs parameter sweeps of the simulation over R seeds (common
random numbers) and reports, per setting, each metric's final value (mean over the last ``tail``
steps) with a Student-t 95% interval over seeds. Sweeps come from ``--entry``, ``--penalty``,
``--shock`` (comma-separated values) or a TOML file (``--config``) with a ``[params]`` table of
base parameters and a ``[sweep]`` table mapping parameter names to value lists; ``--set
name=value`` overrides base parameters.

JSON schema ``benchgame.ecosystem.simulate/1``::

    {"schema": "benchgame.ecosystem.simulate/1",
     "base": {<EcosystemParams fields>}, "seeds": [int], "tail": int,
     "interval": "Student-t 95% interval of the mean over seeds",
     "sweeps": [{"parameter": str, "values": [number],
                 "summary": [{"value": number,
                              "<metric>_mean": float, "<metric>_lo": float,
                              "<metric>_hi": float, ...}],
                 "trajectories": [{"value": number, "step": int, "<metric>_mean": float,
                                   "<metric>_lo": float, "<metric>_hi": float, ...}]
                                 # only with --trajectories
                }]}

with metrics ``gini, top15_share, hhi, coordination, discriminative_power, n_live,
n_benchmarks`` (NaN intervals are written as null). ``--format csv`` writes the summaries as one
table with a leading ``parameter`` column. ``--plot out.png`` draws Gini and coordination over
time with their 95% bands, one row per sweep.

Exit status 0 on success, 2 on bad input.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from benchgame.cli.output import Format, check_output_path, emit_json, emit_report, err_console
from benchgame.core.atomic import atomic_write
from benchgame.core.limits import check_limit
from benchgame.core.validation import InputError

METRICS_SCHEMA = "benchgame.ecosystem.metrics/1"
SIMULATE_SCHEMA = "benchgame.ecosystem.simulate/1"

eco_app = typer.Typer(help="Benchmark ecosystem concentration: metrics and the agent-based "
                           "simulation.", no_args_is_help=True)


def _csv(columns: list[str], rows: list[list[Any]], output: Path | None) -> None:
    import csv

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    w.writerows(rows)
    if output is None:
        print(buf.getvalue(), end="")
    else:
        atomic_write(output, buf.getvalue())


def _f(x: float, digits: int = 4) -> str:
    text = "nan" if not math.isfinite(x) else f"{x:.{digits}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text  # no "-0.000"


@eco_app.command("metrics")
def metrics_command(
    table: Annotated[Path | None, typer.Argument(help="Benchmark table CSV (default: the "
                                                 "bundled table of real benchmarks).")] = None,
    q: Annotated[float, typer.Option("--q", help="Top fraction of nodes for the betweenness "
                                     "share.")] = 0.15,
    k: Annotated[int, typer.Option("--k", min=1, help="Top-k for institution and country "
                                   "shares.")] = 3,
    authority: Annotated[str, typer.Option("--authority", help="Authority rolled up to "
                                           "institutions: output or betweenness.")] = "output",
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json, csv or markdown.")]
    = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                      help="Write the report to this file (atomically).")] = None,
    plot: Annotated[Path | None, typer.Option("--plot", "-p", help="PNG of the Lorenz curves "
                    "of authority over institutions and countries.")] = None,
) -> None:
    """Concentration metrics of a benchmark table (bundled real benchmarks by default)."""
    from benchgame.analyses.ecosystem.metrics import ecosystem_metrics, paper_comparison
    from benchgame.benchmarks_data.ecosystem import (
        bundled_benchmark_table_path,
        load_benchmark_table,
    )

    check_output_path(output, "--output")
    check_output_path(plot, "--plot")
    bundled_path = bundled_benchmark_table_path()
    path = table if table is not None else bundled_path
    frame = load_benchmark_table(path)
    m = ecosystem_metrics(frame, q=q, k=k, authority=authority)
    paper = paper_comparison(m, bundled=path.resolve() == bundled_path.resolve())
    if plot is not None:
        from benchgame.analyses.ecosystem.metrics import authority_holdings
        from benchgame.analyses.ecosystem.plot import plot_lorenz

        inst, ctry, label = authority_holdings(frame, authority)
        plot_lorenz({"institutions": inst, "countries": ctry}, plot,
                    title=f"Concentration of benchmark authority ({label}) in {path.name}, "
                          f"{m.n_benchmarks} benchmarks")
    if fmt is Format.json:
        emit_json({"schema": METRICS_SCHEMA, "table": path.name, **m.to_dict(),
                   "paper": paper}, output)
        return
    fig = paper["figures"]

    def reported(key: str, note: str = "") -> str:
        f = fig[key]
        return ("> " if f["relation"] == ">" else "") + f"{f['paper']:.2f}" + note

    top3 = reported("top3_country_share", "" if m.k == 3 else " (top 3)")
    rows: list[list[Any]] = [
        ["benchmarks", m.n_benchmarks, ""], ["institutions", m.n_institutions, ""],
        ["countries", m.n_countries, ""], ["graph nodes", m.n_nodes, ""],
        ["graph edges", m.n_edges, ""],
        [f"betweenness share S_{q:g} (top {m.betweenness.k} nodes)", _f(m.betweenness.share),
         reported("betweenness_share", "" if q == 0.15 else " (q = 0.15)")],
        [f"path coverage C_{q:g}", _f(m.betweenness.coverage), ""],
        [f"institution Gini ({m.authority})", _f(m.institutions.gini),
         reported("authority_gini", " (authority Gini)")],
        ["institution HHI", _f(m.institutions.hhi), ""],
        [f"institution top-{m.k} share", _f(m.institutions.top_k_share), ""],
        [f"country Gini ({m.authority})", _f(m.countries.gini), ""],
        ["country HHI", _f(m.countries.hhi), ""],
        [f"top-{m.k} country share (fractional)", _f(m.top_countries_fractional), top3],
        [f"top-{m.k} country share (whole counting: a benchmark counts for each of its "
         "countries, so this can exceed 1)", _f(m.top_countries_whole), top3],
    ]
    for c, v in m.country_shares_fractional.items():
        rows.append([f"country share {c} (fractional / whole)",
                     f"{_f(v)} / {_f(float(m.country_shares_whole[c]))}", ""])
    if fmt is Format.csv:
        _csv(["metric", "value"], [r[:2] for r in rows], output)
        return
    summary = ("top betweenness nodes: " + ", ".join(m.betweenness.top_nodes[:5])
               + (" ..." if len(m.betweenness.top_nodes) > 5 else "")
               + f"\npaper column: figures reported by {paper['source']}; not comparable: "
               + paper["reason"] + ".")
    emit_report(fmt, f"ecosystem metrics: {path.name}",
                ["metric", "value", "paper (arXiv:2510.01286)"], rows, summary, output)


def _values(text: str | None, option: str) -> tuple[float, ...] | None:
    if text is None:
        return None
    try:
        vals = tuple(float(x) for x in text.split(",") if x.strip())
    except ValueError:
        raise InputError(option, f"is {text!r}", "give comma-separated numbers, e.g. "
                         "0.5,1,2,4") from None
    if not vals:
        raise InputError(option, "is empty", "give at least one value")
    return vals


def _coerce(name: str, raw: Any, field: str | None = None) -> Any:
    """One value of simulation parameter ``name`` (text from ``--set`` or a TOML value), checked
    to be a finite number (an integer for integer parameters) before anything uses it."""
    from benchgame.analyses.ecosystem.simulation_params import EcosystemParams

    fields = EcosystemParams.__dataclass_fields__
    field = field or f"parameter {name!r}"
    if name not in fields:
        raise InputError(field, "is not a simulation parameter", f"use one of {sorted(fields)}")
    if isinstance(raw, str):
        if name == "live_window" and raw.strip().lower() in ("none", "all"):
            return None
        try:
            raw = float(raw)
        except ValueError:
            raise InputError(field, f"value {raw!r} is not a number", "give a number") from None
    if isinstance(raw, bool) or not isinstance(raw, (int, float)):
        raise InputError(field, f"is {raw!r}, not a number",
                         "give one number (several values go in [sweep] or --entry/--penalty/"
                         "--shock)")
    if not math.isfinite(raw):
        raise InputError(field, f"is {raw!r}", "give a finite number")
    if fields[name].type in ("int", "int | None"):
        if raw != int(raw):
            raise InputError(field, f"value {raw!r} is not an integer", "give an integer")
        return int(raw)
    return float(raw)


def _load_config(path: Path) -> tuple[dict, dict]:
    from benchgame.core.toml_file import read_toml

    data = read_toml(path, "--config", "TOML file with [params] and [sweep]")
    unknown = sorted(set(data) - {"params", "sweep"})
    if unknown:
        raise InputError(path.name, f"has unknown table(s) {unknown}",
                         "use [params] and [sweep]")
    for table in ("params", "sweep"):
        if not isinstance(data.get(table, {}), dict):
            raise InputError(f"{path.name}: [{table}]", f"is {data[table]!r}, not a table",
                             f"write a [{table}] section of name = value lines")
    params = {k: _coerce(k, v, f"{path.name}: [params] {k}")
              for k, v in data.get("params", {}).items()}
    sweeps = {}
    for k, v in data.get("sweep", {}).items():
        if not isinstance(v, list) or not v:
            raise InputError(f"{path.name}: [sweep] {k}", f"is {v!r}",
                             "give a non-empty list of values")
        sweeps[k] = tuple(_coerce(k, x, f"{path.name}: [sweep] {k}") for x in v)
    return params, sweeps


def _check_settings(base: Any, sweeps: dict[str, tuple], seeds: int) -> None:
    """Every swept setting is valid, a swept shock has a duration, and the total work is within
    the limits, all before the first run."""
    runs = [base.with_(**{name: v}) for name, vals in sweeps.items() for v in vals]
    if ("shock_duration" not in sweeps and base.shock_duration == 0
            and any(p.shock_size > 0 for p in runs)):
        raise InputError("shock_duration", "is 0, so no step is shocked and the shock size has "
                         "no effect", "give the shock a length and a start, e.g. --set "
                         "shock_duration=10 --set shock_start=20")
    check_limit(seeds * sum(p.steps for p in runs), "simulation_steps", "--seeds x steps")


SUMMARY_METRICS = {"gini": "Gini of adoption", "top15_share": "top-15% share",
                   "hhi": "HHI", "coordination": "coordination",
                   "discriminative_power": "discriminative power", "n_live": "live benchmarks"}
"""The simulation's summary metrics in the table, by column name."""


@eco_app.command("simulate")
def simulate_command(
    entry: Annotated[str | None, typer.Option("--entry", help="Sweep the entry rate lambda0 "
                                              "over these values, e.g. 0.5,1,2,4.")] = None,
    penalty: Annotated[str | None, typer.Option("--penalty", help="Sweep the over-fitting "
                                                "penalty kappa, e.g. 0,1,2.")] = None,
    shock: Annotated[str | None, typer.Option("--shock", help="Sweep the inflow shock size F, "
                                              "e.g. 0,10 (set shock_start / shock_duration "
                                              "with --set).")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="TOML with \\[params] and "
                                                 "\\[sweep] tables.")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Base parameter name=value "
                                                   "(repeatable), e.g. steps=100.")] = None,
    seeds: Annotated[int, typer.Option("--seeds", "-r", min=2, help="Seeds per setting.")] = 30,
    seed: Annotated[int, typer.Option("--seed", "-s", min=0, help="First seed.")] = 0,
    tail: Annotated[int, typer.Option("--tail", min=1, help="Final steps averaged for the "
                                      "final value.")] = 20,
    trajectories: Annotated[bool, typer.Option("--trajectories", help="Include per-step means "
                                               "in JSON output.")] = False,
    plot: Annotated[Path | None, typer.Option("--plot", help="Write Gini and coordination over "
                                              "time to this PNG (atomically).")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json, csv or markdown.")]
    = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                      help="Write the report to this file (atomically).")] = None,
) -> None:
    """Run the ecosystem simulation over parameter sweeps with intervals over seeds."""
    from benchgame.analyses.ecosystem.parameter_sweep import sweep
    from benchgame.analyses.ecosystem.simulation_params import EcosystemParams

    check_output_path(output, "--output")
    check_output_path(plot, "--plot")
    base_kw: dict[str, Any] = {}
    sweeps: dict[str, tuple] = {}
    if config is not None:
        base_kw, sweeps = _load_config(config)
    for item in set_ or []:
        if "=" not in item:
            raise InputError("--set", f"is {item!r}", "write name=value, e.g. steps=100")
        name, raw = item.split("=", 1)
        base_kw[name.strip()] = _coerce(name.strip(), raw.strip())
    for name, text, opt in (("entry_rate", entry, "--entry"), ("penalty", penalty, "--penalty"),
                            ("shock_size", shock, "--shock")):
        vals = _values(text, opt)
        if vals is not None:
            sweeps[name] = vals
    base = EcosystemParams(**base_kw)
    if not sweeps:
        sweeps = {"entry_rate": (base.entry_rate,)}
    _check_settings(base, sweeps, seeds)
    seed_list = list(range(seed, seed + seeds))
    total = sum(len(v) for v in sweeps.values()) * len(seed_list)
    show = fmt is Format.table and output is None and err_console.is_terminal
    results = []
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err_console, disable=not show,
                  transient=True) as bar:
        task = bar.add_task("simulating", total=total)
        for name, vals in sweeps.items():
            bar.update(task, description=f"sweep {name}")
            results.append(sweep(base, name, vals, seed_list, tail=tail,
                                 progress=lambda k: bar.advance(task, k)))
    if plot is not None:
        from benchgame.analyses.ecosystem.sweep_plot import plot_sweeps

        plot_sweeps(results, plot)
    if fmt is Format.json:
        sw = []
        for r in results:
            d = {"parameter": r.parameter, "values": list(r.values),
                 "summary": r.summary.to_dict(orient="records")}
            if trajectories:
                d["trajectories"] = r.trajectories.to_dict(orient="records")
            sw.append(d)
        emit_json({"schema": SIMULATE_SCHEMA, "base": base.to_dict(), "seeds": seed_list,
                   "tail": tail, "interval": results[0].interval, "sweeps": sw}, output)
        return
    if fmt is Format.csv:
        cols = ["parameter"] + list(results[0].summary.columns)
        rows = [[r.parameter] + list(rec) for r in results
                for rec in r.summary.itertuples(index=False)]
        _csv(cols, rows, output)
        return
    from benchgame.analyses.ecosystem.sweep_plot import PARAMETER_WORDS

    cols = ["setting"] + [f"{w} [95% CI]" for w in SUMMARY_METRICS.values()]
    rows = []
    for r in results:
        for rec in r.summary.to_dict(orient="records"):
            rows.append([f"{PARAMETER_WORDS.get(r.parameter, r.parameter)} = {rec['value']:g}"]
                        + [f"{_f(rec[f'{m}_mean'], 3)} [{_f(rec[f'{m}_lo'], 3)}, "
                           f"{_f(rec[f'{m}_hi'], 3)}]" for m in SUMMARY_METRICS])
    summary = (f"{len(seed_list)} seeds per setting (seeds {seed}..{seed + seeds - 1}); final "
               f"value = mean of the last {tail} steps; Student-t 95% intervals over seeds")
    emit_report(fmt, "ecosystem simulation", cols, rows, summary, output)


def register(app: typer.Typer) -> None:
    app.add_typer(eco_app, name="ecosystem")

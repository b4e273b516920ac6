"""``benchgame leaderboard``: equilibria of the leaderboard game under each protocol.

Reads a TOML configuration (layout in :mod:`benchgame.experiments.leaderboard_config`; shipped
examples via ``--example NAME``) and reports, per protocol, whether a pure Nash
equilibrium exists, whether it is unique and ranks the developers by capability (exact continuum
analysis, no grid), the adjacent catch-up efforts, and ranking-fidelity metrics; then the designer's
stabilizing threshold Delta* and the assumption checks. A second table sets the protocols side by
side under equilibrium play (:mod:`benchgame.experiments.leaderboard_play`): the unique pure
equilibrium where it is proved, a certified mixed equilibrium of the effort grid game otherwise,
with the expected Kendall tau, P(most capable ranks first), expected total and wasted effort,
each with its bound, and tune-before-test at the designer's certified Delta* as a last row.
With a designer's grid in ``[designer]`` (:mod:`benchgame.experiments.designer_config`) a third
table gives the cheapest candidate protocol reaching the fidelity target (grid-based).

JSON schema ``benchgame.leaderboard/1``::

    {"schema": "benchgame.leaderboard/1",
     "title": str, "source": str,
     "developers": [{"name": str, "theta": float}, ...],      # decreasing capability
     "contest": {...},                                         # Contest.to_dict()
     "assumptions": {"C1"|"C2"|"C3"|"convexity"|"S":
                     {"name", "holds": bool, "method": "symbolic"|"numeric",
                      "certificate": {...}, "witness": {...} | null, "tol"}},
     "designer": {"delta_star": float | null,                 # null = infinite or undecided
                  "delta_opt": float | null,                  # smallest Delta with a unique PNE
                  "exists": bool | null, "reason": str,       #   ranking by capability
                  "monotone_certified": bool, "method": str,
                  "pairs": [{"r", "delta_star", "mechanism", "delta_infeasible",
                             "e_req_at_zero", "reward_gap", "reason",
                             "bracket": [lo, hi] | null, ...}, ...]},  # certificate of
                                                              #   a finite delta_star
     "protocols": [{"label": str, "protocol": {...}, "delta": float,
                    "pure": {"status": "unique"|"none"|"undecided",
                             "exists": bool | null, "unique": bool | null,
                             "ranks_by_capability": bool | null,
                             "equilibria": [[float, ...], ...],  # efforts; "undecided" with
                             "method": str, "reason": str,       #   --grid-step: grid PNE
                                                                 #   certified in the continuum
                             "witness": {...} | null, "margins": [float, ...]},
                    "e_req": [float | null, ...],             # null = catch-up infeasible
                    "M": float | null,
                    "fidelity": {"state": "pure"|"mixed"|"no_equilibrium"|"undecided",
                                 "kendall_tau", "expected_tau", "p_exact_order",
                                 "p_top1_correct", "expected_inversions",
                                 "spearman_expected_ranks", "method", "reason"},
                    "mixed": {...} | null,                    # two developers, no PNE:
                                                              #   closed-form mixed equilibrium
                    "grid": {"step", "grid": {"e_max", "shape", "inserted", "notes",
                             "tie_tol"}, "profiles": [[float, ...], ...],
                             "continuum_pne": [bool, ...], "continuum_gaps": [[...]],
                             "artifacts": [int, ...]} | null,    # only with --grid-step
                    "equilibrium_play": PLAY},
                   ...],
     "play_settings": {"levels", "tol", "max_developers", "seconds"},
     "delta_star_play": {"label": str, "delta": float,         # tune-before-test at the
                         "equilibrium_play": PLAY} | null,     #   certified Delta*
     "designer_grid": {"chosen": {param: value, "cost", "fraction"} | null, "reason": str,
                       "metric", "target", "required_fraction", "cost", "settings",
                       "candidates": [...], "cells": [...]} | null,  # DesignerGrid.to_dict()
     "plot": str | null, "play_plot": str | null, "designer_plots": [str, ...] | null}

    PLAY = {"state": "pure"|"mixed"|"uncertified"|"skipped", "reason": str,
            "metrics": {"expected_tau"|"p_top1_correct"|"expected_total_effort"
                        |"expected_total_cost": {"value": float,
                                                 "bound": float | null}} | null,
            "exploitability": float | null,                  # sum of regrets (grid game)
            "target": float | null, "method": str | null, "iterations": int | null,
            "seconds": float | null, "grid": {"step", "levels", "e_max"},
            "certificate": {...} | null, "nearby_equilibrium": {"verified", "radius",
            "l1_radius", "reason"} | null, "developers": [{...}, ...], "source": str}

``bound`` is ``0`` for a proved pure equilibrium, the Newton-Kantorovich distance bound for a
mixed one, ``null`` when no distance certificate was obtained (the numbers then describe the
epsilon-equilibrium only). Mixed play is that of the grid game.

Non-finite numbers are written as ``null``. Exit status 0 on success, 2 on bad input (the message
names the configuration key and the fix).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from benchgame.cli.output import (
    Format,
    as_format,
    check_output_path,
    emit_json,
    emit_report,
    err_console,
    formats,
    markdown_table,
    rich_table,
)
from benchgame.core.atomic import atomic_write
from benchgame.core.validation import InputError

SCHEMA = "benchgame.leaderboard/1"
LeaderboardFormat = formats("LeaderboardFormat", "table", "json", "markdown")
PLAY_TITLE = "Equilibrium play by protocol (bounds: certified; mixed play on an effort grid)"
GRID_TITLE = "Designer's grid: candidates cheapest first (grid-based, equilibrium play)"
COLUMNS = ["protocol", "Delta", "pure NE", "unique", "ranks by capability", "M(Delta)",
           "fidelity", "witness / reason"]


def _fmt(x: Any) -> str:
    if x is None:
        return "-"
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, float):
        return "inf" if math.isinf(x) else f"{x:.6g}"
    return str(x)


def analyze_config(cfg: Any, grid_step: float | None = None, play: Any = None) -> dict:
    """Run the analysis of a leaderboard configuration; returns the JSON payload (without
    ``schema`` and the plot paths). With ``grid_step`` every protocol's game is also discretized
    on an effort grid and its grid pure equilibria are re-checked in the continuum; ``play``
    (:class:`~benchgame.experiments.leaderboard_play.PlaySettings`, default settings when None)
    sets how equilibrium play is computed."""
    import numpy as np

    from benchgame.experiments.leaderboard_play import (
        PlaySettings,
        designer_level,
        protocol_play,
        solve_play,
    )
    from benchgame.experiments.noisy_report import noisy_fields
    from benchgame.games.leaderboard.assumptions import check_all
    from benchgame.games.leaderboard.designer import designer_choice
    from benchgame.games.leaderboard.fidelity import (
        pure_fidelity,
        two_player_fidelity,
        two_player_mixed_equilibrium,
    )
    from benchgame.games.leaderboard.pure_analysis import analyze_pure
    from benchgame.games.leaderboard.thresholds import adjacent_catch_up

    base = cfg.contest
    checks = check_all(base.family, base.theta, base.cost)
    c3 = checks["C3"] if checks["C3"].holds else None
    choice = designer_choice(base, delta_max=cfg.delta_max)
    st = choice.threshold
    play = PlaySettings() if play is None else play
    grid_of = None
    if grid_step is not None:  # the grid solvers load only when asked for
        from benchgame.games.leaderboard.discretized import discretize, grid_pure_equilibria
        def grid_of(c: Any) -> Any:
            return grid_pure_equilibria(discretize(c, grid_step))
    rows = []
    for spec in cfg.protocols:
        ct = base.with_protocol(spec.protocol)
        res = analyze_pure(ct, c3=c3, grid_fallback=None if grid_of is None
                           else lambda c: grid_of(c).profiles)
        ereq = adjacent_catch_up(ct)
        fid = pure_fidelity(ct, res)
        mixed = None
        if (res.status == "none" and ct.n == 2 and ct.tie == "capability"
                and float(ct.zero_scores()[0]) > float(ct.zero_scores()[1])):
            eq = two_player_mixed_equilibrium(ct)
            fid = two_player_fidelity(ct)
            mixed = {"payoffs": [eq.payoff_h, eq.payoff_l], "p_inversion": eq.p_inversion,
                     "atoms": [eq.atom_h, eq.atom_l], "reach": eq.reach, "method": eq.method}
        rows.append({
            "label": spec.label, "protocol": spec.protocol.to_dict(), "delta": ct.delta,
            "pure": {"status": res.status, "exists": res.exists, "unique": res.is_unique,
                     "ranks_by_capability": res.ranks_by_capability,
                     "equilibria": [e.tolist() for e in res.equilibria], "method": res.method,
                     "reason": res.reason,
                     "witness": None if res.witness is None else res.witness.to_dict(),
                     "margins": res.margins},
            "e_req": ereq, "M": float(np.min(ereq)), "fidelity": fid.to_dict(), "mixed": mixed,
            "grid": None if grid_of is None else grid_of(ct).to_dict(),
        })
        # noisy scores: the grid game decides the row, solved once for the row and the table
        solved = None if spec.protocol.deterministic else solve_play(ct, play, names=cfg.names)
        rows[-1]["equilibrium_play"] = protocol_play(ct, play, names=cfg.names, solved=solved)
        if not spec.protocol.deterministic:
            rows[-1].update(noisy_fields(ct, cfg.names, play=solved))
    level = designer_level(choice)
    star = None if level is None else {
        "label": f"tbt at Delta* = {level:.6g}", "delta": level,
        "equilibrium_play": protocol_play(base.at_level(level), play, names=cfg.names)}
    return {
        "title": cfg.title, "source": cfg.source,
        "developers": [{"name": nm, "theta": float(t)} for nm, t in zip(cfg.names, base.theta,
                                                                          strict=True)],
        "contest": base.to_dict(),
        "assumptions": {k: v.to_dict() for k, v in checks.items()},
        "designer": {"delta_star": st.delta_star, "delta_opt": choice.delta,
                     "exists": choice.exists, "reason": choice.reason,
                     "monotone_certified": st.monotone_certified, "method": st.method,
                     "pairs": [p.to_dict() for p in st.pairs]},
        "protocols": rows, "play_settings": play.to_dict(), "delta_star_play": star,
    }


def play_entries(payload: dict) -> list[tuple[str, dict]]:
    """``(label, equilibrium play)`` of every protocol, then tune-before-test at Delta*."""
    out = [(p["label"], p["equilibrium_play"]) for p in payload["protocols"]]
    star = payload["delta_star_play"]
    return out + ([] if star is None else [(star["label"], star["equilibrium_play"])])


def _table_rows(payload: dict) -> list[list[str]]:
    out = []
    for p in payload["protocols"]:
        pure, fid = p["pure"], p["fidelity"]
        if fid["state"] == "pure":
            f = f"tau = {_fmt(fid['kendall_tau'])}"
        elif fid["state"] == "noisy":
            f = (f"noisy, {fid['play']} play: E(tau) = {_fmt(fid['expected_tau'])}, "
                 f"P(best first) = {_fmt(fid['p_top1_correct'])}")
        elif fid["state"] == "mixed":
            f = (f"mixed: E(tau) = {_fmt(fid['expected_tau'])}, "
                 f"P(inversion) = {_fmt(fid['expected_inversions'])}")
        elif fid["state"] == "no_equilibrium":
            f = "no pure equilibrium (mixed play: see the play table)"
        else:
            f = fid["state"]
        w = pure["witness"]
        detail = w["summary"] if w else pure["reason"]
        if p.get("grid") is not None:
            g = p["grid"]
            detail += (f"; grid h = {g['step']:g}: {len(g['profiles'])} grid PNE, "
                       f"{len(g['artifacts'])} grid artifact(s)")
        out.append([p["label"], _fmt(p["delta"]), _fmt(pure["exists"]), _fmt(pure["unique"]),
                    _fmt(pure["ranks_by_capability"]), _fmt(p["M"]), f, detail])
    return out


def leaderboard(
    config: Annotated[Path | None, typer.Argument(help="TOML configuration file.")] = None,
    example: Annotated[str | None, typer.Option("--example", "-e",
                       help="Run a shipped example instead: w1, figure1, three, noisy or "
                       "designer.")] = None,
    plot: Annotated[Path | None, typer.Option("--plot", "-p",
                    help="Write a PNG of e_req_r(Delta), M(Delta) and equilibrium regions, "
                    "and beside it (name ending in _play) a PNG comparing the protocols' "
                    "ranking fidelity and wasted effort under equilibrium play.")] = None,
    fmt: Annotated[LeaderboardFormat, typer.Option(  # type: ignore[valid-type]
        "--format", "-f", help="table, json or markdown.")] = LeaderboardFormat.table,  # type: ignore
    output: Annotated[Path | None, typer.Option("--output", "-o",
                      help="Write the report to this file (atomically).")] = None,
    grid_step: Annotated[float | None, typer.Option("--grid-step",
                         help="Also enumerate pure equilibria on effort grids of this step "
                         "(n <= 3) and re-check them in the continuum.")] = None,
    allow_imports: Annotated[bool, typer.Option("--allow-imports", help="Import the Python "
                             "modules the configuration lists under imports, e.g. to register "
                             "your own protocols (this runs their code: only for files you "
                             "trust).")] = False,
    play_levels: Annotated[int, typer.Option("--play-levels", help="Effort-grid points for "
                           "equilibrium (mixed) play; 0 skips equilibrium play.")] = 50,
    play_tol: Annotated[float, typer.Option("--play-tol", help="Exploitability target of mixed "
                        "play, relative to the largest adjacent reward gap.")] = 1e-4,
    play_max_developers: Annotated[int, typer.Option("--play-max-developers", help="Skip "
                                   "equilibrium play (saying so) for more developers.")] = 8,
    play_seconds: Annotated[float, typer.Option("--play-seconds", help="Time limit of each "
                            "mixed solve; past it the best profile is reported, uncertified "
                            "if it misses the target.")] = 5.0,
) -> None:
    """Pure equilibria, uniqueness, ranking fidelity and Delta* of a leaderboard game, and what
    equilibrium play does under each protocol."""
    try:
        from benchgame.experiments.leaderboard_play import PlaySettings

        settings = _play_settings(PlaySettings, play_levels, play_tol, play_max_developers,
                                  play_seconds)
        _run(config, example, plot, as_format(fmt), output, grid_step, allow_imports, settings)
    except InputError as exc:
        err_console.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from None


def _play_settings(cls: Any, levels: int, tol: float, max_dev: int, seconds: float) -> Any:
    try:
        return cls(levels, tol, max_dev, seconds)
    except InputError as exc:
        option = {"levels": "--play-levels", "tol": "--play-tol",
                  "max_developers": "--play-max-developers", "seconds": "--play-seconds"}
        raise InputError(option.get(exc.field, exc.field), exc.problem, exc.fix) from None


def _play_plot_path(plot: Path | None) -> Path | None:
    return None if plot is None else plot.with_name(f"{plot.stem}_play{plot.suffix or '.png'}")


def _emit(fmt: Format, sections: list[tuple[str, list[str], list[list[str]]]], summary: str,
          output: Path | None) -> None:
    if output is None:
        for k, (title, columns, rows) in enumerate(sections):
            emit_report(fmt, title, columns, rows, summary if k == len(sections) - 1 else "")
        return
    from io import StringIO

    parts = []
    for title, columns, rows in sections:
        if fmt is Format.markdown:
            parts.append(f"{title}\n\n{markdown_table(columns, rows)}")
        else:
            buf = StringIO()
            Console(file=buf, width=200).print(rich_table(title, columns, rows))
            parts.append(buf.getvalue())
    atomic_write(output, "\n".join(parts) + (f"\n{summary}\n" if summary else ""))


def _run(config: Path | None, example: str | None, plot: Path | None, fmt: Format,
         output: Path | None, grid_step: float | None = None,
         allow_imports: bool = False, play: Any = None) -> None:
    from benchgame.examples import example_path
    from benchgame.experiments.leaderboard_config import load_config

    if fmt not in (Format.table, Format.json, Format.markdown):
        raise InputError("--format", f"is {fmt.value}", "use table, json or markdown")
    check_output_path(output, "--output")
    check_output_path(plot, "--plot")
    check_output_path(_play_plot_path(plot), "--plot")
    if (config is None) == (example is None):
        raise InputError("CONFIG", "give exactly one of CONFIG.toml and --example",
                         "e.g. `benchgame leaderboard --example w1`")
    cfg = load_config(example_path(example) if example else config,
                      allow_imports=allow_imports)
    if grid_step is not None and (not math.isfinite(grid_step) or grid_step <= 0):
        raise InputError("--grid-step", f"is {grid_step}", "give a positive grid step")
    if grid_step is not None and cfg.contest.n > 3:
        raise InputError("--grid-step", f"needs n <= 3 developers (config has "
                         f"{cfg.contest.n})", "drop --grid-step; the continuum analysis is exact")
    if grid_step is not None:  # the grid's size is refused before any analysis runs
        from benchgame.games.leaderboard.discretized import effort_grids

        effort_grids(cfg.contest, grid_step, insert_thresholds=False)
    spec = grid = None
    if cfg.designer_grid is not None:      # first: its bad keys are refused before the analysis
        from benchgame.experiments.designer_report import run_grid

        spec = cfg.designer_grid
        grid = run_grid(spec, cfg.contest)
    payload = analyze_config(cfg, grid_step, play)
    payload["designer_grid"] = None if grid is None else grid.to_dict()
    plot_path = play_plot = designer_plots = None
    if plot is not None:
        from benchgame.experiments.leaderboard_play_plot import plot_play
        from benchgame.games.leaderboard.plot import plot_designer

        ds = payload["designer"]["delta_star"]
        plot_path = str(plot_designer(cfg.contest, plot, delta_max=cfg.plot_delta_max,
                                      names=cfg.names, title=cfg.title, delta_star=ds))
        play_plot = str(plot_play(play_entries(payload), _play_plot_path(plot),
                                  title=cfg.title))
        if grid is not None:
            from benchgame.experiments.designer_report import plot_grid

            designer_plots = plot_grid(grid, list(spec.candidates), plot)
    if fmt is Format.json:
        emit_json({"schema": SCHEMA, **payload, "plot": plot_path, "play_plot": play_plot,
                   "designer_plots": designer_plots}, output)
        return
    d = payload["designer"]
    summary = (f"Delta* = {_fmt(d['delta_star'])}; designer: {d['reason']}"
               + (f"; plots written to {plot_path} and {play_plot}" if plot_path else ""))
    fails = [k for k, v in payload["assumptions"].items() if not v["holds"]]
    if fails:
        summary += f"; assumptions failing: {', '.join(fails)}"
    sections = [(f"benchgame leaderboard: {cfg.title}", COLUMNS, _table_rows(payload))]
    if payload["play_settings"]["levels"] > 0:
        from benchgame.experiments.leaderboard_play import PLAY_COLUMNS, play_table

        sections.append((PLAY_TITLE, PLAY_COLUMNS, play_table(play_entries(payload))))
        summary += "; " + _play_note(payload)
    if grid is not None:
        from benchgame.experiments.designer_report import GRID_COLUMNS, grid_table

        sections.append((GRID_TITLE, GRID_COLUMNS, grid_table(grid, list(spec.candidates))))
        summary += f"; designer's grid: {grid.reason}" + (
            f"; designer plots written to {', '.join(designer_plots)}" if designer_plots else "")
    _emit(fmt, sections, summary, output)


def _play_note(payload: dict) -> str:
    s = payload["play_settings"]
    note = (f"equilibrium play: mixed play on {s['levels']}-level effort grids, exploitability "
            f"target {s['tol']:g} x the largest reward gap; E(wasted effort) is the expected "
            "total cost in reward units")
    if payload["delta_star_play"] is None:
        note += "; no certified Delta*, so no tune-before-test row at Delta*"
    skipped = [lab for lab, p in play_entries(payload) if p["state"] == "skipped"]
    if skipped:
        note += f"; skipped: {', '.join(skipped)} ({play_entries(payload)[0][1]['reason']})"
    return note


def register(app: typer.Typer) -> None:
    app.command("leaderboard")(leaderboard)

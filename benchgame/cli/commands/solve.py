"""``benchgame solve GAME.nfg``: every equilibrium of a game in Gambit's ``.nfg`` format, with
certificates, completeness and uniqueness.

JSON schema ``benchgame.solve/1``::

    {"schema": "benchgame.solve/1",
     "game": {"title": str, "players": [str], "strategies": [[str]], "shape": [int]},
     "method": str, "scope": "mixed" | "pure", "complete": bool, "reason": str,
     "degenerate": bool | null, "unique": bool | null,   # null when the set is incomplete
     "components": [[int]],                               # indices into "equilibria"
     "equilibria": [{"strategies": [[float]], "exact_strategies": [[str]] (if exact),
                     "supports": [[int]], "payoffs": [float], "method": str,
                     "certificate": {"regrets": [float], "relative_regrets": [float],
                                     "tol": float, "passed": bool, "exploitability": float},
                     "exact_verification": {"ok": bool, "strategies": [[str]],
                                            "regrets": [str], "deviation": {...} | null,
                                            "source": str},
                     "provenance": {...}}]}

Exit status 0 when every equilibrium passes its float certificate and exact verification, 1
otherwise, 2 on bad input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from benchgame.cli.output import Format, emit_json, emit_report
from benchgame.core.validation import InputError

SCHEMA = "benchgame.solve/1"


def _fmt_strategy(e, i: int) -> str:
    if e.verify_exact().ok:
        return "(" + ", ".join(str(x) for x in e.verify_exact().strategies[i]) + ")"
    return "(" + ", ".join(f"{x:.6g}" for x in e.strategies[i]) + ")"


def solve_command(
    game_file: Annotated[Path, typer.Argument(help="A game in Gambit .nfg format (payoff or "
                                              "outcome version).")],
    method: Annotated[str, typer.Option("--method", "-m",
                      help="auto, pure, support, vertex, lemke_howson, zero_sum, or an "
                           "n-player method (regret_matching, fictitious_play, replicator).")]
    = "auto",
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json or markdown.")]
    = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                      help="Write the result to this file (atomically).")] = None,
) -> None:
    """Compute equilibria of GAME_FILE with certificates, completeness and uniqueness."""
    from benchgame.games.nfg import read_nfg
    from benchgame.games.solve import solve

    if not game_file.is_file():
        raise InputError("GAME_FILE", f"{str(game_file)!r} does not exist",
                         "give the path of a .nfg file")
    game = read_nfg(game_file)
    eqs = solve(game, method=method)
    failed = [k for k, e in enumerate(eqs) if not (e.certificate.passed and e.verify_exact().ok)]
    if fmt is Format.json:
        emit_json({
            "schema": SCHEMA,
            "game": {"title": game.title, "players": list(game.players),
                     "strategies": [list(s) for s in game.labels], "shape": list(game.shape)},
            **eqs.to_dict(exact=True),
        }, output)
    elif fmt is Format.csv:
        raise typer.BadParameter("solve supports table, json and markdown", param_hint="--format")
    else:
        cols = ["#"] + [f"player {p}" for p in game.players] + ["payoffs", "max regret",
                                                                  "exact check"]
        rows = []
        for k, e in enumerate(eqs):
            ex = e.verify_exact()
            rows.append([k] + [_fmt_strategy(e, i) for i in range(game.num_players)]
                        + [", ".join(f"{u:.6g}" for u in e.payoffs),
                           f"{e.certificate.max_regret:.3g}",
                           "ok" if ex.ok else f"FAILS ({ex.deviation.label} gains "
                                              f"{float(ex.deviation.gain):.3g})"])
        unique = ("yes" if eqs.is_unique else "no") if eqs.complete else "undecided"
        summary = (f"{len(eqs)} equilibria by {eqs.method}; complete: {eqs.complete} "
                   f"({eqs.reason}); degenerate: {eqs.degenerate}; unique: {unique}")
        if eqs.components:
            summary += "; components: " + " ".join(
                "{" + ",".join(str(i) for i in c) + "}" for c in eqs.components)
        emit_report(fmt, game.title or str(game_file), cols, rows, summary, output)
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("solve")(solve_command)

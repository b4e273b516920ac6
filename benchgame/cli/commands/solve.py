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
                                            "regrets": [str], "max_regret_float": float,
                                            "deviation": {...} | null,
                                            "source": "algorithm" | "floats",
                                            "nearby": {... "source": "support",
                                                       "distance": float} | null},
                     "provenance": {...}}],
     "near_equilibria": [...]}                            # near-ties, same fields; not members

Every row of the table is the returned profile: its strategies (exact fractions when its exact
check passes, else the returned floats), its payoffs, its float regret and its exact check. The
exact check is about that profile (the algorithm's exact strategies, or the exact value of the
returned floats); an exact equilibrium solved from its supports, when it is a different profile,
is shown after it and labelled as such, never in its place. Near-ties (profiles that a
tolerance accepts but that are not exact equilibria) are listed under the table, not as
equilibria.

Exit status 0 when every listed profile passes its float certificate and its exact verification
(every exact regret zero), 1 otherwise (so approximate methods exit 1 unless their profile is an
exact equilibrium), 2 on bad input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import numpy as np
import typer

from benchgame.cli.output import (
    Format,
    as_format,
    check_output_path,
    emit_json,
    emit_report,
    formats,
)
from benchgame.core.validation import InputError

SCHEMA = "benchgame.solve/1"
SolveFormat = formats("SolveFormat", "table", "json", "markdown")


def _num(x) -> str:
    """An exact fraction when it is short, else its float to 6 significant digits."""
    text = str(x)
    return text if len(text) <= 13 else f"{float(x):.6g}"


def _fmt_strategy(e, i: int) -> str:
    """Player ``i``'s strategy of the returned profile by strategy name: the name of a pure
    strategy, else ``name: probability`` over the support (exact when it verified exactly)."""
    names = e.game.labels[i]
    probs = (e.verify_exact().strategies[i] if e.verify_exact().ok else e.strategies[i])
    shown = [(names[a], p) for a, p in enumerate(probs) if p != 0]
    if len(shown) == 1:
        return shown[0][0]
    return ", ".join(f"{nm}: {_num(p) if e.verify_exact().ok else f'{p:.6g}'}"
                     for nm, p in shown)


def _fmt_gain(game, dev) -> str:
    return (f"player {game.players[dev.player]} gains {float(dev.gain):.3g} by playing "
            f"{dev.label}")


def _fmt_check(e) -> str:
    """The exact check of the returned profile, then any nearby exact profile, labelled."""
    ex = e.verify_exact()
    if ex.ok:
        return "ok"
    text = f"FAILS: exact max regret {float(ex.max_regret):.3g} ({_fmt_gain(e.game, ex.deviation)})"
    near = ex.nearby
    if near is not None:
        strat = " ".join("(" + ", ".join(_num(x) for x in s) + ")" for s in near.strategies)
        verdict = ("an exact equilibrium" if near.ok
                   else f"not an equilibrium either (max regret {float(near.max_regret):.3g})")
        text += (f"; a different profile, solved from its supports, {strat} at distance "
                 f"{near.distance:.3g}, is {verdict}")
    return text


def _fmt_near(eqs) -> str:
    """Near-ties: profiles a tolerance accepts that are not equilibria."""
    items = []
    for e in eqs.near_equilibria:
        ex = e.verify_exact()
        if e.is_pure:
            prof = "(" + ", ".join(e.game.labels[i][a] for i, a in enumerate(e.pure_profile()))
        else:
            prof = "(" + " ".join(f"{np.round(s, 6).tolist()}" for s in e.strategies)
        items.append(f"{prof}) ({_fmt_gain(e.game, ex.deviation)})")
    return ("; near-ties within the tolerance, not equilibria: " + ", ".join(items)
            if items else "")


def solve_command(
    game_file: Annotated[Path, typer.Argument(help="A game in Gambit .nfg format (payoff or "
                                              "outcome version).")],
    method: Annotated[str, typer.Option("--method", "-m",
                      help="auto, pure, support, vertex, lemke_howson, zero_sum, or an "
                           "n-player method (regret_matching, fictitious_play, replicator).")]
    = "auto",
    fmt: Annotated[SolveFormat, typer.Option("--format", "-f",  # type: ignore[valid-type]
                   help="table, json or markdown.")] = SolveFormat.table,  # type: ignore
    output: Annotated[Path | None, typer.Option("--output", "-o",
                      help="Write the result to this file (atomically).")] = None,
) -> None:
    """Compute equilibria of GAME_FILE with certificates, completeness and uniqueness."""
    from benchgame.games.nfg import read_nfg
    from benchgame.games.solve import solve

    fmt = as_format(fmt)
    check_output_path(output, "--output")
    if not game_file.is_file():
        raise InputError("GAME_FILE", f"{str(game_file)!r} does not exist or is not a file",
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
    else:
        cols = ["#"] + [f"player {p}" for p in game.players] + ["payoffs", "max regret",
                                                                  "exact check"]
        rows = []
        for k, e in enumerate(eqs):
            rows.append([k + 1] + [_fmt_strategy(e, i) for i in range(game.num_players)]
                        + [", ".join(f"{u:.6g}" for u in e.payoffs),
                           f"{e.certificate.max_regret:.3g}", _fmt_check(e)])
        unique = ("yes" if eqs.is_unique else "no") if eqs.complete else "undecided"
        summary = (f"{len(eqs)} equilibri{'um' if len(eqs) == 1 else 'a'} by {eqs.method}; "
                   f"complete: {eqs.complete} "
                   f"({eqs.reason}); degenerate: {eqs.degenerate}; unique: {unique}"
                   + _fmt_near(eqs))
        if eqs.components:
            summary += "; connected components (by #): " + " ".join(
                "{" + ",".join(str(i + 1) for i in c) + "}" for c in eqs.components)
        emit_report(fmt, game.title or str(game_file), cols, rows, summary, output)
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("solve")(solve_command)

"""``benchgame mpg``: MPG Goodness ranking with credible intervals on the bundled ObsScaling table,
and its validation against arena ratings (correlations, bootstrap intervals, Williams' t against
MMLU alone).

The aggregation is the reconstruction of :mod:`benchgame.mechanisms.mpg` (tree, weights, priors
and item counts are project choices). The arena rating is, by default, a Bradley-Terry fit (ties
as half wins) on the bundled Chatbot Arena battle counts (``--arena bt``); ``--arena
obsscaling`` uses the table's own rescaled ``Arena-Elo`` column. Models are joined through the
reviewed alias table ``benchmarks_data/aliases.csv``.

``--scores FILE`` replaces the bundled table by the user's (read by
:func:`benchgame.benchmarks_data.score_table.read_score_table`): a CSV with a header
``model,<benchmark>,...`` and one row per model, model names unique; every cell a finite number
in [0, 1] or empty (a missing score). The columns must include the tree's leaf benchmarks
(bundled tree: ``MMLU, TruthfulQA, ARC-C, GSM8K, HumanEval, HellaSwag, Winogrande``; another tree
with ``--tree``) and ``MMLU``, the baseline of the validation; other columns are ignored. Example::

    model,MMLU,TruthfulQA,ARC-C,GSM8K,HumanEval,HellaSwag,Winogrande
    my-model-a,0.71,0.52,0.64,0.58,0.40,0.83,0.77

``--battles FILE`` (required with ``--scores``) gives the arena the Goodness is validated
against, as pairwise battle counts in the leaderbot JSON format
(:func:`benchgame.benchmarks_data.leaderbot.load_arena_battles`): ``{"models": [name, ...],
"X": [[i, j], ...], "Y": [[wins_i, wins_j, ties, both_bad], ...]}`` with 0-based ids into
``models``; the Bradley-Terry Elo fitted on it (``--ties``) joins the scores by exact model
name as column ``Arena BT Elo``. Models without battles are ranked but left out of the
validation. Bad files are one error line naming the file, the row and the column.

JSON schema ``benchgame.mpg/1``::

    {"schema": "benchgame.mpg/1", "method": str,
     "params": {"prior": [float, float], "draws": int, "level": float, "seed": int,
                "missing": str, "arena": str, "ties": str, "n_boot": int, "tree": str},
     "subdomains": [str],
     "ranking": [{"model": str, "rank": int, "goodness": float, "lo": float, "hi": float,
                  "subdomains": {name: {"mean": float, "lo": float, "hi": float}},
                  "arena": float | null, "mmlu": float}],
     "validation": {"arena": str, "aggregate": "Goodness", "baseline": "MMLU", "n": int,
                    "models": [str],
                    "correlations": [{"score": str, "coefficient": str, "estimate": float,
                                      "lo": float, "hi": float, "n": int}],
                    "comparison": [{"coefficient": str, "aggregate": float, "baseline": float,
                                    "difference": float, "lo": float, "hi": float,
                                    "p_bootstrap": float, "aggregate_beats_baseline": bool}],
                    "williams": {"t": float, "p": float, "df": int, "r12": float,
                                 "r13": float, "r23": float},
                    "method": str, "summary": str}}

``--format csv`` writes the ranking table (model, rank, goodness, lo, hi, subdomain means, arena,
MMLU). Exit status 0, or 2 on bad input.
"""

from __future__ import annotations

import enum
from io import StringIO
from pathlib import Path
from typing import Annotated, Any

import typer

from benchgame.cli.output import (
    Format,
    abbreviate,
    check_input_path,
    check_output_path,
    console,
    emit_json,
    fits,
    print_table,
)
from benchgame.core.atomic import atomic_write
from benchgame.core.limits import check_limit
from benchgame.core.validation import InputError

SCHEMA = "benchgame.mpg/1"


class ArenaSource(str, enum.Enum):
    bt = "bt"
    obsscaling = "obsscaling"


class Missing(str, enum.Enum):
    complete = "complete"
    renormalize = "renormalize"


class Ties(str, enum.Enum):
    half = "half"
    drop = "drop"
    half_ties_drop_both_bad = "half_ties_drop_both_bad"


def run_mpg(*, arena: str = "bt", ties: str = "half", missing: str = "complete",
            draws: int = 4000, seed: int = 0, n_boot: int = 2000, tree: Path | None = None,
            level: float = 0.95, scores: Path | None = None, battles: Path | None = None
            ) -> dict:
    """Compute the MPG ranking and the arena validation; return the ``benchgame.mpg/1`` payload
    (without the envelope) plus DataFrames under ``"_frames"``. With ``scores`` (and
    ``battles``) the user's table and arena fit replace the bundled ones."""
    from benchgame.analyses.arena import ARENA_COLUMN, obsscaling_with_arena, validate_against_arena
    from benchgame.mechanisms.mpg import load_tree, mpg_goodness

    taxonomy = load_tree(tree)  # a bad tree is refused before the data are loaded
    data = _user_data(scores, battles, arena, ties) if scores is not None \
        else obsscaling_with_arena(ties)  # type: ignore[arg-type]
    res = mpg_goodness(data, taxonomy, missing=missing, draws=draws, seed=seed,  # type: ignore
                       level=level)
    arena_col = ARENA_COLUMN if arena == "bt" else "Arena-Elo"
    arena_name = ARENA_COLUMN if arena == "bt" else "ObsScaling Arena-Elo (rescaled)"
    val = validate_against_arena(res.goodness, data[arena_col].rename(arena_name),
                                 data["MMLU"].rename("MMLU"), n_boot=n_boot, seed=seed,
                                 level=level)
    subs = [c.name for c in taxonomy.children]
    rank = res.ranking.join(res.subdomains).join(data[[arena_col, "MMLU"]])
    ranking = [{
        "model": m, "rank": int(r["rank"]), "goodness": r["goodness"], "lo": r["lo"],
        "hi": r["hi"],
        "subdomains": {s: {"mean": r[s], "lo": r[f"{s} lo"], "hi": r[f"{s} hi"]} for s in subs},
        "arena": r[arena_col], "mmlu": r["MMLU"],
    } for m, r in rank.iterrows()]
    corr = val.correlations.reset_index()
    comp = val.comparison.reset_index().rename(columns={"index": "coefficient"})
    return {
        "method": res.method,
        "params": {"prior": list(res.provenance["prior"]), "draws": draws, "level": level,
                   "seed": seed, "missing": missing, "arena": arena, "ties": ties,
                   "n_boot": n_boot, "tree": taxonomy.name if tree is None else str(tree)},
        "subdomains": subs,
        "ranking": ranking,
        "validation": {
            "arena": val.arena, "aggregate": val.aggregate, "baseline": val.baseline,
            "n": len(val.models), "models": list(val.models),
            "correlations": corr.to_dict(orient="records"),
            "comparison": comp.to_dict(orient="records"),
            "williams": val.williams, "method": val.method, "summary": val.summary(),
        },
        "_frames": {"ranking": rank, "arena_col": arena_col, "subs": subs},
    }


def _user_data(scores: Path, battles: Path | None, arena: str, ties: str) -> Any:
    """The user's score table with the arena Elo fitted from their battle counts."""
    from benchgame.analyses.arena.user_table import user_table_with_arena

    if arena != "bt":
        raise InputError("--arena", f"is {arena} with --scores", "use --arena bt and give "
                         "--battles FILE (the bundled Arena-Elo column belongs to ObsScaling)")
    if battles is None:
        raise InputError("--battles", "is missing with --scores", "give the battle counts "
                         "(leaderbot JSON) of the arena the Goodness is validated against")
    data = user_table_with_arena(scores, battles, ties=ties)  # type: ignore[arg-type]
    if "MMLU" not in data.columns:
        raise InputError(f"file {scores.name!r}, row 1", "has no MMLU column, the baseline "
                         "of the validation", "add the models' MMLU scores as a column MMLU")
    return data


def _ci(lo: float, hi: float, sep: str = ", ") -> str:
    return f"[{lo:.3f}{sep}{hi:.3f}]"


def mpg_command(
    arena: Annotated[ArenaSource, typer.Option("--arena", help="bt: Bradley-Terry fit on the "
                     "bundled battle counts; obsscaling: the table's rescaled Arena-Elo.")]
    = ArenaSource.bt,
    ties: Annotated[Ties, typer.Option("--ties", help="Tie rule of the Bradley-Terry fit.")]
    = Ties.half,
    missing: Annotated[Missing, typer.Option("--missing", help="complete: only models with "
                       "every benchmark; renormalize: reweight available leaves.")]
    = Missing.complete,
    draws: Annotated[int, typer.Option("--draws", min=100, help="Monte Carlo draws.")] = 4000,
    n_boot: Annotated[int, typer.Option("--n-boot", min=10, help="Bootstrap replicates.")]
    = 2000,
    seed: Annotated[int, typer.Option("--seed", "-s", min=0, help="Random seed.")] = 0,
    tree: Annotated[Path | None, typer.Option("--tree", help="Taxonomy tree JSON (default: "
                    "the bundled ObsScaling tree).")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json, csv or markdown.")]
    = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                      help="Write the result to this file (atomically).")] = None,
    plot: Annotated[Path | None, typer.Option("--plot", "-p", help="PNG of Goodness and MMLU "
                    "against the arena rating, with least-squares lines.")] = None,
    scores: Annotated[Path | None, typer.Option("--scores", help="Your score table: CSV "
                      "model,<benchmark>,... with the tree's leaf benchmarks and MMLU "
                      "(empty cells are missing).")] = None,
    battles: Annotated[Path | None, typer.Option("--battles", help="Battle counts for the "
                       "arena fit (leaderbot JSON: models, X pairs, Y counts), with --scores.")]
    = None,
) -> None:
    """MPG Goodness ranking with intervals, and its correlation with arena ratings vs MMLU."""
    import pandas as pd

    check_output_path(output, "--output")
    check_limit(n_boot, "draws", "--n-boot")
    check_output_path(plot, "--plot")
    check_input_path(scores, "--scores")
    check_input_path(battles, "--battles")
    out = run_mpg(arena=arena.value, ties=ties.value, missing=missing.value, draws=draws,
                  seed=seed, n_boot=n_boot, tree=tree, scores=scores, battles=battles)
    frames = out.pop("_frames")
    rank: pd.DataFrame = frames["ranking"]
    subs: list[str] = frames["subs"]
    if plot is not None:
        from benchgame.analyses.arena.plot import plot_against_arena

        val = out["validation"]
        plot_against_arena(rank, frames["arena_col"], plot, correlations=val["correlations"],
                           summary=val["summary"].split(" Rank correlations")[0])
    if fmt is Format.json:
        emit_json({"schema": SCHEMA, **out}, output)
        return
    if fmt is Format.csv:
        cols = ["rank", "goodness", "lo", "hi", *subs, frames["arena_col"], "MMLU"]
        buf = StringIO()
        rank[cols].to_csv(buf, float_format="%.6g")
        if output is None:
            print(buf.getvalue(), end="")
        else:
            atomic_write(output, buf.getvalue())
        return
    v = out["validation"]
    acol = frames["arena_col"]

    def arena_cell(x: float) -> str:
        return "-" if pd.isna(x) else f"{x:.0f}" if acol == "Arena BT Elo" else f"{x:.3f}"

    rows = [[int(r["rank"]), m, f"{r['goodness']:.3f}", _ci(r["lo"], r["hi"], ","),  # one word
             *[f"{r[s]:.3f}" for s in subs], arena_cell(r[acol]), f"{r['MMLU']:.3f}"]
            for m, r in rank.iterrows()]
    rcols = ["rank", "model", "Goodness", "95% CrI", *subs, v["arena"], "MMLU"]
    crow = [[c["score"], c["coefficient"], f"{c['estimate']:.3f}", _ci(c["lo"], c["hi"]),
             str(c["n"])] for c in v["correlations"]]
    ccols = ["score", "coefficient", f"with {v['arena']}", "95% bootstrap CI", "n"]
    drow = [[c["coefficient"], f"{c['difference']:+.3f}", _ci(c["lo"], c["hi"]),
             f"{c['p_bootstrap']:.3g}", "yes" if c["aggregate_beats_baseline"] else "no"]
            for c in v["comparison"]]
    dcols = ["coefficient", "Goodness - MMLU", "95% paired bootstrap", "p", "beats MMLU"]
    w = v["williams"]
    lines = [v["summary"],
             f"Williams' t (Pearson, dependent correlations sharing the arena rating): t = "
             f"{w['t']:.3f}, df = {w['df']}, p = {w['p']:.3g}.", out["method"] + "."]
    if fmt is Format.markdown or output is not None:
        from benchgame.cli.output import markdown_table

        text = ("## MPG Goodness\n\n" + markdown_table(rcols, rows) + "\n## Correlation with "
                f"{v['arena']}\n\n" + markdown_table(ccols, crow) + "\n"
                + markdown_table(dcols, drow) + "\n" + "\n".join(lines) + "\n")
        if output is None:
            print(text, end="")
        else:
            atomic_write(output, text)
    else:
        _print_tables(rcols, rows, len(subs), [(f"Correlation with {v['arena']} on {v['n']} "
                                                "shared models", ccols, crow),
                                               ("Goodness vs MMLU alone", dcols, drow)], lines)


def _print_tables(rcols: list[str], rows: list[list], n_subs: int, others: list[tuple],
                  lines: list[str]) -> None:
    """The ranking (with its subdomain means in a second table when one does not fit the
    terminal), the validation tables and the summary lines."""
    title = "MPG Goodness (posterior mean, 95% credible interval)"
    if fits(rcols, abbreviate(rcols, rows, console.width, [1]), console.width):
        print_table(title, rcols, rows, names=[1])
    else:
        keep = [0, 1, 2, 3, *range(4 + n_subs, len(rcols))]
        print_table(title, [rcols[i] for i in keep], [[r[i] for i in keep] for r in rows],
                    names=[1])
        subs = [0, 1, *range(4, 4 + n_subs)]
        print_table("Subdomain means (posterior)", [rcols[i] for i in subs],
                    [[r[i] for i in subs] for r in rows], names=[1])
    for title, cols, body in others:
        print_table(title, cols, body)
    for line in lines:
        console.print(line, highlight=False, markup=False, soft_wrap=False)


def register(app: typer.Typer) -> None:
    app.command("mpg")(mpg_command)

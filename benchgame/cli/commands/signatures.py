"""``benchgame signatures``: which benchmarks predict a target (the arena rating or a held-out
benchmark), by the two-stage signature extraction of arXiv:2509.23488 applied to bundled score
tables (models x benchmarks in place of models x token perplexities).

Tables (``--table``):

* ``obsscaling`` (default): ObsScaling instruct models; features MTBench and the seven
  benchmarks; target ``arena`` (default) is the Bradley-Terry Elo fitted on the bundled battle
  counts (joined through the alias table), or any feature column;
* ``openllm``: Open LLM Leaderboard v1 (87 models x 6 tasks); target one of the tasks;
* ``helm``: HELM Classic accuracy table (67 models x 16 scenarios); target one of the scenarios.

``--scores FILE`` uses the user's table instead (``--table`` is then ignored), read by
:func:`benchgame.benchmarks_data.score_table.read_score_table`: a CSV with a header
``model,<benchmark>,...`` and one row per model, model names unique, every cell a finite number
or empty (a missing score); every column but the target is a feature. Example::

    model,MMLU,GSM8K,HumanEval
    my-model-a,0.71,0.58,0.40

``--target arena`` with ``--scores`` needs ``--battles FILE``: pairwise battle counts in the
leaderbot JSON format (:func:`benchgame.benchmarks_data.leaderbot.load_arena_battles`),
``{"models": [name, ...], "X": [[i, j], ...], "Y": [[wins_i, wins_j, ties, both_bad], ...]}``
with 0-based ids into ``models``; the Bradley-Terry Elo fitted on it (ties as half wins) joins
the scores by exact model name. With another ``--target`` (a column of the table) no battles are
needed. Bad files are one error line naming the file, the row and the column.

The target column is removed from the features. Feature columns missing for more than 30% of the
models with a target value are dropped, then models with any missing value (the counts are
reported). ``--method aic`` is forward selection stopping on AIC (``--criterion aicc`` for the
small-sample correction); ``--method lasso`` the Lasso (``--alpha``).

JSON schema ``benchgame.signatures/1``::

    {"schema": "benchgame.signatures/1", "table": str, "target": str, "method": str,
     "selector": "forward_aic" | "lasso", "criterion": str, "alpha": float,
     "n_models": int, "models": [str], "features": [str], "dropped_features": [str],
     "screened": [str], "r2": float,
     "signature": [{"feature": str, "order": int, "coef": float, "gamma": float, "eta": float}],
     "performance_overlap": {feature: float},   # Spearman(feature, target) over the models
     "path": [{"step": int, "added": str | null, "rss": float, "criterion": float}]}

``--format csv`` writes the signature rows. Exit status 0, or 2 on bad input.
"""

from __future__ import annotations

import enum
import math
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from benchgame.cli.output import (
    Format,
    check_input_path,
    check_output_path,
    console,
    emit_json,
    markdown_table,
    print_table,
)
from benchgame.core.atomic import atomic_write
from benchgame.core.validation import InputError

if TYPE_CHECKING:
    import pandas as pd

SCHEMA = "benchgame.signatures/1"
MAX_MISSING_SHARE = 0.3


class Table(str, enum.Enum):
    obsscaling = "obsscaling"
    openllm = "openllm"
    helm = "helm"


class Method(str, enum.Enum):
    aic = "aic"
    lasso = "lasso"


class Criterion(str, enum.Enum):
    aic = "aic"
    aicc = "aicc"


def bundled_features(table: str, target: str, scores: Path | None = None,
                     battles: Path | None = None) -> tuple[pd.DataFrame, pd.Series, list[str]]:
    """Feature matrix, target and dropped feature names for a bundled table (see module doc),
    or for the user's ``scores`` (with the arena Elo fitted from ``battles``)."""
    if scores is not None:
        from benchgame.analyses.arena.user_table import user_table_with_arena

        if target == "arena" and battles is None:
            raise InputError("--battles", "is missing for --target arena with --scores",
                             "give the battle counts (leaderbot JSON), or a column as --target")
        full = user_table_with_arena(scores, battles)
        tcol, table = ("Arena BT Elo" if target == "arena" else target), Path(scores).name
        if battles is None:
            full = full.drop(columns=["Arena BT Elo"])
    elif table == "obsscaling":
        from benchgame.analyses.arena import ARENA_COLUMN, obsscaling_with_arena

        data = obsscaling_with_arena()
        features = data.drop(columns=["Arena-Elo", ARENA_COLUMN])
        tcol = ARENA_COLUMN if target == "arena" else target
        full = features.join(data[[ARENA_COLUMN]])
    elif table == "openllm":
        from benchgame.benchmarks_data.benchbench_social import load_openllm_v1

        full = load_openllm_v1().drop(columns=["Average"])
        tcol = target
    elif table == "helm":
        from benchgame.benchmarks_data.benchbench_social import load_helm_classic

        full = load_helm_classic("accuracy").drop(columns=["Mean win rate"])
        tcol = target
    else:
        raise InputError("--table", f"is {table!r}", "use obsscaling, openllm or helm")
    if tcol not in full.columns:
        opts = (["arena"] if "Arena BT Elo" in full.columns else []) + \
            [c for c in full.columns if c != "Arena BT Elo"]
        raise InputError("--target", f"{target!r} is not a column of table {table!r}",
                         f"use one of {opts}")
    y = full[tcol].dropna()
    X = full.loc[y.index].drop(columns=[tcol])
    if target != "arena" and "Arena BT Elo" in X.columns:
        X = X.drop(columns=["Arena BT Elo"])
    share = X.isna().mean()
    dropped = [c for c in X.columns if share[c] > MAX_MISSING_SHARE]
    X = X.drop(columns=dropped).dropna()
    return X, y.loc[X.index].rename(target), dropped


def signatures_command(
    target: Annotated[str, typer.Option("--target", "-t", help="'arena' (obsscaling only) or a "
                      "benchmark column held out as the target.")] = "arena",
    table: Annotated[Table, typer.Option("--table", help="Bundled score table.")]
    = Table.obsscaling,
    method: Annotated[Method, typer.Option("--method", "-m", help="aic: forward selection; "
                      "lasso: Lasso.")] = Method.aic,
    criterion: Annotated[Criterion, typer.Option("--criterion", help="Stopping criterion of "
                         "forward selection.")] = Criterion.aic,
    alpha: Annotated[float, typer.Option("--alpha", min=0.0, help="Lasso penalty.")] = 0.01,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json, csv or markdown.")]
    = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                      help="Write the result to this file (atomically).")] = None,
    plot: Annotated[Path | None, typer.Option("--plot", "-p", help="PNG of the selected "
                    "features' effects and every feature's correlation with the target.")]
    = None,
    scores: Annotated[Path | None, typer.Option("--scores", help="Your score table instead of "
                      "--table: CSV model,<benchmark>,... (empty cells are missing).")] = None,
    battles: Annotated[Path | None, typer.Option("--battles", help="Battle counts (leaderbot "
                       "JSON) for --target arena with --scores.")] = None,
) -> None:
    """Benchmark signature of a target on a bundled score table."""
    from benchgame.analyses.signatures import extract_signature

    check_output_path(output, "--output")
    check_output_path(plot, "--plot")
    check_input_path(scores, "--scores")
    check_input_path(battles, "--battles")
    if not math.isfinite(alpha):
        raise InputError("--alpha", f"is {alpha}", "give a finite Lasso penalty >= 0")
    X, y, dropped = bundled_features(table.value, target, scores, battles)
    if len(X) < 6:
        raise InputError("--target", f"leaves only {len(X)} complete models",
                         "choose another target or table")
    sig = extract_signature(X, y, selector="forward_aic" if method is Method.aic else "lasso",
                            criterion=criterion.value, alpha=alpha, target=target)
    perf = X.corrwith(y, method="spearman")
    feats = sig.features.reset_index()
    payload = {
        "table": table.value if scores is None else scores.name, "target": target,
        "method": sig.method, "selector": sig.selector,
        "criterion": criterion.value, "alpha": alpha, "n_models": len(X),
        "models": list(X.index), "features": list(X.columns), "dropped_features": dropped,
        "screened": list(sig.screened), "r2": sig.r2,
        "signature": feats[["feature", "order", "coef", "gamma", "eta"]].to_dict("records"),
        "performance_overlap": perf.to_dict(),
        "path": sig.path.to_dict("records"),
    }
    if plot is not None:
        from benchgame.analyses.signatures.plot import plot_signature

        how = (f"forward selection on {criterion.value.upper()}" if method is Method.aic
               else "the Lasso")
        plot_signature(sig.features, X, perf, plot, target=target,
                       unit="Elo points" if target == "arena" else "",
                       summary=f"{len(sig.features)} of {X.shape[1]} features selected by "
                               f"{how} on {len(X)} models, in-sample R² = {sig.r2:.3f}")
    if fmt is Format.json:
        emit_json({"schema": SCHEMA, **payload}, output)
        return
    if fmt is Format.csv:
        buf = StringIO()
        feats[["feature", "order", "coef", "gamma", "eta"]].to_csv(buf, index=False,
                                                                   float_format="%.6g")
        if output is None:
            print(buf.getvalue(), end="")
        else:
            atomic_write(output, buf.getvalue())
        return
    cols = ["entered", "feature", "OLS coefficient", "Thrush gamma (rank concordance)",
            "eta (pairs in target order)", "Spearman with target"]
    rows = [[int(r["order"]), r["feature"], f"{r['coef']:.4g}", f"{r['gamma']:.0f}",
             f"{r['eta']:.3f}", f"{perf[r['feature']]:.3f}"] for _, r in feats.iterrows()]
    summary = (f"{len(sig.features)} of {X.shape[1]} features selected on {len(X)} models; "
               f"in-sample R^2 = {sig.r2:.3f}. {sig.method}."
               + (f" Dropped (over {MAX_MISSING_SHARE:.0%} missing): {dropped}." if dropped
                  else ""))
    title = f"Signature of {target!r} ({table.value if scores is None else scores.name})"
    if fmt is Format.markdown or output is not None:
        text = markdown_table(cols, rows) + f"\n{summary}\n"
        if output is None:
            print(text, end="")
        else:
            atomic_write(output, text)
        return
    print_table(title, cols, rows, names=[1])
    console.print(summary, highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    app.command("signatures")(signatures_command)

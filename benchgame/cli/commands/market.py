"""``benchgame market [CSV]``: winrate, weighted winrate and welfare of a model marketplace.

On the bundled MT-Bench-101 table (18 models x 13 tasks, ``q = score / 10``) or a user's CSV
(header ``model,<task>,...``; scores divided by ``--scale``), under a choice rule ``--rule``
(``perfect``, ``epsilon:E``, ``softmax:BETA``, ``luce:G``, ``probit:S``, ``bt:BETA``), computes
per model: winrate WR, weighted winrate WWR and the leave-one-out welfare change dW (the model
entering the market of all the others), plus welfare W, the winrate-, weighted-winrate- and
welfare-optimal entrants, the replacement comparison (each producer may adopt any model's vector)
and the Spearman rank correlations of each payoff with dW. Reconstruction of Donahue and Raghavan,
"Impacts of Aggregation on Model Diversity and Consumer Utility" (arXiv:2602.23293), section 5.4.

JSON schema ``benchgame.market/1``::

    {"schema": "benchgame.market/1", "source": str, "rule": {...}, "weights": "uniform"|"counts",
     "welfare": float,
     "identities": {"sum_winrate": float, "sum_weighted_winrate": float, "column_sums": float},
     "models": [{"model": str, "winrate": float, "weighted_winrate": float,
                 "delta_welfare": float}, ...],
     "entry": {"winrate_optimal": {"model": str, "delta_welfare": float},
               "weighted_winrate_optimal": {...}, "welfare_optimal": {...},
               "spearman": {"winrate": float|null, "weighted_winrate": float|null}},
     "replacement": {"mean_welfare": {"winrate": float, "weighted_winrate": float,
                                      "welfare": float},
                     "weighted_at_least_winrate": float,
                     "producers": [{"model": str, "winrate_choice": str,
                                    "weighted_winrate_choice": str, "welfare_choice": str,
                                    "welfare_winrate": float, "welfare_weighted_winrate": float,
                                    "welfare_optimal": float}, ...]}}

``--weights FILE`` reads task weights from a CSV ``task,weight`` (matched to the tasks by name;
a file naming other tasks is refused). ``--candidates FILE`` reads candidate entrants in the
scores' format (divided by ``--scale``) and adds ``"candidates": {"models": [{"model",
"winrate", "weighted_winrate", "delta_welfare"}, ...], "picked": {"winrate": [str],
"weighted_winrate": [str]}, "welfare_optimal": [str]}``: each candidate entering alone, and the
entrant each mechanism (and welfare) picks from the menu.

``--format csv`` writes the per-model table (model, winrate, weighted_winrate, delta_welfare).
``--plot out.png`` draws each mechanism's payoff against dW per model. Bad input (an unreadable
or malformed CSV, a bad rule) exits with status 2 and writes nothing.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer

from benchgame.cli.output import (
    Format,
    check_input_path,
    check_output_path,
    emit_json,
    emit_report,
)
from benchgame.core.atomic import atomic_write
from benchgame.core.validation import InputError

SCHEMA = "benchgame.market/1"


def _nan_none(x: float) -> float | None:
    return None if not np.isfinite(x) else float(x)


def compute(market: Any, rule: Any) -> dict:
    """The ``benchgame.market/1`` payload (without the envelope fields)."""
    from benchgame.mechanisms.marketplace import evaluate
    from benchgame.mechanisms.marketplace.analysis import leave_one_out, replacement_table

    ev = evaluate(market, rule)
    loo = leave_one_out(market, rule)
    rep = replacement_table(market, rule)
    names = market.models

    def opt(key: str) -> dict:
        i, dw = loo.optima[key]
        return {"model": names[i], "delta_welfare": dw}

    return {
        "rule": rule.to_dict(), "welfare": ev.welfare, "identities": ev.residuals,
        "models": [{"model": names[i], "winrate": float(ev.winrate[i]),
                    "weighted_winrate": float(ev.weighted_winrate[i]),
                    "delta_welfare": float(loo.delta_welfare[i])} for i in range(market.n)],
        "entry": {"winrate_optimal": opt("winrate"),
                  "weighted_winrate_optimal": opt("weighted_winrate"),
                  "welfare_optimal": opt("welfare"),
                  "spearman": {k: _nan_none(v) for k, v in loo.spearman.items()}},
        "replacement": {
            "mean_welfare": {k: float(v.mean()) for k, v in rep.welfare.items()},
            "weighted_at_least_winrate": rep.weighted_at_least_winrate,
            "producers": [{"model": names[i], "winrate_choice": rep.choice["winrate"][i],
                           "weighted_winrate_choice": rep.choice["weighted_winrate"][i],
                           "welfare_choice": rep.choice["welfare"][i],
                           "welfare_winrate": float(rep.welfare["winrate"][i]),
                           "welfare_weighted_winrate": float(rep.welfare["weighted_winrate"][i]),
                           "welfare_optimal": float(rep.welfare["welfare"][i])}
                          for i in range(market.n)]},
    }


def _with_weights(mk: Any, path: Path) -> Any:
    """The market with task weights read from ``path`` (aligned with its tasks by name)."""
    from benchgame.mechanisms.marketplace import Market
    from benchgame.mechanisms.marketplace.csv_market import weights_from_csv

    if not path.is_file():
        raise InputError("--weights", f"is {str(path)!r}: neither uniform, counts nor a file",
                         "use uniform, counts, or the path of a CSV task,weight")
    w = weights_from_csv(path)
    try:
        return Market(mk.quality, w / w.sum(), mk.values, mk.models, mk.tasks, mk.vmax,
                      mk.vmin, mk.tol)
    except InputError as exc:
        raise InputError(f"--weights {path.name}", exc.problem, exc.fix) from None


def _candidates(mk: Any, rule: Any, cands: Any) -> dict:
    """Entry of each candidate alone into ``mk``: its winrate, weighted winrate and welfare
    change, and the entrant each mechanism (and welfare) would pick from the menu."""
    from benchgame.mechanisms.marketplace.entry import entry

    res = {k: entry(mk, rule, cands.quality, k) for k in ("winrate", "weighted_winrate")}
    dw = res["winrate"].welfare - res["winrate"].welfare_before
    names = cands.models
    return {
        "models": [{"model": names[i], "winrate": float(res["winrate"].payoff[i]),
                    "weighted_winrate": float(res["weighted_winrate"].payoff[i]),
                    "delta_welfare": float(dw[i])} for i in range(len(names))],
        "picked": {k: [names[i] for i in v.best_responses] for k, v in res.items()},
        "welfare_optimal": [names[i] for i in np.flatnonzero(dw >= dw.max() - 1e-9)],
    }


def _plot(payload: dict, path: Path) -> None:
    from benchgame.mechanisms.marketplace.plot import plot_market

    plot_market(payload["models"], path, source=payload["source"], rule=payload["rule"],
                spearman=payload["entry"]["spearman"])


def market(
    csv_path: Annotated[Path | None, typer.Argument(
        help="models x tasks CSV (header model,<task>,...); default: bundled MT-Bench-101.")
    ] = None,
    rule: Annotated[str, typer.Option("--rule", "-r", help="perfect, epsilon:E, softmax:BETA, "
                                      "luce:G, probit:S or bt:BETA.")] = "softmax:20",
    weights: Annotated[str, typer.Option("--weights", help="uniform, counts (bundled data "
                                         "only: dialogue counts), or a CSV task,weight with "
                                         "one row per task.")] = "uniform",
    candidates: Annotated[Path | None, typer.Option("--candidates", help="CSV of candidate "
                          "entrants (header model,<task>,... as the scores; divided by "
                          "--scale): each one's entry payoffs and welfare change, and the "
                          "entrant each mechanism picks.")] = None,
    scale: Annotated[float, typer.Option("--scale", help="divide CSV scores by this (10 for "
                                         "1-10 judge scores).")] = 1.0,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="table, json, csv or markdown.")
                   ] = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="write the report here "
                                                "(atomically).")] = None,
    plot: Annotated[Path | None, typer.Option("--plot", help="PNG of payoff vs welfare change "
                                              "per model.")] = None,
) -> None:
    """Winrate vs weighted winrate vs welfare on real or user data (entry and replacement)."""
    from benchgame.mechanisms.marketplace import parse_rule
    from benchgame.mechanisms.marketplace.bundled import mtbench101_market
    from benchgame.mechanisms.marketplace.csv_market import market_from_csv

    check_output_path(output, "--output")
    check_output_path(plot, "--plot")
    check_input_path(candidates, "--candidates")
    r = parse_rule(rule)
    if csv_path is None:
        mk, source = mtbench101_market("counts" if weights == "counts" else "uniform"), \
            "MT-Bench-101 (bundled)"
    else:
        if weights == "counts":
            raise InputError("--weights", "counts exist only for the bundled data",
                             "use uniform or a CSV task,weight with a CSV of scores")
        mk, source = market_from_csv(csv_path, scale=scale), str(csv_path)
    if weights not in ("uniform", "counts"):
        mk = _with_weights(mk, Path(weights))
    payload = {"schema": SCHEMA, "source": source, "weights": weights, **compute(mk, r)}
    if candidates is not None:
        payload["candidates"] = _candidates(mk, r, market_from_csv(candidates, scale=scale,
                                                                   tasks=mk.tasks))
    if fmt is Format.json:
        emit_json(payload, output)
    elif fmt is Format.csv:
        import csv

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["model", "winrate", "weighted_winrate", "delta_welfare"])
        for row in payload["models"]:
            w.writerow([row["model"], f"{row['winrate']:.6g}", f"{row['weighted_winrate']:.6g}",
                        f"{row['delta_welfare']:.6g}"])
        if output is None:
            print(buf.getvalue(), end="")
        else:
            atomic_write(output, buf.getvalue())
    else:
        e = payload["entry"]
        rows = [[m["model"], f"{m['winrate']:.5f}", f"{m['weighted_winrate']:.5f}",
                 f"{m['delta_welfare']:+.5f}"] for m in payload["models"]]
        sp = e["spearman"]
        summary = (f"welfare W = {payload['welfare']:.5f}; entry optima: winrate "
                   f"{e['winrate_optimal']['model']}, weighted winrate "
                   f"{e['weighted_winrate_optimal']['model']}, welfare "
                   f"{e['welfare_optimal']['model']}; Spearman correlation with the welfare "
                   f"change: winrate {sp['winrate']:.3f}, weighted winrate "
                   f"{sp['weighted_winrate']:.3f}; replacement: weighted "
                   f"winrate "
                   f"at least as good for welfare in "
                   f"{100 * payload['replacement']['weighted_at_least_winrate']:.0f}% of "
                   f"producers")
        cand = payload.get("candidates")
        if cand is not None:
            summary += (f". Candidates: winrate picks {', '.join(cand['picked']['winrate'])}; "
                        f"weighted winrate picks "
                        f"{', '.join(cand['picked']['weighted_winrate'])}; welfare-optimal "
                        f"{', '.join(cand['welfare_optimal'])}")
            rows += [[f"{m['model']} (candidate)", f"{m['winrate']:.5f}",
                      f"{m['weighted_winrate']:.5f}", f"{m['delta_welfare']:+.5f}"]
                     for m in cand["models"]]
        from benchgame.mechanisms.marketplace.plot import rule_in_words

        emit_report(fmt, f"benchgame market: {source}, {rule_in_words(r.to_dict())}",
                    ["model", "winrate", "weighted winrate", "welfare change on entry"], rows,
                    summary, output, names=[0])
    if plot is not None:
        _plot(payload, plot)


def register(app: typer.Typer) -> None:
    app.command("market")(market)

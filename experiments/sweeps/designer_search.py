"""The designer's search as a sweep client: the cheapest protocol in a family that makes the
leaderboard rank by capability across a distribution of developer populations.

The designer of the leaderboard game (Chen, Zhang, Hardt, arXiv:2603.08371) commits to a
protocol, then developers play the subgame. For one population the designer's Stackelberg
choice is ``Delta* `` (:func:`benchgame.games.leaderboard.designer_choice`); a designer facing an
unknown population wants a protocol that works for (a fraction of) a whole distribution. Here the
candidates are the protocol parameters (``protocol``, ``delta``, ``cap``) of a ``leaderboard``
sweep, given as ``[[cases]]`` or as grid values; every other parameter value and every seed is
one population. For each candidate ``c``:

    fraction(c) = #{populations p : G_c(p) has a unique PNE ranking by capability} / #populations,

decided by the continuum analysis of each cell (``works``; undecided and failed cells count as
not working and are reported). The chosen candidate is the cheapest (smallest ``cost`` column,
default ``delta``; ties by the order of the candidates in the sweep) with
``fraction >= required_fraction``, or none, reported with every fraction.

[RECON] "cheapest" as the smallest tune-before-test level (the evaluator's fine-tuning data) is a
design choice; ``cost`` may name another numeric protocol parameter (e.g. ``cap``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from benchgame.core.validation import InputError
from benchgame.experiments.sweeps.engine import SweepResult, coerce_spec, run_sweep
from benchgame.experiments.sweeps.spec import SweepSpec

__all__ = ["CANDIDATE_COLUMNS", "DesignerSearch", "designer_search", "summarize_designer"]

CANDIDATE_COLUMNS = ("protocol", "delta", "cap")


@dataclass(frozen=True, eq=False)
class DesignerSearch:
    """Result of the designer's search.

    Attributes
    ----------
    candidates : pandas.DataFrame
        One row per candidate, cheapest first: the candidate's protocol parameters, ``cost``,
        ``populations``, ``works``, ``undecided``, ``failed``, ``fraction``, ``meets``.
    chosen : dict or None
        The cheapest candidate meeting ``required_fraction`` (its protocol parameters), or None.
    required_fraction : float
    cost : str
        The column used as cost.
    reason : str
    sweep : SweepResult or None
    method : str
    """

    candidates: Any
    chosen: dict | None
    required_fraction: float
    cost: str
    reason: str
    sweep: SweepResult | None = None
    method: str = ("fraction of populations with a unique PNE ranking by capability "
                   "(continuum analysis, Lemmas A-C), cheapest candidate first")

    def to_dict(self) -> dict:
        return {"chosen": self.chosen, "required_fraction": self.required_fraction,
                "cost": self.cost, "reason": self.reason, "method": self.method,
                "candidates": self.candidates.to_dict(orient="records")}


def summarize_designer(table: Any, *, required_fraction: float = 1.0, cost: str = "delta"
                       ) -> DesignerSearch:
    """The designer's choice from the table of a ``leaderboard`` sweep (see module docstring)."""
    import pandas as pd

    if not 0 < required_fraction <= 1:
        raise InputError("required_fraction", f"is {required_fraction!r}",
                         "give a number in (0, 1]")
    missing = [c for c in (*CANDIDATE_COLUMNS, "works", "status", cost) if c not in table]
    if missing:
        raise InputError("table", f"has no column {missing[0]!r}",
                         "give the table of a leaderboard sweep")
    if table.empty:
        raise InputError("table", "is empty", "run a sweep with at least one cell")
    df = table.assign(_works=(table["status"] == "ok") & (table["works"] == True),  # noqa: E712
                      _undecided=(table["status"] == "ok") & table["works"].isna(),
                      _failed=table["status"] == "failed")
    groups = df.groupby(list(CANDIDATE_COLUMNS), sort=False, dropna=False)
    rows = []
    for key, g in groups:
        rows.append({**dict(zip(CANDIDATE_COLUMNS, key, strict=True)),
                     "cost": float(g[cost].iloc[0]), "first": int(g["cell"].min()),
                     "populations": int(len(g)), "works": int(g["_works"].sum()),
                     "undecided": int(g["_undecided"].sum()), "failed": int(g["_failed"].sum())})
    cand = pd.DataFrame(rows).sort_values(["cost", "first"], kind="stable")
    cand["fraction"] = cand["works"] / cand["populations"]
    cand["meets"] = cand["fraction"] >= required_fraction - 1e-12
    cand = cand.drop(columns="first").reset_index(drop=True)
    ok = cand[cand["meets"]]
    if ok.empty:
        best = cand.loc[cand["fraction"].idxmax()]
        chosen = None
        reason = (f"none: no candidate works for {required_fraction:.0%} of the populations; "
                  f"best fraction {best['fraction']:.3f} at {_label(best)}")
    else:
        first = ok.iloc[0]
        chosen = {c: (first[c].item() if hasattr(first[c], "item") else first[c])
                  for c in (*CANDIDATE_COLUMNS, "cost", "fraction")}
        reason = (f"{_label(first)} is the cheapest candidate (cost {first['cost']:g}) with a "
                  f"unique PNE ranking by capability for {first['works']} of "
                  f"{first['populations']} populations (fraction {first['fraction']:.3f} >= "
                  f"{required_fraction:g})")
    return DesignerSearch(cand, chosen, float(required_fraction), cost, reason)


def _label(row: Mapping[str, Any]) -> str:
    name = row["protocol"]
    if name == "effort_cap":
        return f"effort_cap(cap={row['cap']:g}, Delta={row['delta']:g})"
    if name == "direct":
        return "direct"
    return f"{name}(Delta={row['delta']:g})"


def designer_search(spec: SweepSpec | Mapping[str, Any] | str | os.PathLike[str], *,
                    required_fraction: float | None = None, cost: str | None = None,
                    **run_kwargs: Any) -> DesignerSearch:
    """Run a ``leaderboard`` sweep (``run_kwargs`` go to :func:`run_sweep`) and return the
    designer's choice. ``required_fraction`` and ``cost`` default to the specification's
    ``[designer]`` table (else 1.0 and ``delta``)."""
    sp = coerce_spec(spec)
    if sp.analysis != "leaderboard":
        raise InputError("analysis", f"is {sp.analysis!r}",
                         "the designer's search runs on analysis = \"leaderboard\"")
    des = dict(sp.designer or {})
    frac = required_fraction if required_fraction is not None else des.get(
        "required_fraction", 1.0)
    col = cost if cost is not None else des.get("cost", "delta")
    res = run_sweep(sp, **run_kwargs)
    out = summarize_designer(res.table, required_fraction=frac, cost=col)
    return DesignerSearch(out.candidates, out.chosen, out.required_fraction, out.cost,
                          out.reason, res)

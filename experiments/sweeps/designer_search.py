"""The designer's search as a sweep client: the cheapest protocol in a family that makes the
leaderboard rank by capability across a distribution of developer populations.

The designer of the leaderboard game (Chen, Zhang and Hardt (2026), arXiv:2603.08371) is the
leader of a Stackelberg game: it commits to an evaluation protocol, then developers play the
subgame. For one population the designer's Stackelberg
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

The paper does not define the designer's cost; taking the cheapest protocol to be the one with
the smallest tune-before-test level (the evaluator's fine-tuning data) is this library's choice,
and ``cost`` may name another numeric protocol parameter (e.g. ``cap``).

References
----------
Chen, Zhang and Hardt (2026), "Leaderboard Incentives: Model Rankings under Strategic
Post-Training", arXiv:2603.08371: the designer's choice of protocol, and tune-before-test
stabilization (Section 5; Proposition 5.3: once a level works, every larger level works).
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

    Parameters
    ----------
    candidates : pandas.DataFrame
        One row per candidate, cheapest first: the candidate's protocol parameters, ``cost``,
        ``populations``, ``works``, ``undecided``, ``failed``, ``fraction``, ``meets``.
    chosen : dict or None
        The cheapest candidate meeting ``required_fraction`` (its protocol parameters, ``cost``
        and ``fraction``), or None.
    required_fraction : float
        Fraction of the populations a candidate must work for.
    cost : str
        The column used as cost.
    reason : str
        One sentence explaining the choice (or why there is none).
    sweep : SweepResult, optional
        The sweep the table came from (set by :func:`designer_search`).
    method : str, optional
        How a candidate is judged to work.
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
        """Convert to a JSON-ready dict (without the sweep).

        Returns
        -------
        dict
            ``chosen``, ``required_fraction``, ``cost``, ``reason``, ``method`` and
            ``candidates`` (a list of row dicts).
        """
        return {"chosen": self.chosen, "required_fraction": self.required_fraction,
                "cost": self.cost, "reason": self.reason, "method": self.method,
                "candidates": self.candidates.to_dict(orient="records")}


def summarize_designer(table: Any, *, required_fraction: float = 1.0, cost: str = "delta"
                       ) -> DesignerSearch:
    """Choose the designer's protocol from the table of a ``leaderboard`` sweep.

    Cells are grouped into candidates by ``(protocol, delta, cap)``; every cell of a candidate
    is one population. A candidate works for a population when the cell finished and its
    ``works`` outcome is true (a unique pure equilibrium ranking by capability); undecided and
    failed cells count as not working. The chosen candidate is the cheapest (smallest ``cost``,
    ties by first cell) whose fraction of working populations is at least
    ``required_fraction``.

    Parameters
    ----------
    table : pandas.DataFrame
        The table of a ``leaderboard`` sweep (columns ``cell``, ``protocol``, ``delta``, ``cap``,
        ``status``, ``works`` and ``cost``).
    required_fraction : float, default 1.0
        Fraction of the populations the chosen candidate must work for, in ``(0, 1]``.
    cost : str, default "delta"
        The numeric column ranking candidates from cheapest to dearest.

    Returns
    -------
    DesignerSearch
        Every candidate with its fraction, the chosen one (or None) and the reason.

    Raises
    ------
    InputError
        If ``required_fraction`` is not in ``(0, 1]``, or the table lacks a column or is empty.

    References
    ----------
    Chen, Zhang and Hardt (2026), arXiv:2603.08371: the designer's choice of protocol.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"cell": range(6), "protocol": ["tbt"] * 6,
    ...                       "delta": [0.0, 0.0, 100.0, 100.0, 1000.0, 1000.0],
    ...                       "cap": [1.0] * 6, "status": ["ok"] * 6,
    ...                       "works": [False, False, True, False, True, True]})
    >>> res = summarize_designer(table)
    >>> print(res.candidates[["delta", "works", "fraction", "meets"]].to_string(index=False))
     delta  works  fraction  meets
       0.0      0       0.0  False
     100.0      1       0.5  False
    1000.0      2       1.0   True
    >>> res.chosen
    {'protocol': 'tbt', 'delta': 1000.0, 'cap': 1.0, 'cost': 1000.0, 'fraction': 1.0}
    >>> summarize_designer(table, required_fraction=0.5).chosen["delta"]
    100.0
    """
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
    """Run a ``leaderboard`` sweep and choose the designer's protocol from its table.

    The candidates are the protocol parameters of the sweep; every other parameter value and
    every seed is one population (see :func:`summarize_designer`).

    Parameters
    ----------
    spec : SweepSpec, mapping, str or os.PathLike
        The specification of a ``leaderboard`` sweep, as an object, a parsed document or a
        TOML file.
    required_fraction : float, optional
        Fraction of the populations the chosen candidate must work for (default: the
        specification's ``[designer]`` table, else 1.0).
    cost : str, optional
        The numeric column ranking candidates (default: the specification's ``[designer]``
        table, else ``"delta"``).
    **run_kwargs
        Passed to :func:`~benchgame.experiments.sweeps.engine.run_sweep` (``workers``,
        ``output``, ``resume``, ...).

    Returns
    -------
    DesignerSearch
        The choice, with the sweep it was made from in ``sweep``.

    Raises
    ------
    InputError
        If the analysis is not ``leaderboard``, the specification is bad, or the output exists
        without ``resume``/``overwrite``.

    References
    ----------
    Chen, Zhang and Hardt (2026), arXiv:2603.08371: the designer's choice of protocol, and
    tune-before-test stabilization (Section 5).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> spec = {"analysis": "leaderboard", "output": "designer.parquet", "seeds": 2,
    ...         "parameters": {"delta": [0.0, 1000.0, 10000.0], "developers": [3],
    ...                        "threshold": [False]}}
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     res = designer_search(spec, workers=1, output=Path(tmp) / "designer.parquet")
    >>> list(res.candidates["fraction"]), res.sweep.cells
    ([0.0, 0.5, 1.0], 6)
    >>> res.chosen
    {'protocol': 'tbt', 'delta': 10000.0, 'cap': 1.0, 'cost': 10000.0, 'fraction': 1.0}
    """
    sp = coerce_spec(spec, allow_imports=bool(run_kwargs.pop("allow_imports", False)))
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

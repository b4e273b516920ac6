"""Validated reading of leaderboard score tables (models x scores) from CSV/TSV files.

Shared by the per-source loaders (:mod:`benchgame.benchmarks_data.ibm_benchbench`,
:mod:`benchgame.benchmarks_data.obsscaling`, :mod:`benchgame.benchmarks_data.benchbench_social`).
Every problem raises :class:`benchgame.core.validation.InputError` whose field names the file, the
row (1-based line number in the file, the header being line 1) and the column.

De-duplication of repeated model names is explicit (``dedup``):

* ``"first"`` (default): keep the first row of each name in file order. The bundled leaderboards
  are sorted best-first, so this keeps the best-listed submission;
* ``"last"``: keep the last row;
* ``"mean"``: average the rows (per column, ignoring missing cells);
* ``"error"``: refuse repeated names.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import lazy_loader as lazy
import numpy as np

from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = ["DEDUP_RULES", "Dedup", "read_score_table"]

Dedup = Literal["first", "last", "mean", "error"]
DEDUP_RULES: tuple[str, ...] = ("first", "last", "mean", "error")


def _where(path: Path, line: int | None = None, column: str | None = None) -> str:
    parts = [f"file {path.name!r}"]
    if line is not None:
        parts.append(f"row {line}")
    if column is not None:
        parts.append(f"column {column!r}")
    return ", ".join(parts)


def read_raw_table(path: str | os.PathLike[str], sep: str = ",") -> pd.DataFrame:
    """Read a delimited table with every cell as a string, strictly.

    Parameters
    ----------
    path : path-like
        The file (UTF-8 text).
    sep : str, default ","
        Field delimiter.

    Returns
    -------
    pandas.DataFrame
        One string column per header cell, one row per data line (data line ``k`` is line
        ``k + 2`` of the file).

    Raises
    ------
    InputError
        If the file is missing, not UTF-8, not parseable, has no header or repeated header
        names, or a row with more cells than the header (naming the row). Rows with fewer
        cells get empty trailing cells, which the caller reads as missing values or refuses.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(_where(p), "does not exist", "give the path of an existing table file")
    kind = "TSV" if sep == "\t" else "CSV"
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(_where(p), f"is not UTF-8 text (byte {exc.start})",
                         f"save it as UTF-8 (e.g. 'Save as {kind} UTF-8')") from None
    except OSError as exc:
        raise InputError(_where(p), f"cannot be read ({exc.strerror})",
                         "give a readable table file") from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True))
    except csv.Error as exc:
        raise InputError(_where(p), f"cannot be parsed as a {kind} table ({exc})",
                         "check the delimiter and the quoting") from None
    if not rows or not any(c.strip() for c in rows[0]):
        raise InputError(_where(p, 1), "has no header", "start the file with the column names")
    # an unnamed column (e.g. a written-out index) is named as pandas names it
    header = [h.strip() or f"Unnamed: {k}" for k, h in enumerate(rows[0])]
    seen: set[str] = set()
    for h in header:
        if h in seen:
            raise InputError(_where(p, 1, h), "is repeated in the header",
                             "give every column a unique name")
        seen.add(h)
    data = rows[1:]
    while data and not any(c.strip() for c in data[-1]):
        data.pop()  # trailing blank lines
    for k, row in enumerate(data):
        if len(row) < len(header):  # trailing cells left out: empty (missing) values
            row.extend([""] * (len(header) - len(row)))
        elif len(row) > len(header):
            raise InputError(_where(p, k + 2), f"has {len(row)} cells, the header has "
                             f"{len(header)}", "give one cell per column")
    return pd.DataFrame(data, columns=header, dtype=str) if data else pd.DataFrame(
        columns=header, dtype=str)


def read_score_table(
    path: str | os.PathLike[str],
    *,
    model_column: str,
    score_columns: Sequence[str] | None = None,
    sep: str = ",",
    missing: Sequence[str] = ("", "-"),
    dedup: Dedup = "first",
    nonnegative: bool = False,
) -> pd.DataFrame:
    """Read a models x scores table, validate it and return float scores indexed by model.

    Parameters
    ----------
    path : path-like
    model_column : str
        Column holding the model names (must be present and non-empty on every row).
    score_columns : sequence of str, optional
        Required score columns (all other columns are dropped). Default: every column other than
        ``model_column``.
    sep : str
        Field delimiter.
    missing : sequence of str
        Cell strings read as missing (NaN). Any other cell must parse as a finite number.
    dedup : {"first", "last", "mean", "error"}
        Rule for repeated model names (see the module docstring).
    nonnegative : bool
        Reject negative scores.

    Returns
    -------
    pandas.DataFrame
        Index ``model`` (unique), float columns in the order of ``score_columns``. The frame's
        ``attrs`` record ``source`` (file name), ``dedup`` and ``duplicates`` (the repeated names).
    """
    p = Path(path)
    if dedup not in DEDUP_RULES:
        raise InputError("dedup", f"is {dedup!r}", f"use one of {', '.join(DEDUP_RULES)}")
    raw = read_raw_table(p, sep)
    if model_column not in raw.columns:
        raise InputError(_where(p, column=model_column), "is missing",
                         f"the table has columns {list(raw.columns)}")
    cols = [c for c in raw.columns if c != model_column] if score_columns is None \
        else list(score_columns)
    for c in cols:
        if c not in raw.columns:
            raise InputError(_where(p, column=c), "is missing",
                             f"the table has columns {list(raw.columns)}")
    if raw.empty:
        raise InputError(_where(p), "has no data rows", "give at least one model row")
    names = raw[model_column].str.strip()
    empty = np.flatnonzero(names.to_numpy() == "")
    if empty.size:
        raise InputError(_where(p, int(empty[0]) + 2, model_column), "model name is empty",
                         "give every row a model name")
    miss = set(missing)
    values = np.full((len(raw), len(cols)), np.nan)
    for j, c in enumerate(cols):
        cells = raw[c].str.strip()
        is_missing = cells.isin(miss).to_numpy()
        parsed = pd.to_numeric(cells.where(~is_missing, None), errors="coerce").to_numpy(float)
        bad = np.flatnonzero(~is_missing & ~np.isfinite(parsed))
        if bad.size:
            k = int(bad[0])
            raise InputError(_where(p, k + 2, c), f"value {raw[c].iloc[k]!r} is not a number",
                             f"write a finite number, or one of {sorted(miss)} for missing")
        if nonnegative:
            neg = np.flatnonzero(parsed < 0)
            if neg.size:
                k = int(neg[0])
                raise InputError(_where(p, k + 2, c), f"value {parsed[k]!r} is negative",
                                 "scores in this table must be >= 0")
        values[:, j] = parsed
    df = pd.DataFrame(values, columns=cols)
    df.insert(0, "model", names.to_numpy())
    dup_mask = df["model"].duplicated(keep=False)
    duplicates = tuple(dict.fromkeys(df.loc[dup_mask, "model"]))
    if duplicates and dedup == "error":
        line = int(np.flatnonzero(df["model"].duplicated().to_numpy())[0]) + 2
        raise InputError(_where(p, line, model_column),
                         f"model name {df['model'].iloc[line - 2]!r} is repeated",
                         "remove the repeated row or choose dedup='first', 'last' or 'mean'")
    if dedup == "mean":
        out = df.groupby("model", sort=False).mean()
    else:  # "error" reaches here only without repeated names
        keep = "first" if dedup == "error" else dedup
        out = df.drop_duplicates("model", keep=keep).set_index("model")
    out.attrs.update(source=p.name, dedup=dedup, duplicates=duplicates)
    return out

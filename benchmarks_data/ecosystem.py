"""The bundled table of real benchmarks (name, year, arXiv id, category, institutions, countries)
and its validating loader.

File format (CSV, UTF-8, header row): ``name, year, arxiv_id, category, institutions,
countries`` and optionally ``n_authors``. ``institutions`` and ``countries`` are ``;``-separated
lists of equal length: ``countries[k]`` is the ISO 3166-1 alpha-2 code of ``institutions[k]``.
The bundled file is ``benchmarks_data/ecosystem/benchmarks.csv`` (project-written, MIT; see
``benchmarks_data/ecosystem/PROVENANCE.md``).

Every problem raises :class:`benchgame.core.validation.InputError` naming the file, the row
(1-based line number in the file, the header being line 1) and the column.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import lazy_loader as lazy

from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = [
    "BENCHMARK_TABLE_COLUMNS",
    "bundled_benchmark_table_path",
    "load_benchmark_table",
    "validate_benchmark_table",
]

BENCHMARK_TABLE_COLUMNS = ("name", "year", "arxiv_id", "category", "institutions", "countries")
_OPTIONAL = ("n_authors",)
_NEW_ARXIV = re.compile(r"^\d{4}\.\d{4,5}(v\d+)?$")
_OLD_ARXIV = re.compile(r"^[a-z][a-z\-]*(\.[A-Z]{2})?/\d{7}(v\d+)?$")
_ISO2 = re.compile(r"^[A-Z]{2}$")


def bundled_benchmark_table_path() -> Path:
    """Path of the bundled benchmark table CSV.

    Returns
    -------
    pathlib.Path
        ``benchmarks_data/ecosystem/benchmarks.csv`` inside the installed package.

    Examples
    --------
    >>> bundled_benchmark_table_path().name
    'benchmarks.csv'
    """
    return Path(__file__).resolve().parent / "ecosystem" / "benchmarks.csv"


def _split(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in str(value).split(";") if p.strip())


def validate_benchmark_table(df: pd.DataFrame, source: str = "<table>") -> pd.DataFrame:
    """Validate a raw table (all cells as read) and return the normalised table.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per benchmark with the columns of :data:`BENCHMARK_TABLE_COLUMNS` (strings or
        numbers); ``institutions`` / ``countries`` may be ``;``-separated strings or sequences.
    source : str
        File name used in error messages.

    Returns
    -------
    pandas.DataFrame
        Columns ``name`` (str), ``year`` (int), ``arxiv_id`` (str), ``category`` (str),
        ``institutions`` and ``countries`` (tuples of str of equal length), and ``n_authors``
        (int) when present; the index is ``0..n-1`` in file order.

    Raises
    ------
    benchgame.core.validation.InputError
        Naming the row and column: a missing column, an empty or repeated name, a year that is
        not a year, an invalid arXiv id, an empty category, institution and country lists of
        different lengths, a country that is not an ISO-2 code, a repeated institution, or an
        invalid ``n_authors``.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025 (the
       benchmark-author-institution network this table approximates).

    Examples
    --------
    >>> import pandas as pd
    >>> table = validate_benchmark_table(pd.DataFrame({
    ...     "name": ["A"], "year": ["2020"], "arxiv_id": ["2001.00001"], "category": ["code"],
    ...     "institutions": ["MIT; Tsinghua"], "countries": ["US; CN"]}))
    >>> table.loc[0, "institutions"], table.loc[0, "countries"], int(table.loc[0, "year"])
    (('MIT', 'Tsinghua'), ('US', 'CN'), 2020)
    """
    if not isinstance(df, pd.DataFrame):
        raise InputError(source, f"is a {type(df).__name__}, not a table",
                         "give a pandas DataFrame or a CSV path")
    missing = [c for c in BENCHMARK_TABLE_COLUMNS if c not in df.columns]
    if missing:
        raise InputError(f"{source}: header", f"is missing column(s) {missing}",
                         f"the columns are {list(BENCHMARK_TABLE_COLUMNS)}")
    if len(df) == 0:
        raise InputError(source, "has no benchmark rows", "add at least one row")
    out: dict[str, list] = {c: [] for c in BENCHMARK_TABLE_COLUMNS}
    has_n = "n_authors" in df.columns
    if has_n:
        out["n_authors"] = []
    seen: dict[str, int] = {}
    for pos, (_, row) in enumerate(df.iterrows()):
        line = pos + 2

        def bad(col: str, problem: str, fix: str, line: int = line) -> InputError:
            return InputError(f"{source}: row {line}, column {col!r}", problem, fix)

        name = str(row["name"]).strip() if not pd.isna(row["name"]) else ""
        if not name:
            raise bad("name", "is empty", "give the benchmark's name")
        if name in seen:
            raise bad("name", f"{name!r} repeats row {seen[name]}", "give each benchmark once")
        seen[name] = line
        year_raw = row["year"]
        try:
            year_f = float(str(year_raw).strip())
        except ValueError:
            year_f = float("nan")
        if not (year_f == year_f and year_f == int(year_f) and 1950 <= year_f <= 2100):
            raise bad("year", f"is {year_raw!r}, not a year", "give a four-digit integer year")
        arxiv = "" if pd.isna(row["arxiv_id"]) else str(row["arxiv_id"]).strip()
        if not (_NEW_ARXIV.match(arxiv) or _OLD_ARXIV.match(arxiv)):
            raise bad("arxiv_id", f"is {arxiv!r}, not an arXiv identifier",
                      "use the form 2009.03300 (or archive/YYMMNNN for pre-2007 papers)")
        category = "" if pd.isna(row["category"]) else str(row["category"]).strip()
        if not category:
            raise bad("category", "is empty", "give a category such as 'knowledge' or 'code'")
        lists = {}
        for col in ("institutions", "countries"):
            cell = row[col]
            if isinstance(cell, (list, tuple)):
                items = tuple(str(x).strip() for x in cell if str(x).strip())
            else:
                items = () if pd.isna(cell) else _split(cell)
            if not items:
                raise bad(col, "is empty", "list at least one entry, ';'-separated")
            lists[col] = items
        if len(lists["institutions"]) != len(lists["countries"]):
            raise bad("countries", f"has {len(lists['countries'])} entries but 'institutions' "
                      f"has {len(lists['institutions'])}",
                      "give one ISO-2 country code per institution, in the same order")
        for c in lists["countries"]:
            if not _ISO2.match(c):
                raise bad("countries", f"entry {c!r} is not an ISO 3166-1 alpha-2 code",
                          "use two upper-case letters such as US, GB, CN")
        if len(set(lists["institutions"])) != len(lists["institutions"]):
            raise bad("institutions", "lists an institution twice", "list each institution once")
        if has_n:
            raw = row["n_authors"]
            try:
                n_f = float(str(raw).strip())
            except ValueError:
                n_f = float("nan")
            if not (n_f == n_f and n_f == int(n_f) and n_f >= 1):
                raise bad("n_authors", f"is {raw!r}", "give a positive integer number of authors")
            out["n_authors"].append(int(n_f))
        out["name"].append(name)
        out["year"].append(int(year_f))
        out["arxiv_id"].append(arxiv)
        out["category"].append(category)
        out["institutions"].append(lists["institutions"])
        out["countries"].append(lists["countries"])
    table = pd.DataFrame(out)
    table["year"] = table["year"].astype("int64")
    table.attrs["source"] = source
    return table


def load_benchmark_table(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load and validate a benchmark table (the bundled one by default).

    Parameters
    ----------
    path : path-like, optional
        A CSV in the format of the module docstring.

    Returns
    -------
    pandas.DataFrame
        See :func:`validate_benchmark_table`.

    Raises
    ------
    benchgame.core.validation.InputError
        If the file does not exist, cannot be read as CSV, or fails validation.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025 (the
       benchmark-author-institution network this table approximates).

    Examples
    --------
    >>> table = load_benchmark_table()
    >>> table.shape
    (43, 6)
    >>> row = table.loc[0]
    >>> row["name"], int(row["year"]), row["arxiv_id"], row["institutions"]
    ('SQuAD', 2016, '1606.05250', ('Stanford University',))
    """
    p = bundled_benchmark_table_path() if path is None else Path(path)
    if not p.is_file():
        raise InputError("path", f"{str(p)!r} does not exist or is not a file",
                         "give the path of a benchmark table CSV")
    try:
        raw = pd.read_csv(p, dtype=str, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise InputError(p.name, f"cannot be read as CSV ({type(exc).__name__}: "
                         f"{str(exc).splitlines()[0] if str(exc) else ''})",
                         "save it as UTF-8 CSV with a header row") from exc
    return validate_benchmark_table(raw, source=p.name)

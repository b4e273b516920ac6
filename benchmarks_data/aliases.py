"""Reviewed model-name alias table and canonical-name resolution across the bundled tables.

``benchmarks_data/aliases.csv`` (project-written, hand-checked) has one row per model name of each
bundled source: ``source, alias, canonical, note``. The canonical name of a model is its Chatbot
Arena name (the names of the leaderbot battle file) when the model is in the Arena; otherwise
another source's name (e.g. a LiveBench name) or the row's own name. The ``note`` states why two
names denote the same model (version suffix, serving variant, case). Joins never rely on
normalized strings: a name resolves only through a row of the table.

Sources: ``arena`` (leaderbot / IBM ``chatbot_arena``), ``obsscaling``, ``livebench`` (IBM
LiveBench snapshots) and ``mmlu_pro`` (IBM MMLU-Pro).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from benchgame.benchmarks_data.score_table import read_raw_table
from benchgame.core.validation import InputError

__all__ = ["AliasTable", "aliases_path", "join_on_canonical", "load_aliases"]

_COLUMNS = ("source", "alias", "canonical", "note")


def aliases_path() -> Path:
    """Path of the bundled alias table."""
    return Path(__file__).resolve().parent / "aliases.csv"


@dataclass(frozen=True)
class AliasTable:
    """Alias -> canonical mapping per source.

    Attributes
    ----------
    mapping : Mapping[str, Mapping[str, str]]
        ``mapping[source][alias] = canonical``.
    frame : pandas.DataFrame
        The table as read (columns ``source, alias, canonical, note``).
    """

    mapping: Mapping[str, Mapping[str, str]]
    frame: pd.DataFrame

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(self.mapping)

    def canonical(self, name: str, source: str) -> str:
        """Canonical name of ``name`` as written in ``source``; InputError if unknown."""
        table = self._source(source)
        if name not in table:
            raise InputError(f"model {name!r} (source {source!r})",
                             "is not in the alias table (unknown model name)",
                             "add a reviewed row to benchmarks_data/aliases.csv")
        return table[name]

    def resolve(self, names: Iterable[str], source: str, *, strict: bool = True) -> list[str]:
        """Canonical names for ``names``; unknown names raise (``strict``) or pass unchanged."""
        table = self._source(source)
        out = []
        for k, n in enumerate(names):
            if n in table:
                out.append(table[n])
            elif strict:
                raise InputError(f"model {n!r} (position {k}, source {source!r})",
                                 "is not in the alias table (unknown model name)",
                                 "add a reviewed row to benchmarks_data/aliases.csv or pass "
                                 "strict=False")
            else:
                out.append(n)
        return out

    def reindex(self, df: pd.DataFrame, source: str, *, strict: bool = True) -> pd.DataFrame:
        """``df`` (indexed by model names of ``source``) re-indexed by canonical names."""
        out = df.copy()
        out.index = pd.Index(self.resolve(df.index, source, strict=strict), name="model")
        if not out.index.is_unique:
            dup = out.index[out.index.duplicated()][0]
            raise InputError(f"source {source!r}", f"two models resolve to {dup!r}",
                             "de-duplicate the table or fix the alias rows")
        return out

    def _source(self, source: str) -> Mapping[str, str]:
        if source not in self.mapping:
            raise InputError("source", f"{source!r} is not in the alias table",
                             f"use one of {', '.join(self.mapping)}")
        return self.mapping[source]


def load_aliases(path: str | os.PathLike[str] | None = None) -> AliasTable:
    """Read and validate an alias table (default: the bundled one).

    Each ``(source, alias)`` must appear once (so it maps to exactly one canonical name) and every
    cell must be non-empty (``note`` may be empty).
    """
    p = aliases_path() if path is None else Path(path)
    if path is None:
        return _bundled()
    return _read(p)


@lru_cache(maxsize=1)
def _bundled() -> AliasTable:
    return _read(aliases_path())


def _read(p: Path) -> AliasTable:
    raw = read_raw_table(p)
    for c in _COLUMNS[:3]:
        if c not in raw.columns:
            raise InputError(f"file {p.name!r}, column {c!r}", "is missing",
                             f"give columns {', '.join(_COLUMNS)}")
    mapping: dict[str, dict[str, str]] = {}
    for k, row in enumerate(raw.itertuples(index=False)):
        rec = row._asdict()
        for c in _COLUMNS[:3]:
            if not str(rec[c]).strip():
                raise InputError(f"file {p.name!r}, row {k + 2}, column {c!r}", "is empty",
                                 "fill in every source, alias and canonical cell")
        src, alias, canon = rec["source"].strip(), rec["alias"].strip(), rec["canonical"].strip()
        table = mapping.setdefault(src, {})
        if alias in table:
            raise InputError(f"file {p.name!r}, row {k + 2}, column 'alias'",
                             f"{alias!r} is listed twice for source {src!r}",
                             "each alias maps to exactly one canonical name")
        table[alias] = canon
    frozen = MappingProxyType({s: MappingProxyType(t) for s, t in mapping.items()})
    return AliasTable(frozen, raw)


def join_on_canonical(tables: Mapping[str, tuple[pd.DataFrame, str]], *,
                      aliases: AliasTable | None = None, how: str = "inner",
                      strict: bool = True) -> pd.DataFrame:
    """Join score tables on canonical model names.

    Parameters
    ----------
    tables : mapping ``prefix -> (frame, source)``
        Each frame is indexed by model names of ``source``; its columns are prefixed
        ``"<prefix>:"`` in the result.
    how : {"inner", "outer"}
    """
    if how not in ("inner", "outer"):
        raise InputError("how", f"is {how!r}", "use 'inner' or 'outer'")
    if not tables:
        raise InputError("tables", "is empty", "give at least one table")
    al = load_aliases() if aliases is None else aliases
    parts = [al.reindex(df, src, strict=strict).add_prefix(f"{prefix}:")
             for prefix, (df, src) in tables.items()]
    out = parts[0]
    for part in parts[1:]:
        out = out.join(part, how=how)
    return out

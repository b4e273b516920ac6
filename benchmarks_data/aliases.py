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

import lazy_loader as lazy

from benchgame.benchmarks_data.score_table import read_raw_table
from benchgame.core.serialize import to_jsonable
from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = ["AliasTable", "aliases_path", "join_on_canonical", "load_aliases"]

_COLUMNS = ("source", "alias", "canonical", "note")


def aliases_path() -> Path:
    """Path of the bundled alias table.

    Returns
    -------
    pathlib.Path
        ``benchmarks_data/aliases.csv`` inside the installed package.

    Examples
    --------
    >>> aliases_path().name
    'aliases.csv'
    """
    return Path(__file__).resolve().parent / "aliases.csv"


@dataclass(frozen=True)
class AliasTable:
    """Alias -> canonical mapping per source.

    Parameters
    ----------
    mapping : Mapping[str, Mapping[str, str]]
        ``mapping[source][alias] = canonical``.
    frame : pandas.DataFrame
        The table as read (columns ``source, alias, canonical, note``).

    References
    ----------
    .. [1] W.-L. Chiang et al., "Chatbot Arena: an open platform for evaluating LLMs by human
       preference", ICML 2024 (canonical names are Arena names).

    Examples
    --------
    >>> table = load_aliases()
    >>> table.sources
    ('arena', 'obsscaling', 'livebench', 'mmlu_pro')
    >>> table.canonical("gpt-4-0613", "obsscaling")
    'gpt-4-0613'
    """

    mapping: Mapping[str, Mapping[str, str]]
    frame: pd.DataFrame

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources of the table, in file order."""
        return tuple(self.mapping)

    def canonical(self, name: str, source: str) -> str:
        """Canonical name of ``name`` as written in ``source``.

        Parameters
        ----------
        name : str
            A model name as written in ``source``.
        source : str
            One of :attr:`sources`.

        Returns
        -------
        str
            The canonical name.

        Raises
        ------
        benchgame.core.validation.InputError
            If ``source`` or ``name`` is not in the table.
        """
        table = self._source(source)
        if name not in table:
            raise InputError(f"model {name!r} (source {source!r})",
                             "is not in the alias table (unknown model name)",
                             "add a reviewed row to benchmarks_data/aliases.csv")
        return table[name]

    def resolve(self, names: Iterable[str], source: str, *, strict: bool = True) -> list[str]:
        """Canonical names for ``names``; unknown names raise (``strict``) or pass unchanged.

        Parameters
        ----------
        names : iterable of str
            Model names as written in ``source``.
        source : str
            One of :attr:`sources`.
        strict : bool
            Raise on an unknown name (else keep it unchanged).

        Returns
        -------
        list of str
            The canonical names, in input order.

        Raises
        ------
        benchgame.core.validation.InputError
            If ``source`` is unknown, or a name is unknown and ``strict`` is true.
        """
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
        """``df`` (indexed by model names of ``source``) re-indexed by canonical names.

        Parameters
        ----------
        df : pandas.DataFrame
            Indexed by model names of ``source``.
        source : str
            One of :attr:`sources`.
        strict : bool
            Raise on an unknown name (else keep it unchanged).

        Returns
        -------
        pandas.DataFrame
            A copy indexed by canonical names (index name ``model``).

        Raises
        ------
        benchgame.core.validation.InputError
            If a name is unknown (``strict``) or two models resolve to the same canonical name.
        """
        out = df.copy()
        out.index = pd.Index(self.resolve(df.index, source, strict=strict), name="model")
        if not out.index.is_unique:
            dup = out.index[out.index.duplicated()][0]
            raise InputError(f"source {source!r}", f"two models resolve to {dup!r}",
                             "de-duplicate the table or fix the alias rows")
        return out

    def to_frame(self) -> pd.DataFrame:
        """The table, one row per (source, model name as written there).

        Returns
        -------
        pandas.DataFrame
            Index ``(source, alias)``; columns ``canonical`` and ``note`` (empty when the file
            has none), in file order, with the cells as resolved (surrounding spaces removed).

        Examples
        --------
        >>> load_aliases().to_frame().loc[("livebench", "gpt-4-0613")].tolist()
        ['gpt-4-0613', 'identical Arena name']
        """
        df = self.frame.copy()
        if "note" not in df.columns:
            df["note"] = ""
        for c in _COLUMNS:
            df[c] = df[c].astype(str).str.strip()
        return df.set_index(["source", "alias"])[["canonical", "note"]]

    def to_dict(self) -> dict:
        """The table as JSON-safe data.

        Returns
        -------
        dict
            ``sources`` (in file order) and ``aliases``: one record ``source, alias,
            canonical, note`` per row of :meth:`to_frame`.

        Examples
        --------
        >>> d = load_aliases().to_dict()
        >>> d["sources"], d["aliases"][0]
        (['arena', 'obsscaling', 'livebench', 'mmlu_pro'], {'source': 'arena', \
'alias': 'RWKV-4-Raven-14B', 'canonical': 'RWKV-4-Raven-14B', 'note': 'Arena name (canonical)'})
        """
        return {"sources": list(self.sources), "aliases": to_jsonable(self.to_frame())}

    def _source(self, source: str) -> Mapping[str, str]:
        if source not in self.mapping:
            raise InputError("source", f"{source!r} is not in the alias table",
                             f"use one of {', '.join(self.mapping)}")
        return self.mapping[source]


def load_aliases(path: str | os.PathLike[str] | None = None) -> AliasTable:
    """Read and validate an alias table (default: the bundled one).

    Each ``(source, alias)`` must appear once (so it maps to exactly one canonical name) and every
    cell must be non-empty (``note`` may be empty).

    Parameters
    ----------
    path : path-like, optional
        A CSV with columns ``source, alias, canonical, note``; default: the bundled table
        (read once and cached).

    Returns
    -------
    AliasTable
        The validated mapping and the table as read.

    Raises
    ------
    benchgame.core.validation.InputError
        If the file is unreadable, a column is missing, a required cell is empty, or an alias is
        listed twice for a source.

    References
    ----------
    .. [1] W.-L. Chiang et al., "Chatbot Arena: an open platform for evaluating LLMs by human
       preference", ICML 2024 (canonical names are Arena names).

    Examples
    --------
    >>> table = load_aliases()
    >>> len(table.frame), table.sources
    (308, ('arena', 'obsscaling', 'livebench', 'mmlu_pro'))
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
    aliases : AliasTable, optional
        The alias table (default: the bundled one).
    how : {"inner", "outer"}
        Keep the models of every table (inner) or of any table (outer).
    strict : bool
        Raise on a model name missing from the alias table (else keep it unchanged).

    Returns
    -------
    pandas.DataFrame
        Indexed by canonical model name, with the prefixed columns of every table.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``how`` is unknown, ``tables`` is empty, or a name does not resolve.

    References
    ----------
    .. [1] L. Spangher et al., "Project MPG: towards a generalized performance benchmark for LLM
       capabilities", arXiv:2410.22368, 2024 (scores from several sources compared on the same
       models).

    Examples
    --------
    >>> from benchgame.benchmarks_data.ibm_benchbench import load_ibm_table
    >>> from benchgame.benchmarks_data.obsscaling import load_obsscaling
    >>> live = load_ibm_table("livebench_240829_holistic")[["livebench_240725"]]
    >>> joined = join_on_canonical({"obs": (load_obsscaling()[["MMLU"]], "obsscaling"),
    ...                             "lb": (live, "livebench")})
    >>> joined.round(3)
                     obs:MMLU  lb:livebench_240725
    model
    gpt-4-0613          0.864                45.60
    vicuna-7b           0.503                12.57
    llama-2-7b-chat     0.471                11.63
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

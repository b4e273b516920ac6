"""Model-to-benchmark links from free text: whole-word, case-sensitive benchmark mentions.

[RECON] (spec ``ecosystem_concentration.md`` section 2.1, optional model layer, and authority
reading (i), usage). Model cards or analysis texts (e.g. the ``analysis`` field of the Stanford
Ecosystem Graphs, which benchgame does not vendor because it carries no licence) mention the
benchmarks a model reports. A mention of name N in text T is an occurrence of N, case-sensitive,
not preceded or followed by a letter or digit ("ARC" does not match inside "ARCHIVE", and never
inside "research"). Longer names are matched first and their spans blanked, so "MMLU-Pro" does not
also count as a mention of "MMLU".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import networkx as nx
import pandas as pd

from benchgame.core.validation import InputError

__all__ = ["add_model_nodes", "benchmark_mentions", "usage_counts"]


def _pattern(name: str) -> re.Pattern:
    return re.compile(r"(?<![A-Za-z0-9])" + re.escape(name) + r"(?![A-Za-z0-9])")


def benchmark_mentions(documents: Mapping[str, str] | pd.Series,
                       names: Iterable[str]) -> pd.DataFrame:
    """Which documents mention which benchmarks.

    Parameters
    ----------
    documents : mapping or Series from a model (or document) id to its text
    names : iterable of str
        Benchmark names to look for (e.g. the table's ``name`` column).

    Returns
    -------
    pandas.DataFrame
        Columns ``model, benchmark, count`` (one row per pair with count >= 1), sorted.
    """
    docs = dict(documents.items()) if isinstance(documents, pd.Series) else dict(documents)
    names = [str(n) for n in names]
    if any(not n.strip() for n in names):
        raise InputError("names", "contains an empty name", "remove it")
    for key, text in docs.items():
        if not isinstance(text, str):
            raise InputError(f"documents[{key!r}]", f"is a {type(text).__name__}",
                             "give the text as a string")
    order = sorted(set(names), key=lambda n: (-len(n), n))
    patterns = [(n, _pattern(n)) for n in order]
    rows = []
    for key, text in docs.items():
        work = text
        for n, pat in patterns:
            hits = list(pat.finditer(work))
            if hits:
                rows.append((str(key), n, len(hits)))
                work = pat.sub(lambda m: " " * len(m.group(0)), work)
    out = pd.DataFrame(rows, columns=["model", "benchmark", "count"])
    return out.sort_values(["model", "benchmark"], kind="stable").reset_index(drop=True)


def usage_counts(mentions: pd.DataFrame, names: Iterable[str]) -> pd.Series:
    """Number of distinct models mentioning each benchmark (0 when none): authority reading (i)."""
    names = [str(n) for n in names]
    counts = mentions.groupby("benchmark")["model"].nunique()
    return counts.reindex(names, fill_value=0).astype(float).rename("usage")


def add_model_nodes(graph: nx.Graph, mentions: pd.DataFrame) -> nx.Graph:
    """A copy of ``graph`` with nodes ``"M:<model>"`` (kind "model") linked to the benchmarks
    they mention. Mentions of benchmarks absent from the graph raise :class:`InputError`."""
    g = graph.copy()
    for model, bench in mentions[["model", "benchmark"]].itertuples(index=False):
        b = f"B:{bench}"
        if b not in g:
            raise InputError("mentions", f"names benchmark {bench!r}, not in the graph",
                             "build the graph from a table that lists it")
        g.add_node(f"M:{model}", kind="model")
        g.add_edge(f"M:{model}", b)
    return g

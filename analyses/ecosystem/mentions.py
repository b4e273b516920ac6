"""Model-to-benchmark links from free text: whole-word, case-sensitive benchmark mentions.

Model-to-benchmark links add an optional model layer to the benchmark-author-institution network
of Cebrian, Kito and Castro Fernandez (arXiv:2510.01286, whose model data come from the Stanford
Foundation-Model Ecosystem Graph), and give one reading of "inferred benchmark authority":
usage. The paper does not define authority; this reading is this library's reconstruction. Model
cards or analysis texts (e.g. the ``analysis`` field of the Stanford Ecosystem Graphs, which
benchgame does not vendor because it carries no licence) mention the benchmarks a model reports.
A mention of name N in text T is an occurrence of N, case-sensitive, not preceded or followed by
a letter or digit ("ARC" does not match inside "ARCHIVE", and never inside "research"). Longer
names are matched first and their spans blanked, so "MMLU-Pro" does not also count as a mention
of "MMLU".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import lazy_loader as lazy

from benchgame.core.validation import InputError

nx = lazy.load("networkx")
pd = lazy.load("pandas")

__all__ = ["add_model_nodes", "benchmark_mentions", "usage_counts"]


def _pattern(name: str) -> re.Pattern:
    return re.compile(r"(?<![A-Za-z0-9])" + re.escape(name) + r"(?![A-Za-z0-9])")


def benchmark_mentions(documents: Mapping[str, str] | pd.Series,
                       names: Iterable[str]) -> pd.DataFrame:
    """Which documents mention which benchmarks.

    Parameters
    ----------
    documents : mapping or pandas.Series
        From a model (or document) id to its text.
    names : iterable of str
        Benchmark names to look for (e.g. the table's ``name`` column).

    Returns
    -------
    pandas.DataFrame
        Columns ``model, benchmark, count`` (one row per pair with count >= 1), sorted.

    Raises
    ------
    benchgame.core.validation.InputError
        If a name is empty or a document is not a string.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025 (its data for the
       model layer: the Stanford Foundation-Model Ecosystem Graph).

    Examples
    --------
    >>> docs = {"m1": "Reports MMLU and MMLU-Pro (see the ARCHIVE).",
    ...         "m2": "Evaluated on ARC and GSM8K."}
    >>> benchmark_mentions(docs, ["MMLU", "MMLU-Pro", "ARC", "GSM8K", "HumanEval"])
      model benchmark  count
    0    m1      MMLU      1
    1    m1  MMLU-Pro      1
    2    m2       ARC      1
    3    m2     GSM8K      1
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
    """Count the distinct models mentioning each benchmark (0 when none): usage authority.

    Parameters
    ----------
    mentions : pandas.DataFrame
        Output of :func:`benchmark_mentions` (columns ``model, benchmark``).
    names : iterable of str
        The benchmarks to count, in output order.

    Returns
    -------
    pandas.Series
        Named ``usage``, indexed by ``names``, float counts.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract:
       "inferred benchmark authority" (usage is one reading of it).

    Examples
    --------
    >>> docs = {"m1": "MMLU and ARC.", "m2": "ARC only."}
    >>> usage_counts(benchmark_mentions(docs, ["MMLU", "ARC"]), ["MMLU", "ARC", "GSM8K"])
    benchmark
    MMLU     1.0
    ARC      2.0
    GSM8K    0.0
    Name: usage, dtype: float64
    """
    names = [str(n) for n in names]
    counts = mentions.groupby("benchmark")["model"].nunique()
    return counts.reindex(names, fill_value=0).astype(float).rename("usage")


def add_model_nodes(graph: nx.Graph, mentions: pd.DataFrame) -> nx.Graph:
    """Add model nodes ``"M:<model>"`` (kind "model") linked to the benchmarks they mention.

    Parameters
    ----------
    graph : networkx.Graph
        A graph from :func:`benchgame.analyses.ecosystem.network.build_ecosystem_graph`; it is
        not modified.
    mentions : pandas.DataFrame
        Output of :func:`benchmark_mentions` (columns ``model, benchmark``).

    Returns
    -------
    networkx.Graph
        A copy of ``graph`` with the model nodes and model-benchmark edges.

    Raises
    ------
    benchgame.core.validation.InputError
        If a mention names a benchmark absent from the graph.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract: the
       model layer of the ecosystem is decentralizing.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph([("B:ARC", "I:AI2"), ("B:GSM8K", "I:OpenAI")])
    >>> m = benchmark_mentions({"m2": "Evaluated on ARC and GSM8K."}, ["ARC", "GSM8K"])
    >>> sorted(add_model_nodes(g, m).edges("M:m2"))
    [('M:m2', 'B:ARC'), ('M:m2', 'B:GSM8K')]
    """
    g = graph.copy()
    for model, bench in mentions[["model", "benchmark"]].itertuples(index=False):
        b = f"B:{bench}"
        if b not in g:
            raise InputError("mentions", f"names benchmark {bench!r}, not in the graph",
                             "build the graph from a table that lists it")
        g.add_node(f"M:{model}", kind="model")
        g.add_edge(f"M:{model}", b)
    return g

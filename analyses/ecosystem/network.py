"""The benchmark-author-institution graph and betweenness concentration.

The paper (Cebrian, Kito, Castro Fernandez, arXiv:2510.01286, abstract) reports that in the
inferred benchmark-author-institution network "the top 15% of nodes account for more than 80% of
high-betweenness paths"; its definitions are not public, so the graph and both metrics below are
this library's reconstruction. Two readings are implemented:

* **Betweenness share** (the default headline metric here): with Brandes betweenness
  :math:`b(v) = \\sum_{s \\ne v \\ne t} \\sigma_{st}(v)/\\sigma_{st}`,

  .. math:: S_q = \\frac{\\sum_{v \\in T_q} b(v)}{\\sum_v b(v)},\\qquad
            T_q = \\text{the } \\lceil qN \\rceil \\text{ nodes of largest } b.

  Normalisation of b cancels. Ties at the cut do not change :math:`S_q`.
* **Path coverage** :math:`C_q`: the share of connected unordered pairs {s, t} (s != t) having a
  shortest path with an interior node in :math:`T_q` (a pair is covered through v iff
  :math:`d(s,v) + d(v,t) = d(s,t)`, s, t != v). Ties at the cut are broken by node name.

Graph: undirected, nodes ``"B:<benchmark>"``, ``"P:<author>"``, ``"I:<institution>"`` with
attribute ``kind`` in {"benchmark", "author", "institution"}; benchmarks carry ``year`` and
``category``, institutions ``country``. Edges benchmark-author and author-institution. Without
author-level data the author layer is collapsed: edges run benchmark-institution.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import lazy_loader as lazy
import numpy as np

from benchgame.analyses.ecosystem.credit import affiliation_links
from benchgame.core.validation import InputError

nx = lazy.load("networkx")
pd = lazy.load("pandas")

__all__ = [
    "BetweennessConcentration",
    "benchmark_betweenness",
    "betweenness_share",
    "build_ecosystem_graph",
    "path_coverage",
]


def build_ecosystem_graph(table: pd.DataFrame, authorship: pd.DataFrame | None = None
                          ) -> nx.Graph:
    """Build the benchmark-(author-)institution graph of a validated benchmark table.

    Parameters
    ----------
    table : pandas.DataFrame
        A validated benchmark table
        (:func:`benchgame.benchmarks_data.ecosystem.validate_benchmark_table`).
    authorship : pandas.DataFrame, optional
        Columns ``benchmark, author, institution, country``: adds the author layer.

    Returns
    -------
    networkx.Graph
        Undirected; nodes and edges as in the module docstring.

    Raises
    ------
    benchgame.core.validation.InputError
        If an institution is given two countries, or ``authorship`` is invalid.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract: the
       inferred benchmark-author-institution network.

    Examples
    --------
    >>> import pandas as pd
    >>> from benchgame.benchmarks_data.ecosystem import validate_benchmark_table
    >>> table = validate_benchmark_table(pd.DataFrame({
    ...     "name": ["A", "B", "C"], "year": [2020, 2021, 2022],
    ...     "arxiv_id": ["2001.00001", "2101.00002", "2201.00003"],
    ...     "category": ["code", "math", "chat"],
    ...     "institutions": ["MIT;Tsinghua", "MIT", "MIT;ETH"],
    ...     "countries": ["US;CN", "US", "US;CH"]}))
    >>> g = build_ecosystem_graph(table)
    >>> sorted(g.nodes(data="kind"))[:4]
    [('B:A', 'benchmark'), ('B:B', 'benchmark'), ('B:C', 'benchmark'), ('I:ETH', 'institution')]
    >>> g.number_of_edges()
    5
    """

    g = nx.Graph()
    for name, year, cat in zip(table["name"], table["year"], table["category"], strict=True):
        g.add_node(f"B:{name}", kind="benchmark", year=int(year), category=str(cat))
    links = affiliation_links(table, authorship)
    for inst, country in links[["institution", "country"]].drop_duplicates().itertuples(
            index=False):
        node = f"I:{inst}"
        if node in g and g.nodes[node]["country"] != country:
            raise InputError("institutions", f"{inst!r} is given countries "
                             f"{g.nodes[node]['country']!r} and {country!r}",
                             "give each institution one country")
        g.add_node(node, kind="institution", country=str(country))
    if authorship is None:
        g.add_edges_from((f"B:{b}", f"I:{i}") for b, i in
                         links[["benchmark", "institution"]].itertuples(index=False))
    else:
        for b, p, i in links[["benchmark", "author", "institution"]].itertuples(index=False):
            g.add_node(f"P:{p}", kind="author")
            g.add_edge(f"B:{b}", f"P:{p}")
            g.add_edge(f"P:{p}", f"I:{i}")
    return g


@dataclass(frozen=True)
class BetweennessConcentration:
    """Betweenness share :math:`S_q` and path coverage :math:`C_q` of one graph.

    Parameters
    ----------
    q : float
        Top fraction of nodes.
    n_nodes : int
        Nodes in the graph, N.
    k : int
        Nodes in the top set, :math:`k = \\lceil qN \\rceil`.
    share : float
        :math:`S_q` (NaN-free: a graph without any shortest path through a node has share 0).
    coverage : float
        :math:`C_q`.
    top_nodes : tuple of str
        :math:`T_q`, largest betweenness first (ties by name).
    total_betweenness : float
        :math:`\\sum_v b(v)`, unnormalised.
    method : str
        The betweenness algorithm and the headline metric.

    References
    ----------
    .. [1] U. Brandes, "A faster algorithm for betweenness centrality", Journal of Mathematical
       Sociology 25(2):163-177, 2001.
    .. [2] M. Cebrian, T. Kito and R. Castro Fernandez, arXiv:2510.01286, 2025, abstract: the top
       15% of nodes account for more than 80% of high-betweenness paths.
    """

    q: float
    n_nodes: int
    k: int
    share: float
    coverage: float
    top_nodes: tuple[str, ...]
    total_betweenness: float
    method: str = "brandes betweenness (networkx, unnormalised); S_q default"

    def to_dict(self) -> dict:
        """The fields as a plain dictionary (for JSON output).

        Returns
        -------
        dict
            One key per field; ``top_nodes`` as a list.
        """
        return {"q": self.q, "n_nodes": self.n_nodes, "k": self.k, "share": self.share,
                "coverage": self.coverage, "top_nodes": list(self.top_nodes),
                "total_betweenness": self.total_betweenness, "method": self.method}


def _check_graph(g: nx.Graph) -> None:
    if not isinstance(g, nx.Graph) or g.is_directed():
        raise InputError("graph", "is not an undirected networkx Graph",
                         "build it with build_ecosystem_graph or networkx.Graph")
    if g.number_of_nodes() < 3:
        raise InputError("graph", f"has {g.number_of_nodes()} nodes",
                         "betweenness needs at least 3 nodes")


def _top_nodes(bc: dict, q: float) -> tuple[str, ...]:
    if not (0.0 < float(q) <= 1.0):
        raise InputError("q", f"is {q!r}", "give a fraction in (0, 1]")
    k = max(1, math.ceil(float(q) * len(bc) - 1e-12))
    order = sorted(bc, key=lambda v: (-bc[v], str(v)))
    return tuple(order[:k])


def path_coverage(g: nx.Graph, nodes) -> float:
    """Share of connected unordered pairs {s, t} with a shortest path through ``nodes`` (interior).

    Exact: all-pairs BFS distances (``scipy.sparse.csgraph``), then for each v in ``nodes`` the
    pairs with :math:`d(s,v)+d(v,t)=d(s,t)`, s, t != v. Cost :math:`O(N^2 (|nodes| + \\bar d))`.

    Parameters
    ----------
    g : networkx.Graph
        Undirected graph with at least 3 nodes.
    nodes : iterable
        Nodes of ``g`` (e.g. the top set :math:`T_q`).

    Returns
    -------
    float
        :math:`C_q` in [0, 1]; 0 for a graph without connected pairs.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``g`` is not an undirected graph with at least 3 nodes or a node is not in ``g``.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract: "the top
       15% of nodes account for more than 80% of high-betweenness paths" (the path reading).

    Examples
    --------
    >>> import networkx as nx
    >>> star = nx.star_graph(4)  # centre 0 and four leaves: the 6 leaf pairs pass through 0
    >>> path_coverage(star, [0])
    0.6
    """
    _check_graph(g)
    order = list(g.nodes)
    index = {v: i for i, v in enumerate(order)}
    missing = [v for v in nodes if v not in index]
    if missing:
        raise InputError("nodes", f"are not in the graph: {missing[:5]}", "give graph nodes")
    adj = nx.to_scipy_sparse_array(g, nodelist=order, weight=None, format="csr")
    from scipy.sparse.csgraph import shortest_path  # deferred: scipy.sparse loads slowly

    d = shortest_path(adj, method="D", unweighted=True, directed=False)
    n = len(order)
    connected = np.isfinite(d) & ~np.eye(n, dtype=bool)
    dd = np.where(np.isfinite(d), d, -1.0).round().astype(np.int64)
    covered = np.zeros((n, n), dtype=bool)
    for v in nodes:
        j = index[v]
        via = dd[:, j][:, None] + dd[j, :][None, :]
        hit = (via == dd) & (dd[:, j] > 0)[:, None] & (dd[j, :] > 0)[None, :]
        covered |= hit
    pairs = int(np.triu(connected, 1).sum())
    if pairs == 0:
        return 0.0
    return float(np.triu(covered & connected, 1).sum() / pairs)


def betweenness_share(g: nx.Graph, q: float = 0.15) -> BetweennessConcentration:
    """Betweenness share :math:`S_q` and path coverage :math:`C_q` (module docstring).

    Parameters
    ----------
    g : networkx.Graph
        Undirected graph with at least 3 nodes.
    q : float
        Top fraction of nodes (the paper's 15%: ``q = 0.15``), in (0, 1].

    Returns
    -------
    BetweennessConcentration
        :math:`S_q`, :math:`C_q`, the top nodes and the total betweenness.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``g`` is not an undirected graph with at least 3 nodes or ``q`` is not in (0, 1].

    References
    ----------
    .. [1] U. Brandes, "A faster algorithm for betweenness centrality", Journal of Mathematical
       Sociology 25(2):163-177, 2001.
    .. [2] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract: the top
       15% of nodes account for more than 80% of high-betweenness paths.

    Examples
    --------
    >>> import pandas as pd
    >>> from benchgame.benchmarks_data.ecosystem import validate_benchmark_table
    >>> table = validate_benchmark_table(pd.DataFrame({
    ...     "name": ["A", "B", "C"], "year": [2020, 2021, 2022],
    ...     "arxiv_id": ["2001.00001", "2101.00002", "2201.00003"],
    ...     "category": ["code", "math", "chat"],
    ...     "institutions": ["MIT;Tsinghua", "MIT", "MIT;ETH"],
    ...     "countries": ["US;CN", "US", "US;CH"]}))
    >>> r = betweenness_share(build_ecosystem_graph(table), q=0.15)
    >>> r.top_nodes, r.share, round(r.coverage, 4)
    (('I:MIT',), 0.5, 0.5333)
    """
    _check_graph(g)
    bc = nx.betweenness_centrality(g, normalized=False)
    top = _top_nodes(bc, q)
    total = float(sum(bc.values()))
    share = float(sum(bc[v] for v in top) / total) if total > 0 else 0.0
    return BetweennessConcentration(q=float(q), n_nodes=g.number_of_nodes(), k=len(top),
                                    share=share, coverage=path_coverage(g, top),
                                    top_nodes=top, total_betweenness=total)


def benchmark_betweenness(g: nx.Graph) -> pd.Series:
    """Betweenness (unnormalised) of the benchmark nodes, indexed by benchmark name.

    One choice of the pluggable authority vector: the paper does not define "inferred benchmark
    authority", and betweenness is one reading of it.

    Parameters
    ----------
    g : networkx.Graph
        A graph from :func:`build_ecosystem_graph` (benchmark nodes have kind "benchmark").

    Returns
    -------
    pandas.Series
        Named ``betweenness``, indexed by benchmark name (without the ``"B:"`` prefix).

    Raises
    ------
    benchgame.core.validation.InputError
        If ``g`` is not an undirected graph with at least 3 nodes.

    References
    ----------
    .. [1] U. Brandes, "A faster algorithm for betweenness centrality", Journal of Mathematical
       Sociology 25(2):163-177, 2001.
    .. [2] M. Cebrian, T. Kito and R. Castro Fernandez, arXiv:2510.01286, 2025, abstract:
       "inferred benchmark authority".

    Examples
    --------
    >>> import pandas as pd
    >>> from benchgame.benchmarks_data.ecosystem import validate_benchmark_table
    >>> table = validate_benchmark_table(pd.DataFrame({
    ...     "name": ["A", "B", "C"], "year": [2020, 2021, 2022],
    ...     "arxiv_id": ["2001.00001", "2101.00002", "2201.00003"],
    ...     "category": ["code", "math", "chat"],
    ...     "institutions": ["MIT;Tsinghua", "MIT", "MIT;ETH"],
    ...     "countries": ["US;CN", "US", "US;CH"]}))
    >>> benchmark_betweenness(build_ecosystem_graph(table)).to_dict()
    {'A': 4.0, 'B': 0.0, 'C': 4.0}
    """
    _check_graph(g)
    bc = nx.betweenness_centrality(g, normalized=False)
    data = {v[2:]: float(b) for v, b in bc.items() if g.nodes[v].get("kind") == "benchmark"}
    return pd.Series(data, name="betweenness", dtype=float)

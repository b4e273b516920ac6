"""All concentration metrics of one benchmark table in one call.

Combines the graph metrics (:mod:`benchgame.analyses.ecosystem.network`), the authority roll-up and
the country shares (:mod:`benchgame.analyses.ecosystem.credit`) and the concentration indices
(:mod:`benchgame.analyses.ecosystem.concentration`). The paper (arXiv:2510.01286) reports, on its
own inferred network, :math:`S_{0.15} > 0.80`, a top-3 country share of 0.83 and an authority Gini
of 0.89; the bundled table is a small, different sample, so its values are not expected to match.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import lazy_loader as lazy

from benchgame.analyses.ecosystem.concentration import Concentration, concentration
from benchgame.analyses.ecosystem.credit import country_shares, rollup_authority
from benchgame.analyses.ecosystem.network import (
    BetweennessConcentration,
    benchmark_betweenness,
    betweenness_share,
    build_ecosystem_graph,
)
from benchgame.core.serialize import html_repr
from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = ["PAPER_FIGURES", "EcosystemMetrics", "authority_holdings", "ecosystem_metrics",
           "paper_comparison"]

PAPER_SOURCE = ("Cebrian, Kito, Castro Fernandez 2025, \"Emergent evaluation hubs in a "
                "decentralizing large language model ecosystem\", arXiv:2510.01286, abstract")
PAPER_FIGURES = {
    "betweenness_share": {"paper": 0.80, "relation": ">", "metric": "betweenness.share",
                          "statistic": "top 15% of nodes account for more than 80% of "
                                       "high-betweenness paths", "q": 0.15},
    "top3_country_share": {"paper": 0.83, "relation": "=", "metric": "top_countries.fractional",
                           "statistic": "three countries produce 83% of benchmark outputs "
                                        "(counting mode not stated)", "k": 3},
    "authority_gini": {"paper": 0.89, "relation": "=", "metric": "institutions.gini",
                       "statistic": "global Gini of inferred benchmark authority"},
}
"""The paper's reported concentration figures, each with the metric of :class:`EcosystemMetrics`
it corresponds to (``metric``, a key path of :meth:`EcosystemMetrics.to_dict`)."""


@dataclass(frozen=True)
class EcosystemMetrics:
    """Concentration metrics of a benchmark table.

    Parameters
    ----------
    n_benchmarks : int
        Benchmarks in the table.
    n_institutions : int
        Institutions credited with authority.
    n_countries : int
        Countries in the fractional country shares.
    n_nodes : int
        Nodes of the benchmark-(author-)institution graph.
    n_edges : int
        Edges of the graph.
    authority : str
        Which authority vector was rolled up (``"output"``: 1 per benchmark; ``"betweenness"``;
        ``"custom"``).
    betweenness : BetweennessConcentration
        :math:`S_q` (headline) and :math:`C_q` on the graph.
    institutions : Concentration
        Gini / HHI / top-k share of authority rolled up to institutions (fractional credit).
    countries : Concentration
        The same over countries.
    country_shares_fractional : pandas.Series
        Country shares under fractional counting (sum 1), largest first.
    country_shares_whole : pandas.Series
        Country shares under whole counting (sum >= 1), largest first.
    top_countries_fractional : float
        Sum of the k largest fractional country shares.
    top_countries_whole : float
        Sum of the k largest whole-counting country shares (can exceed 1).
    k : int
        Holders counted in the top-k shares.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract: the top
       15% of nodes account for more than 80% of high-betweenness paths; three countries produce
       83% of benchmark outputs; global Gini of inferred benchmark authority 0.89.
    """

    _repr_html_ = html_repr

    n_benchmarks: int
    n_institutions: int
    n_countries: int
    n_nodes: int
    n_edges: int
    authority: str
    betweenness: BetweennessConcentration
    institutions: Concentration
    countries: Concentration
    country_shares_fractional: pd.Series
    country_shares_whole: pd.Series
    top_countries_fractional: float
    top_countries_whole: float
    k: int

    def to_frame(self) -> pd.DataFrame:
        """The scalar metrics as a table, one row per metric (sizes, betweenness share and
        coverage, Gini / HHI / top-k share of institutions and of countries, top-k country
        shares).

        Returns
        -------
        pandas.DataFrame
            Index ``metric``, column ``value``.

        Examples
        --------
        >>> from benchgame.benchmarks_data.ecosystem import load_benchmark_table
        >>> f = ecosystem_metrics(load_benchmark_table()).to_frame()
        >>> f.loc[["institutions gini", "top-3 countries' share (fractional)"]].round(4)
                                             value
        metric
        institutions gini                   0.5632
        top-3 countries' share (fractional)  0.9140
        """
        rows = {"benchmarks": self.n_benchmarks, "institutions": self.n_institutions,
                "countries": self.n_countries, "graph nodes": self.n_nodes,
                "graph edges": self.n_edges,
                f"betweenness share S_{self.betweenness.q:g}": self.betweenness.share,
                f"path coverage C_{self.betweenness.q:g}": self.betweenness.coverage}
        for who, c in (("institutions", self.institutions), ("countries", self.countries)):
            rows |= {f"{who} gini": c.gini, f"{who} hhi": c.hhi,
                     f"{who} top-{c.k} share of authority": c.top_k_share}
        rows |= {f"top-{self.k} countries' share (fractional)": self.top_countries_fractional,
                 f"top-{self.k} countries' share (whole)": self.top_countries_whole}
        return pd.DataFrame({"value": [float(v) for v in rows.values()]},
                            index=pd.Index(list(rows), name="metric"))

    def to_dict(self) -> dict:
        """The metrics as nested plain dictionaries (for JSON output).

        Returns
        -------
        dict
            Counts, ``betweenness``, ``institutions``, ``countries``, ``country_shares`` and
            ``top_countries``.
        """
        return {
            "n_benchmarks": self.n_benchmarks, "n_institutions": self.n_institutions,
            "n_countries": self.n_countries, "n_nodes": self.n_nodes, "n_edges": self.n_edges,
            "authority": self.authority, "k": self.k,
            "betweenness": self.betweenness.to_dict(),
            "institutions": self.institutions.to_dict(),
            "countries": self.countries.to_dict(),
            "country_shares": {"fractional": self.country_shares_fractional.to_dict(),
                               "whole": self.country_shares_whole.to_dict()},
            "top_countries": {"fractional": self.top_countries_fractional,
                              "whole": self.top_countries_whole},
        }


def ecosystem_metrics(table: pd.DataFrame, *, q: float = 0.15, k: int = 3,
                      authority: str | Mapping[str, float] = "output",
                      authorship: pd.DataFrame | None = None) -> EcosystemMetrics:
    """Compute every concentration metric of the paper's abstract on a validated benchmark table.

    The graph (:func:`~benchgame.analyses.ecosystem.network.build_ecosystem_graph`), the
    betweenness share, the authority roll-up to institutions and countries, and the country shares
    in both counting modes.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`benchgame.benchmarks_data.ecosystem.load_benchmark_table`.
    q : float
        Top fraction for the betweenness share (0.15 in the paper).
    k : int
        Top-k for institution and country shares (3 in the paper's country statistic).
    authority : {"output", "betweenness"} or mapping
        The authority vector rolled up to institutions: 1 per benchmark, the benchmark nodes'
        betweenness, or a user mapping (e.g. usage counts or citations). The paper does not
        define its "inferred authority"; these are readings of it.
    authorship : pandas.DataFrame, optional
        Author-level links (adds the author layer).

    Returns
    -------
    EcosystemMetrics
        Sizes, betweenness share and path coverage, institution and country concentration, and
        country shares.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``authority`` is an unknown name or zero for every benchmark, or the table or the
        authorship links are invalid.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract: the top
       15% of nodes account for more than 80% of high-betweenness paths; three countries produce
       83% of benchmark outputs; global Gini of inferred benchmark authority 0.89.

    Examples
    --------
    >>> from benchgame.benchmarks_data.ecosystem import load_benchmark_table
    >>> m = ecosystem_metrics(load_benchmark_table())
    >>> m.n_benchmarks, m.n_institutions, m.n_countries
    (43, 43, 10)
    >>> round(m.betweenness.share, 4), round(m.institutions.gini, 4)
    (0.7627, 0.5632)
    >>> round(m.top_countries_fractional, 4)
    0.914
    """
    g = build_ecosystem_graph(table, authorship)
    inst, ctry, label = authority_holdings(table, authority, authorship, graph=g)
    frac = country_shares(table, "fractional", authorship)
    whole = country_shares(table, "whole", authorship)
    return EcosystemMetrics(
        n_benchmarks=len(table), n_institutions=len(inst), n_countries=len(frac),
        n_nodes=g.number_of_nodes(), n_edges=g.number_of_edges(), authority=label,
        betweenness=betweenness_share(g, q),
        institutions=concentration(inst.to_numpy(), k, field="institution authority"),
        countries=concentration(ctry.to_numpy(), k, field="country authority"),
        country_shares_fractional=frac, country_shares_whole=whole,
        top_countries_fractional=float(frac.iloc[:k].sum()),
        top_countries_whole=float(whole.iloc[:k].sum()), k=int(k))


def authority_holdings(table: pd.DataFrame, authority: str | Mapping[str, float] = "output",
                       authorship: pd.DataFrame | None = None, *, graph: Any = None
                       ) -> tuple[pd.Series, pd.Series, str]:
    """Authority rolled up to institutions and to countries (fractional credit).

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`benchgame.benchmarks_data.ecosystem.load_benchmark_table`.
    authority : {"output", "betweenness"} or mapping
        As in :func:`ecosystem_metrics`.
    authorship : pandas.DataFrame, optional
        Author-level links.
    graph : networkx.Graph, optional
        The ecosystem graph, when already built (for ``"betweenness"``).

    Returns
    -------
    tuple
        ``(institutions, countries, label)``: two Series of authority by name and the
        authority's label (``output``, ``betweenness`` or ``custom``).

    Raises
    ------
    benchgame.core.validation.InputError
        If ``authority`` is an unknown name or zero for every benchmark.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, arXiv:2510.01286, 2025, the global Gini
       of inferred benchmark authority.

    Examples
    --------
    >>> from benchgame.benchmarks_data.ecosystem import load_benchmark_table
    >>> inst, ctry, label = authority_holdings(load_benchmark_table())
    >>> len(inst), len(ctry), label, round(float(inst.sum()), 6)
    (43, 10, 'output', 43.0)
    """
    if isinstance(authority, str):
        if authority == "output":
            a, label = None, "output"
        elif authority == "betweenness":
            g = build_ecosystem_graph(table, authorship) if graph is None else graph
            a, label = benchmark_betweenness(g), "betweenness"
        else:
            raise InputError("authority", f"is {authority!r}",
                             "use 'output', 'betweenness' or a mapping benchmark -> value")
    else:
        a, label = authority, "custom"
    inst = rollup_authority(table, a, "institution", authorship)
    ctry = rollup_authority(table, a, "country", authorship)
    if not inst.sum() > 0:
        raise InputError("authority", "is zero for every benchmark",
                         "give an authority vector with a positive entry")
    return inst, ctry, label


def paper_comparison(metrics: EcosystemMetrics, *, bundled: bool) -> dict:
    """The paper's reported figures next to a table's values, with why they are not comparable.

    Parameters
    ----------
    metrics : EcosystemMetrics
        Metrics of a benchmark table (:func:`ecosystem_metrics`).
    bundled : bool
        Whether the table is the bundled one (changes the stated reason).

    Returns
    -------
    dict
        ``source`` (the paper), ``comparable`` (always False), ``reason`` and ``figures``: for
        each of :data:`PAPER_FIGURES`, ``paper``, ``relation`` (``">"`` for "more than"),
        ``statistic``, ``metric`` (key path in the metrics' ``to_dict``) and ``this_table``
        (that metric's value here); the country share also gives ``this_table_whole``.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract.

    Examples
    --------
    >>> from benchgame.benchmarks_data.ecosystem import load_benchmark_table
    >>> cmp = paper_comparison(ecosystem_metrics(load_benchmark_table()), bundled=True)
    >>> g = cmp["figures"]["authority_gini"]
    >>> g["paper"], round(g["this_table"], 3), cmp["comparable"]
    (0.89, 0.563, False)
    """
    m = metrics
    if bundled:
        reason = (f"the bundled table is a small independent sample of {m.n_benchmarks} "
                  "benchmarks compiled from their papers' title pages, not the paper's list "
                  "(about 250 benchmarks of the Evidently AI list, with inferred authors and "
                  "institutions)")
    else:
        reason = (f"this table ({m.n_benchmarks} benchmarks) is not the paper's benchmark list "
                  "(about 250 benchmarks of the Evidently AI list, with inferred authors and "
                  "institutions)")
    reason += ("; the paper's authority measure and country counting mode are not published, "
               "so the values are not expected to match")
    if m.betweenness.q != PAPER_FIGURES["betweenness_share"]["q"]:
        reason += f"; the betweenness share here uses q = {m.betweenness.q:g}, the paper 0.15"
    if m.k != PAPER_FIGURES["top3_country_share"]["k"]:
        reason += f"; the country share here sums the top {m.k}, the paper the top 3"
    values = {"betweenness_share": m.betweenness.share,
              "top3_country_share": m.top_countries_fractional,
              "authority_gini": m.institutions.gini}
    figures = {key: {**fig, "this_table": float(values[key])}
               for key, fig in PAPER_FIGURES.items()}
    figures["top3_country_share"]["this_table_whole"] = float(m.top_countries_whole)
    return {"source": PAPER_SOURCE, "comparable": False, "reason": reason, "figures": figures}

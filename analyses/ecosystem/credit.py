"""Fractional credit of benchmarks to institutions and countries: country shares and the roll-up
of a benchmark authority vector.

The paper (Cebrian, Kito, Castro Fernandez, arXiv:2510.01286, abstract) reports that three
countries produce 83% of benchmark outputs and a global Gini of inferred benchmark authority of
0.89, without the counting rules; the rules below are this library's reconstruction. Credit flows
through *affiliation links*: one row per (benchmark, author, institution, country). Each
benchmark carries one unit of credit, split equally over its authors and each author's share
equally over that author's affiliations:

.. math:: w_{b,\\ell} = \\frac{1}{n_b\\, m_{b,p(\\ell)}}

with :math:`n_b` the authors of b and :math:`m_{b,p}` the affiliations of author p on b. When
only institution lists are known (the bundled table), each listed affiliation stands for one
author slot, so :math:`w_{b,\\ell} = 1/|\\text{institutions}(b)|` (institution-level counting).

* Country shares, fractional: :math:`\\text{share}_c = \\sum_b w_{b,c} / |B|` (sums to 1);
  whole: :math:`\\text{share}_c = |\\{b: c \\in \\text{countries}(b)\\}| / |B|` (sums to >= 1).
* Roll-up of authority :math:`a_b`: :math:`a_i = \\sum_b a_b\\, w_{b,i}`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import lazy_loader as lazy
import numpy as np

from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = [
    "affiliation_links",
    "country_shares",
    "credit_weights",
    "rollup_authority",
]

LINK_COLUMNS = ("benchmark", "author", "institution", "country")


def affiliation_links(table: pd.DataFrame, authorship: pd.DataFrame | None = None
                      ) -> pd.DataFrame:
    """Long table of affiliation links with their credit weights.

    Parameters
    ----------
    table : pandas.DataFrame
        A validated benchmark table
        (:func:`benchgame.benchmarks_data.ecosystem.validate_benchmark_table`).
    authorship : pandas.DataFrame, optional
        Author-level links with columns ``benchmark, author, institution, country`` (one row per
        author affiliation). Without it, each listed institution is one author slot.

    Returns
    -------
    pandas.DataFrame
        Columns ``benchmark, author, institution, country, weight``; weights sum to 1 per
        benchmark.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``authorship`` lacks a column or names benchmarks that are not in the table.

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
    ...     "name": ["A", "B"], "year": [2020, 2021], "arxiv_id": ["2001.00001", "2101.00002"],
    ...     "category": ["code", "math"], "institutions": ["MIT;Tsinghua", "MIT"],
    ...     "countries": ["US;CN", "US"]}))
    >>> affiliation_links(table)
      benchmark author institution country  weight
    0         A    A#0         MIT      US     0.5
    1         A    A#1    Tsinghua      CN     0.5
    2         B    B#0         MIT      US     1.0
    """
    names = set(table["name"])
    if authorship is None:
        rows = [(b, f"{b}#{k}", inst, c)
                for b, insts, cs in zip(table["name"], table["institutions"], table["countries"],
                                        strict=True)
                for k, (inst, c) in enumerate(zip(insts, cs, strict=True))]
        links = pd.DataFrame(rows, columns=list(LINK_COLUMNS))
    else:
        missing = [c for c in LINK_COLUMNS if c not in authorship.columns]
        if missing:
            raise InputError("authorship", f"is missing column(s) {missing}",
                             f"give the columns {list(LINK_COLUMNS)}")
        links = authorship[list(LINK_COLUMNS)].astype(str).copy()
        unknown = sorted(set(links["benchmark"]) - names)
        if unknown:
            raise InputError("authorship: column 'benchmark'",
                             f"names benchmarks not in the table: {unknown[:5]}",
                             "use the table's benchmark names")
    links["weight"] = credit_weights(links)
    return links


def credit_weights(links: pd.DataFrame) -> np.ndarray:
    """Compute the credit weights :math:`1/(n_b m_{b,p})` of affiliation links (module docstring).

    Parameters
    ----------
    links : pandas.DataFrame
        One row per affiliation link, with columns ``benchmark, author, institution``.

    Returns
    -------
    numpy.ndarray of float
        One weight per row of ``links``, in row order; they sum to 1 per benchmark.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, arXiv:2510.01286, 2025, abstract: three
       countries produce 83% of benchmark outputs (credit shared among a paper's authors).

    Examples
    --------
    >>> import pandas as pd
    >>> links = pd.DataFrame({"benchmark": ["A", "A", "A", "B"], "author": ["p", "p", "q", "r"],
    ...                       "institution": ["MIT", "CMU", "MIT", "ETH"]})
    >>> credit_weights(links)
    array([0.25, 0.25, 0.5 , 1.  ])
    """
    n_auth = links.groupby("benchmark")["author"].transform("nunique").to_numpy(float)
    n_aff = links.groupby(["benchmark", "author"])["institution"].transform("size").to_numpy(float)
    return 1.0 / (n_auth * n_aff)


def country_shares(table: pd.DataFrame, mode: Literal["fractional", "whole"] = "fractional",
                   authorship: pd.DataFrame | None = None) -> pd.Series:
    """Share of benchmark output per country, largest first.

    Parameters
    ----------
    table : pandas.DataFrame
        A validated benchmark table.
    mode : {"fractional", "whole"}
        Fractional counting (shares sum to 1) or whole counting (a benchmark counts once for
        every country among its affiliations; shares sum to at least 1). The paper does not
        state its counting mode, so both are exposed.
    authorship : pandas.DataFrame, optional
        Author-level links (see :func:`affiliation_links`).

    Returns
    -------
    pandas.Series
        Indexed by ISO-2 country code, sorted descending (ties by code).

    Raises
    ------
    benchgame.core.validation.InputError
        If ``mode`` is unknown or ``authorship`` is invalid.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract: three
       countries produce 83% of benchmark outputs.

    Examples
    --------
    >>> import pandas as pd
    >>> from benchgame.benchmarks_data.ecosystem import validate_benchmark_table
    >>> table = validate_benchmark_table(pd.DataFrame({
    ...     "name": ["A", "B"], "year": [2020, 2021], "arxiv_id": ["2001.00001", "2101.00002"],
    ...     "category": ["code", "math"], "institutions": ["MIT;Tsinghua", "MIT"],
    ...     "countries": ["US;CN", "US"]}))
    >>> country_shares(table).to_dict()
    {'US': 0.75, 'CN': 0.25}
    >>> country_shares(table, "whole").to_dict()
    {'US': 1.0, 'CN': 0.5}
    """
    if mode not in ("fractional", "whole"):
        raise InputError("mode", f"is {mode!r}", "use 'fractional' or 'whole'")
    links = affiliation_links(table, authorship)
    n_b = len(table)
    if mode == "fractional":
        s = links.groupby("country")["weight"].sum() / n_b
    else:
        s = links.drop_duplicates(["benchmark", "country"]).groupby("country").size() / n_b
    s = s.astype(float)
    s.name = f"share_{mode}"
    return s.sort_index().sort_values(ascending=False, kind="stable")


def rollup_authority(table: pd.DataFrame, authority: Mapping[str, float] | pd.Series | None = None,
                     level: Literal["institution", "country"] = "institution",
                     authorship: pd.DataFrame | None = None) -> pd.Series:
    """Roll benchmark authority up to institutions or countries with fractional credit.

    Parameters
    ----------
    table : pandas.DataFrame
        A validated benchmark table.
    authority : mapping or Series from benchmark name to a non-negative number, optional
        The pluggable authority vector :math:`a_b`. The paper does not define "inferred
        authority"; usage counts, citations or graph betweenness (e.g.
        :func:`benchgame.analyses.ecosystem.network.benchmark_betweenness`) are possible
        readings. Default: 1 per benchmark (output counting).
    level : {"institution", "country"}
        Roll up to institutions or to countries.
    authorship : pandas.DataFrame, optional
        Author-level links.

    Returns
    -------
    pandas.Series
        :math:`a_i = \\sum_b a_b w_{b,i}`, sorted descending; sums to :math:`\\sum_b a_b`.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``level`` is unknown, or ``authority`` misses a benchmark of the table or has a
        negative or non-finite value.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract: a
       global Gini of inferred benchmark authority of 0.89.

    Examples
    --------
    >>> import pandas as pd
    >>> from benchgame.benchmarks_data.ecosystem import validate_benchmark_table
    >>> table = validate_benchmark_table(pd.DataFrame({
    ...     "name": ["A", "B"], "year": [2020, 2021], "arxiv_id": ["2001.00001", "2101.00002"],
    ...     "category": ["code", "math"], "institutions": ["MIT;Tsinghua", "MIT"],
    ...     "countries": ["US;CN", "US"]}))
    >>> rollup_authority(table, {"A": 2.0, "B": 1.0}).to_dict()
    {'MIT': 2.0, 'Tsinghua': 1.0}
    """
    if level not in ("institution", "country"):
        raise InputError("level", f"is {level!r}", "use 'institution' or 'country'")
    names = list(table["name"])
    if authority is None:
        a = pd.Series(1.0, index=names)
    else:
        a = pd.Series(authority, dtype=float) if not isinstance(authority, pd.Series) \
            else authority.astype(float)
        missing = [b for b in names if b not in a.index]
        if missing:
            raise InputError("authority", f"has no value for benchmark(s) {missing[:5]}",
                             "give a value for every benchmark in the table")
        a = a.loc[names]
        vals = a.to_numpy()
        if not np.all(np.isfinite(vals)) or np.any(vals < 0):
            bad = a.index[~(np.isfinite(vals) & (vals >= 0))][0]
            raise InputError("authority", f"value for {bad!r} is {a[bad]!r}",
                             "give finite non-negative authority values")
    links = affiliation_links(table, authorship)
    links["credit"] = links["weight"] * a.reindex(links["benchmark"]).to_numpy()
    out = links.groupby(level)["credit"].sum().astype(float)
    out.name = f"authority_{level}"
    return out.sort_index().sort_values(ascending=False, kind="stable")

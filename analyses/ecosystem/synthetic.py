"""Seeded synthetic benchmark tables with planted institutional hubs.

Model (a test generator, not a claim about the real ecosystem): institutions
:math:`i = 1..n_I` have attachment weights :math:`w_i = h` for the first ``n_hubs`` (the planted
hubs) and 1 otherwise; institution i sits in country :math:`c_i` drawn from
``country_weights``. Benchmark b lists :math:`m_b = 1 + \\mathrm{Poisson}(\\bar m - 1)` distinct
institutions (capped at :math:`n_I`) drawn without replacement with probabilities
:math:`\\propto w` (successive sampling, done for all benchmarks at once with the Gumbel-top-m
trick). With a large hub weight h the hubs appear on most benchmarks, and the metrics of
:mod:`benchgame.analyses.ecosystem` must find them (top betweenness nodes, largest rolled-up
authority).
"""

from __future__ import annotations

from collections.abc import Sequence

import lazy_loader as lazy
import numpy as np

from benchgame.benchmarks_data.ecosystem import validate_benchmark_table
from benchgame.core.validation import InputError, as_probability_vector

pd = lazy.load("pandas")

__all__ = ["synthetic_benchmark_table"]

_CATEGORIES = ("knowledge", "reasoning", "code", "math", "chat", "safety")


def synthetic_benchmark_table(
    n_benchmarks: int = 50,
    n_institutions: int = 40,
    *,
    n_hubs: int = 4,
    hub_weight: float = 25.0,
    mean_institutions: float = 2.0,
    countries: Sequence[str] = ("US", "CN", "GB", "DE", "CA", "FR"),
    country_weights: Sequence[float] | None = None,
    hub_country: str | None = "US",
    first_year: int = 2018,
    last_year: int = 2025,
    seed: int = 0,
) -> pd.DataFrame:
    """A validated benchmark table (same format as the bundled one) with planted hubs.

    Parameters
    ----------
    n_benchmarks : int
        Rows of the table (>= 1).
    n_institutions : int
        Institutions to draw from (>= 2).
    n_hubs : int
        Planted hub institutions ``"Hub 1" ..`` (0 <= n_hubs <= n_institutions).
    hub_weight : float
        Attachment weight h >= 1 of a hub relative to an ordinary institution.
    mean_institutions : float
        :math:`\\bar m \\ge 1`, mean institutions per benchmark.
    countries : sequence of str
        ISO-2 codes of the institutions' countries.
    country_weights : sequence of float, optional
        Probabilities of ``countries`` (uniform by default).
    hub_country : str or None
        Country of every hub (None: drawn like the others).
    first_year : int
        First year of the uniform range of years.
    last_year : int
        Last year of the range (>= ``first_year``).
    seed : int
        Seed (>= 0) of the random generator.

    Returns
    -------
    pandas.DataFrame
        Validated by :func:`benchgame.benchmarks_data.ecosystem.validate_benchmark_table`;
        synthetic arXiv ids ``YYMM.NNNNN`` are placeholders of the right form.

    Raises
    ------
    benchgame.core.validation.InputError
        If a size, weight, year range or the country probabilities are invalid.

    References
    ----------
    .. [1] W. Kool, H. van Hoof and M. Welling, "Stochastic beams and where to find them: the
       Gumbel-top-k trick for sampling sequences without replacement", ICML 2019.
    .. [2] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract
       (evaluation hubs: the structure the planted hubs imitate).

    Examples
    --------
    >>> from benchgame.analyses.ecosystem import rollup_authority
    >>> table = synthetic_benchmark_table(20, 10, n_hubs=2, seed=0)
    >>> table.loc[0, ["name", "institutions", "countries"]].tolist()
    ['Synthetic 1', ('Hub 1', 'Hub 2'), ('US', 'US')]
    >>> rollup_authority(table).index[:2].tolist()
    ['Hub 1', 'Hub 2']
    """
    for name, v, lo in (("n_benchmarks", n_benchmarks, 1), ("n_institutions", n_institutions, 2),
                        ("n_hubs", n_hubs, 0), ("seed", seed, 0)):
        if isinstance(v, bool) or int(v) != v or v < lo:
            raise InputError(name, f"is {v!r}", f"give an integer >= {lo}")
    if n_hubs > n_institutions:
        raise InputError("n_hubs", f"is {n_hubs} > n_institutions = {n_institutions}",
                         "plant at most n_institutions hubs")
    if not (np.isfinite(hub_weight) and hub_weight >= 1.0):
        raise InputError("hub_weight", f"is {hub_weight!r}", "give a weight >= 1")
    if not (np.isfinite(mean_institutions) and mean_institutions >= 1.0):
        raise InputError("mean_institutions", f"is {mean_institutions!r}", "give a value >= 1")
    if not countries:
        raise InputError("countries", "is empty", "give at least one ISO-2 code")
    cw = (np.full(len(countries), 1.0 / len(countries)) if country_weights is None
          else as_probability_vector(country_weights, "country_weights", size=len(countries)))
    if not first_year <= last_year:
        raise InputError("last_year", f"is {last_year} < first_year {first_year}",
                         "give last_year >= first_year")
    rng = np.random.default_rng(int(seed))
    n_i = int(n_institutions)
    inst = [f"Hub {k + 1}" for k in range(n_hubs)] + \
           [f"Institute {k + 1}" for k in range(n_i - n_hubs)]
    inst_country = np.asarray(countries, dtype=object)[rng.choice(len(countries), n_i, p=cw)]
    if hub_country is not None and n_hubs:
        inst_country[:n_hubs] = hub_country
    w = np.ones(n_i)
    w[:n_hubs] = hub_weight
    m = np.minimum(1 + rng.poisson(mean_institutions - 1.0, n_benchmarks), n_i)
    keys = np.log(w)[None, :] + rng.gumbel(size=(n_benchmarks, n_i))
    order = np.argsort(-keys, axis=1)
    years = rng.integers(first_year, last_year + 1, n_benchmarks)
    cats = rng.integers(0, len(_CATEGORIES), n_benchmarks)
    rows = []
    for b in range(n_benchmarks):
        picked = order[b, :m[b]]
        rows.append({
            "name": f"Synthetic {b + 1}",
            "year": int(years[b]),
            "arxiv_id": f"{int(years[b]) % 100:02d}{1 + b % 12:02d}.{b + 1:05d}",
            "category": _CATEGORIES[int(cats[b])],
            "institutions": tuple(inst[j] for j in picked),
            "countries": tuple(str(inst_country[j]) for j in picked),
        })
    return validate_benchmark_table(pd.DataFrame(rows), source="synthetic")

"""Benchmark ecosystem concentration (Cebrian, Kito, Castro Fernandez, arXiv:2510.01286).

* :mod:`~benchgame.analyses.ecosystem.concentration`: Gini (one vector or vectorized),
  Herfindahl, top-k shares;
* :mod:`~benchgame.analyses.ecosystem.network`: the benchmark-author-institution graph, betweenness
  share :math:`S_q` and path coverage :math:`C_q`;
* :mod:`~benchgame.analyses.ecosystem.credit`: fractional credit, country shares, authority roll-up;
* :mod:`~benchgame.analyses.ecosystem.mentions`: model-to-benchmark links from text (usage
  authority);
* :mod:`~benchgame.analyses.ecosystem.metrics`: everything on one table;
* :mod:`~benchgame.analyses.ecosystem.synthetic`: seeded tables with planted hubs;
* :mod:`~benchgame.analyses.ecosystem.simulation_params` and
  :mod:`~benchgame.analyses.ecosystem.simulation`: the agent-based simulation's parameters and one
  seeded run; :mod:`~benchgame.analyses.ecosystem.simulation_rows`: many runs as one batch, with
  :mod:`~benchgame.analyses.ecosystem.coordination`: the windowed coordination index;
* :mod:`~benchgame.analyses.ecosystem.replicates`: runs over seeds and Student-t intervals of
  their mean;
* :mod:`~benchgame.analyses.ecosystem.parameter_sweep`: one parameter swept with the same seeds;
* :mod:`~benchgame.analyses.ecosystem.findings`: the paper's three agent-based findings measured
  with intervals over seeds.
"""

from benchgame.analyses.ecosystem.concentration import (
    Concentration,
    concentration,
    gini,
    gini_last_axis,
    herfindahl,
    top_fraction_share,
    top_k_share,
)
from benchgame.analyses.ecosystem.credit import (
    affiliation_links,
    country_shares,
    credit_weights,
    rollup_authority,
)
from benchgame.analyses.ecosystem.findings import (
    EntryEffect,
    PenaltyVsEntry,
    ShockEffect,
    entry_effect,
    penalty_vs_entry,
    shock_effect,
)
from benchgame.analyses.ecosystem.mentions import add_model_nodes, benchmark_mentions, usage_counts
from benchgame.analyses.ecosystem.metrics import (
    PAPER_FIGURES,
    EcosystemMetrics,
    ecosystem_metrics,
    paper_comparison,
)
from benchgame.analyses.ecosystem.network import (
    BetweennessConcentration,
    benchmark_betweenness,
    betweenness_share,
    build_ecosystem_graph,
    path_coverage,
)
from benchgame.analyses.ecosystem.parameter_sweep import EcosystemSweep, sweep
from benchgame.analyses.ecosystem.replicates import Interval, simulate_many, t_interval
from benchgame.analyses.ecosystem.simulation import SimulationRun, simulate
from benchgame.analyses.ecosystem.simulation_params import EcosystemParams
from benchgame.analyses.ecosystem.synthetic import synthetic_benchmark_table

__all__ = [
    "PAPER_FIGURES",
    "BetweennessConcentration",
    "Concentration",
    "EcosystemMetrics",
    "EcosystemParams",
    "EcosystemSweep",
    "EntryEffect",
    "Interval",
    "PenaltyVsEntry",
    "ShockEffect",
    "SimulationRun",
    "add_model_nodes",
    "affiliation_links",
    "benchmark_betweenness",
    "benchmark_mentions",
    "betweenness_share",
    "build_ecosystem_graph",
    "concentration",
    "country_shares",
    "credit_weights",
    "ecosystem_metrics",
    "entry_effect",
    "gini",
    "gini_last_axis",
    "herfindahl",
    "paper_comparison",
    "path_coverage",
    "penalty_vs_entry",
    "rollup_authority",
    "shock_effect",
    "simulate",
    "simulate_many",
    "sweep",
    "synthetic_benchmark_table",
    "t_interval",
    "top_fraction_share",
    "top_k_share",
    "usage_counts",
]

"""One sweep engine for every analysis: parameter grids x seeds on Dask, stored as Parquet.

* :mod:`~mechanisms.sweeps.spec`: the specification (TOML or dict) and its validation;
* :mod:`~mechanisms.sweeps.registry`: analyses as pure cell functions ``(params, seed) -> dict``
  (built in: ``leaderboard``, ``marketplace``, ``ecosystem``, ``claims``, one module each:
  ``leaderboard_cells``, ``marketplace_cells``, ``ecosystem_cells``, ``claims_cells``);
* :mod:`~mechanisms.sweeps.populations` and :mod:`~mechanisms.sweeps.protocol_family`:
  developer-population distributions and protocol families by name (both extensible);
* :mod:`~mechanisms.sweeps.cells`: expansion into cells with stable ids;
* :mod:`~mechanisms.sweeps.engine`: batching, Dask execution (synchronous, LocalCluster or a
  running scheduler), failure capture, resume;
* :mod:`~mechanisms.sweeps.storage`: atomic Parquet parts and the final table;
* :mod:`~mechanisms.sweeps.designer_search`: the leaderboard designer's cheapest protocol as a
  sweep client;
* :mod:`~mechanisms.sweeps.plot`: line and heat-map plots of an outcome column.
"""

from mechanisms.sweeps.designer_search import DesignerSearch, designer_search, summarize_designer
from mechanisms.sweeps.engine import SweepResult, run_sweep
from mechanisms.sweeps.plot import plot_sweep
from mechanisms.sweeps.populations import draw_population, register_population
from mechanisms.sweeps.protocol_family import make_protocol, register_protocol
from mechanisms.sweeps.registry import (
    REQUIRED,
    Analysis,
    Outcome,
    Parameter,
    analyses,
    get_analysis,
    register_analysis,
)
from mechanisms.sweeps.spec import SweepSpec, load_spec, parse_spec

__all__ = [
    "REQUIRED",
    "Analysis",
    "DesignerSearch",
    "Outcome",
    "Parameter",
    "SweepResult",
    "SweepSpec",
    "analyses",
    "designer_search",
    "draw_population",
    "get_analysis",
    "load_spec",
    "make_protocol",
    "parse_spec",
    "plot_sweep",
    "register_analysis",
    "register_population",
    "register_protocol",
    "run_sweep",
    "summarize_designer",
]

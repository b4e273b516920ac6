"""One sweep engine for every analysis: parameter grids x seeds on Dask, stored as Parquet.

* :mod:`~benchgame.experiments.sweeps.spec`: the specification (TOML or dict) and its validation;
* :mod:`~benchgame.experiments.sweeps.parameter_values`: grid values, random ranges and cases;
* :mod:`~benchgame.experiments.sweeps.registry`: analyses as pure cell functions ``(params, seed)
  -> dict`` (built in: ``leaderboard``, ``marketplace``, ``ecosystem``, ``claims``, one module each:
  ``leaderboard_cells``, ``marketplace_cells``, ``ecosystem_cells``, ``claims_cells``);
* :mod:`~benchgame.experiments.sweeps.populations`: developer-population distributions by name
  (protocols by name come from :mod:`benchgame.mechanisms.protocols`);
* :mod:`~benchgame.experiments.sweeps.cells`: expansion into cells with stable ids;
* :mod:`~benchgame.experiments.sweeps.engine`: failure capture, resume, the final table;
* :mod:`~benchgame.experiments.sweeps.execution`: the worker count (timed first cells) and the
  backend;
* :mod:`~benchgame.experiments.sweeps.batch_queue`: batch sizes from measured cell times;
* :mod:`~benchgame.experiments.sweeps.batches`: one batch of cells, the work of one Dask task;
* :mod:`~benchgame.experiments.sweeps.dask_backends`: Dask execution (synchronous, LocalCluster
  or a running scheduler);
* :mod:`~benchgame.experiments.sweeps.local_cluster`: the embedded cluster, started in the
  background on 127.0.0.1 over TLS (its workers preload
  :mod:`~benchgame.experiments.sweeps.worker_exit`);
* :mod:`~benchgame.experiments.sweeps.storage`: atomic Parquet parts and the final table;
* :mod:`~benchgame.experiments.sweeps.designer_search`: the leaderboard designer's cheapest
  protocol as a sweep client;
* :mod:`~benchgame.experiments.sweeps.plot`: line and heat-map plots of an outcome column.
"""

from benchgame.experiments.sweeps.designer_search import (
    DesignerSearch,
    designer_search,
    summarize_designer,
)
from benchgame.experiments.sweeps.engine import SweepResult, run_sweep
from benchgame.experiments.sweeps.plot import plot_sweep
from benchgame.experiments.sweeps.populations import draw_population, register_population
from benchgame.experiments.sweeps.registry import (
    REQUIRED,
    Analysis,
    Outcome,
    Parameter,
    analyses,
    get_analysis,
    register_analysis,
)
from benchgame.experiments.sweeps.spec import SweepSpec, load_spec, parse_spec

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
    "parse_spec",
    "plot_sweep",
    "register_analysis",
    "register_population",
    "run_sweep",
    "summarize_designer",
]

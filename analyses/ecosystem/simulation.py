"""Agent-based simulation of benchmark adoption: entry, inflow shocks and an over-fitting penalty.

Cebrian, Kito and Castro Fernandez (arXiv:2510.01286) report three qualitative findings of an
agent-based model (abstract): (1) a higher entry rate of new benchmarks reduces concentration;
(2) rapid inflows of new benchmarks temporarily make coordination harder; (3) stronger penalties
against over-fitting have limited effect on concentration. The paper's agents, equations and
parameters are not public. This module is a reconstruction that expresses all three mechanisms:
a preferential-attachment adoption model with fitness, decay, saturation and exogenous entry
(parameters: :class:`benchgame.analyses.ecosystem.simulation_params.EcosystemParams`).

State of benchmark j: authority :math:`A_j \\ge 0`, fitness
:math:`\\varphi_j \\sim \\mathrm{LogNormal}(0, \\sigma_\\varphi)`, saturation
:math:`s_j \\in [0, 1]`, birth step, last adoption step. Each step t = 1..T:

1. **Entry**: :math:`N_t \\sim \\mathrm{Poisson}(\\lambda(t))` new benchmarks with
   :math:`A = a_0`, :math:`s = 0`, where
   :math:`\\lambda(t) = \\lambda_0 (1 + F\\,\\mathbb 1[t_s \\le t < t_s + D])` (inflow shock of
   size F and duration D). Entrants' fitness is multiplied by ``entrant_visibility`` (1 in the
   model; 0 switches the entry mechanism off: entrants exist but are never chosen).
2. **Releases**: :math:`M_t \\sim \\mathrm{Poisson}(\\mu)` new models.
3. **Choice**: each model reports K distinct benchmarks drawn without replacement (successive
   sampling) with :math:`P(j) \\propto \\varphi_j (A_j + a_0)^\\alpha e^{-\\kappa s_j}`; all
   models of a step draw at once with the Gumbel-top-K trick (keys
   :math:`\\log w_j + G_{mj}`, G standard Gumbel), so no Python loop runs over agents.
4. **Updates**: :math:`A_j \\leftarrow (1-\\delta) A_j + n_j(t)`,
   :math:`s_j \\leftarrow s_j + \\eta\\, n_j(t) (1 - s_j)` (n_j: adoptions at step t).

Per-step outputs (one row per step):

* ``gini``, ``top15_share``, ``hhi`` of A over **live** benchmarks: those adopted at least once
  in the last ``live_window`` steps (``live_window=None``: every benchmark), a choice of this
  reconstruction;
* ``coordination`` :math:`C_t`: mean pairwise Jaccard similarity of the benchmark sets of the
  models released in steps [t - w, t] (NaN when fewer than two such models);
* ``discriminative_power`` :math:`D_t`: mean of :math:`1 - s_j` over the 10 benchmarks of largest
  A;
* ``n_benchmarks``, ``n_live``, ``entrants``, ``releases``.

Seeds and random streams: the run with seed s draws from ``numpy.random.default_rng(s)`` alone,
in this order: the lognormal fitness of the initial benchmarks, then at each step the Poisson
number of entrants, their lognormal fitness, the Poisson number of releases and the
(releases x benchmarks) Gumbel noise of the choices. Runs are computed in batches of (parameters,
seed) rows with one loop over steps (:mod:`benchgame.analyses.ecosystem.simulation_rows`); a
run's history does not depend on what else is in its batch.

Runs over seeds and their intervals are in :mod:`benchgame.analyses.ecosystem.replicates`,
parameter sweeps in :mod:`benchgame.analyses.ecosystem.parameter_sweep`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import lazy_loader as lazy
import numpy as np

from benchgame.analyses.ecosystem.simulation_params import EcosystemParams
from benchgame.analyses.ecosystem.simulation_rows import gumbel_top_k_rows, simulate_rows
from benchgame.core.serialize import Serializable
from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = [
    "METRICS",
    "SimulationRun",
    "gumbel_top_k",
    "simulate",
]

METRICS = ("gini", "top15_share", "hhi", "coordination", "discriminative_power", "n_live",
           "n_benchmarks")


@dataclass(frozen=True)
class SimulationRun(Serializable):
    """One seeded run: the per-step history and the final benchmark state.

    Parameters
    ----------
    params : EcosystemParams
        The parameters of the run.
    seed : int
        The seed of the run's random generator.
    history : pandas.DataFrame
        One row per step t = 1..T with the columns of the module docstring.
    authority : numpy.ndarray
        Final authority :math:`A_j` of every benchmark ever present.
    saturation : numpy.ndarray
        Final saturation :math:`s_j`.
    birth : numpy.ndarray of int
        Step at which each benchmark entered (0 for the initial ones).
    method : str
        Description of the model and the sampling scheme.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract
       (agent-based model findings 1-3).
    """

    params: EcosystemParams
    seed: int
    history: pd.DataFrame
    authority: np.ndarray = field(repr=False)
    saturation: np.ndarray = field(repr=False)
    birth: np.ndarray = field(repr=False)
    method: str = ("ecosystem ABM (preferential-attachment reconstruction of arXiv:2510.01286), "
                   "Gumbel-top-K choice")

    def to_frame(self) -> pd.DataFrame:
        """The per-step metrics, one row per step.

        Returns
        -------
        pandas.DataFrame
            Index ``step`` (1..T); the other columns of ``history`` (``entrants``,
            ``releases``, ``n_benchmarks``, ``n_live``, ``gini``, ``top15_share``, ``hhi``,
            ``coordination``, ``discriminative_power``).

        Examples
        --------
        >>> run = simulate(EcosystemParams(steps=40), seed=1)
        >>> run.to_frame()[["n_benchmarks", "gini"]].tail(2).round(4)
              n_benchmarks    gini
        step
        39              56  0.5767
        40              57  0.5767
        """
        return self.history.set_index("step")


def gumbel_top_k(log_weights: np.ndarray, m: int, k: int, rng: np.random.Generator
                 ) -> np.ndarray:
    """Draw ``m`` independent samples of ``k`` distinct items without replacement.

    Successive sampling with :math:`P(j) \\propto w_j` among the items not yet drawn, for all
    ``m`` samples at once: item sets are the ``k`` largest keys :math:`\\log w_j + G_{ij}` with
    :math:`G_{ij}` i.i.d. standard Gumbel. Items with weight 0 (``log_weights = -inf``) are never
    drawn; ``k`` is capped at the number of items with positive weight.

    Parameters
    ----------
    log_weights : numpy.ndarray, shape (n,)
        Log-weights :math:`\\log w_j` of the items (``-inf`` for weight 0).
    m : int
        Number of samples.
    k : int
        Items per sample.
    rng : numpy.random.Generator
        Source of the Gumbel noise.

    Returns
    -------
    numpy.ndarray of int, shape (m, k_eff)
        Row i holds the items of sample i (in no particular order);
        ``k_eff = min(k, number of items with positive weight)``. With ``m <= 0`` or
        ``k_eff = 0`` the array has no rows.

    References
    ----------
    .. [1] T. Vieira, "Gumbel-max trick and weighted reservoir sampling", blog post, 2014.
    .. [2] W. Kool, H. van Hoof and M. Welling, "Stochastic beams and where to find them: the
       Gumbel-top-k trick for sampling sequences without replacement", ICML 2019.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> log_w = np.log([1.0, 2.0, 4.0, 4.0])
    >>> log_w[2] = -np.inf  # item 2 has weight 0 and is never drawn
    >>> np.sort(gumbel_top_k(log_w, 3, 2, rng), axis=1)
    array([[1, 3],
           [1, 3],
           [0, 3]])
    """
    k_eff = min(int(k), int(np.isfinite(log_weights).sum()))
    if m <= 0 or k_eff <= 0:
        return np.empty((0, max(k_eff, 1)), dtype=np.int64)
    n = log_weights.shape[0]
    _, draws = gumbel_top_k_rows(log_weights[None, :], np.array([n]), np.array([m]), k, [rng])
    return np.sort(draws, axis=1)[:, draws.shape[1] - k_eff:]   # the -1 padding sorts first


def simulate(params: EcosystemParams, seed: int = 0) -> SimulationRun:
    """Run the simulation once (deterministic given ``params`` and ``seed``).

    Parameters
    ----------
    params : EcosystemParams
        The model's parameters.
    seed : int
        Seed (>= 0) of the run's random generator.

    Returns
    -------
    SimulationRun
        ``history`` has one row per step t = 1..T with the columns of the module docstring;
        ``authority``, ``saturation`` and ``birth`` hold the final benchmark state.

    Raises
    ------
    benchgame.core.validation.InputError
        If ``params`` is not an :class:`EcosystemParams` or ``seed`` is not an integer >= 0.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract
       (agent-based model findings 1-3; this model is a reconstruction).

    Examples
    --------
    >>> run = simulate(EcosystemParams(steps=40), seed=1)
    >>> h = run.history
    >>> list(h.columns[:5])
    ['step', 'entrants', 'releases', 'n_benchmarks', 'n_live']
    >>> int(h["n_benchmarks"].iloc[-1]), round(float(h["gini"].iloc[-1]), 4)
    (57, 0.5767)
    """
    if not isinstance(params, EcosystemParams):
        raise InputError("params", f"is a {type(params).__name__}", "give an EcosystemParams")
    if isinstance(seed, bool) or int(seed) != seed or seed < 0:
        raise InputError("seed", f"is {seed!r}", "give an integer >= 0")
    runs = simulate_rows([params], [int(seed)])
    return SimulationRun(params=params, seed=int(seed), history=pd.DataFrame(runs.columns()),
                         authority=runs.authority[0], saturation=runs.saturation[0],
                         birth=runs.birth[0])

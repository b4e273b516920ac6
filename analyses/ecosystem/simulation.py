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

Runs over seeds and their intervals are in :mod:`benchgame.analyses.ecosystem.replicates`,
parameter sweeps in :mod:`benchgame.analyses.ecosystem.parameter_sweep`.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

import lazy_loader as lazy
import numpy as np

from benchgame.analyses.ecosystem.concentration import gini_last_axis
from benchgame.analyses.ecosystem.simulation_params import EcosystemParams
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


def _mean_jaccard(choices: Sequence[np.ndarray], n_bench: int) -> float:
    rows = [c for c in choices if c.size]
    if not rows:
        return float("nan")
    sets = np.concatenate(rows, axis=0)
    m = sets.shape[0]
    if m < 2:
        return float("nan")
    x = np.zeros((m, n_bench), dtype=np.float64)
    x[np.repeat(np.arange(m), sets.shape[1]), sets.ravel()] = 1.0
    inter = x @ x.T
    size = np.diag(inter)
    jac = inter / (size[:, None] + size[None, :] - inter)
    # mean over pairs i < j of a symmetric matrix with unit diagonal
    return float((jac.sum() - m) / (m * (m - 1)))


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
    keys = log_weights[None, :] + rng.gumbel(size=(m, log_weights.shape[0]))
    return np.argpartition(-keys, k_eff - 1, axis=1)[:, :k_eff]


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
    p = params
    rng = np.random.default_rng(int(seed))
    cap = p.initial_benchmarks + int(p.steps * p.entry_rate * (1 + p.shock_size) * 1.5) + 64
    A = np.zeros(cap)
    phi = np.zeros(cap)
    sat = np.zeros(cap)
    birth = np.zeros(cap, dtype=np.int64)
    last = np.full(cap, -(10**9), dtype=np.int64)
    n = p.initial_benchmarks
    A[:n] = p.a0
    phi[:n] = rng.lognormal(0.0, p.fitness_sigma, n) if p.fitness_sigma > 0 else 1.0
    window: deque[np.ndarray] = deque(maxlen=p.window + 1)
    K = p.benchmarks_per_model
    cols: dict[str, list] = {c: [] for c in ("step", "entrants", "releases", "n_benchmarks",
                                             "n_live", "gini", "top15_share", "hhi",
                                             "coordination", "discriminative_power")}
    for t in range(1, p.steps + 1):
        # 1. entry
        new = int(rng.poisson(p.entry_at(t)))
        if n + new > cap:
            grow = max(cap, new)
            A, phi, sat = (np.concatenate([v, np.zeros(grow)]) for v in (A, phi, sat))
            birth = np.concatenate([birth, np.zeros(grow, dtype=np.int64)])
            last = np.concatenate([last, np.full(grow, -(10**9), dtype=np.int64)])
            cap += grow
        if new:
            A[n:n + new] = p.a0
            sat[n:n + new] = 0.0
            fit = rng.lognormal(0.0, p.fitness_sigma, new) if p.fitness_sigma > 0 else 1.0
            phi[n:n + new] = p.entrant_visibility * fit
            birth[n:n + new] = t
            n += new
        # 2. releases
        m = int(rng.poisson(p.release_rate))
        # 3. choice: Gumbel-top-K over all models of the step at once
        with np.errstate(divide="ignore"):
            logw = (np.log(phi[:n]) + p.alpha * np.log(A[:n] + p.a0) - p.penalty * sat[:n])
        chosen = gumbel_top_k(logw, m, K, rng)
        counts = np.bincount(chosen.ravel(), minlength=n).astype(float)
        # 4. updates
        A[:n] = (1.0 - p.decay) * A[:n] + counts
        sat[:n] += p.saturation_rate * counts * (1.0 - sat[:n])
        np.clip(sat[:n], 0.0, 1.0, out=sat[:n])
        last[:n][counts > 0] = t
        window.append(chosen)
        # outputs
        live = (np.ones(n, dtype=bool) if p.live_window is None
                else last[:n] > t - p.live_window)
        a_live = A[:n][live]
        g = float(gini_last_axis(a_live))
        if a_live.size and a_live.sum() > 0:
            shares = a_live / a_live.sum()
            kq = max(1, math.ceil(0.15 * a_live.size - 1e-12))
            top = float(np.sort(shares)[::-1][:kq].sum())
            hhi = float(shares @ shares)
        else:
            top = hhi = float("nan")
        top10 = np.argsort(-A[:n], kind="stable")[:10]
        cols["step"].append(t)
        cols["entrants"].append(new)
        cols["releases"].append(m)
        cols["n_benchmarks"].append(n)
        cols["n_live"].append(int(live.sum()))
        cols["gini"].append(g)
        cols["top15_share"].append(top)
        cols["hhi"].append(hhi)
        cols["coordination"].append(_mean_jaccard(window, n))
        cols["discriminative_power"].append(float(np.mean(1.0 - sat[top10])))
    return SimulationRun(params=p, seed=int(seed), history=pd.DataFrame(cols),
                         authority=A[:n].copy(), saturation=sat[:n].copy(),
                         birth=birth[:n].copy())

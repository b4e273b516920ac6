"""The ecosystem simulation for many (parameters, seed) rows at once, with one loop over steps.

Row i is one run of the model of :mod:`benchgame.analyses.ecosystem.simulation` with parameters
``params[i]`` and seed ``seeds[i]``. The rows' states are arrays padded to one width (benchmarks
not yet born have zero fitness, so they are never chosen and count nowhere), and every step
updates all rows with array operations; only the random draws loop over rows.

Random streams: row i draws from its own ``numpy.random.default_rng(seeds[i])``, in the order of
a single run: the lognormal fitness of the initial benchmarks, then at each step the Poisson
number of entrants, their lognormal fitness (neither when there are none, no fitness draw when
:math:`\\sigma_\\varphi = 0`), the Poisson number of releases and a (releases x benchmarks)
array of standard Gumbel noise for the choices (none when no model is released). A row's run is
therefore the same whatever else is in its batch, and rows that share a seed share their random
numbers (common random numbers across settings).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import lazy_loader as lazy
import numpy as np

from benchgame.analyses.ecosystem.concentration import concentration_rows
from benchgame.analyses.ecosystem.coordination import WindowCoordination
from benchgame.analyses.ecosystem.simulation_params import EcosystemParams
from benchgame.core.serialize import Serializable
from benchgame.core.validation import InputError

pd = lazy.load("pandas")

__all__ = ["HISTORY", "RowRuns", "gumbel_top_k_rows", "simulate_rows"]

HISTORY = ("step", "entrants", "releases", "n_benchmarks", "n_live", "gini", "top15_share",
           "hhi", "coordination", "discriminative_power")
"""The per-step history columns of a run, in order."""
_COUNTS = ("entrants", "releases", "n_benchmarks", "n_live")
_SHARED = ("steps", "benchmarks_per_model", "window")
_MEMORY = 2**27
"""Bytes of per-step working arrays one batch may use; larger batches run in chunks."""


@dataclass(frozen=True)
class RowRuns(Serializable):
    """The runs of a batch of rows: per-step histories and final benchmark states.

    Parameters
    ----------
    history : dict of str to numpy.ndarray
        Each column of :data:`HISTORY` but ``step`` as an array of shape (rows, steps).
    authority, saturation, birth : tuple of numpy.ndarray
        Per row, the final :math:`A_j`, :math:`s_j` and birth step of its benchmarks.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract
       (agent-based model findings 1-3).
    """

    history: dict[str, np.ndarray]
    authority: tuple[np.ndarray, ...]
    saturation: tuple[np.ndarray, ...]
    birth: tuple[np.ndarray, ...]

    def columns(self) -> dict[str, np.ndarray]:
        """The histories stacked row after row, one entry per (row, step).

        Returns
        -------
        dict of str to numpy.ndarray
            The :data:`HISTORY` columns as flat arrays (``step`` runs 1..T within each row).

        Examples
        --------
        >>> runs = simulate_rows([EcosystemParams(steps=3)] * 2, [0, 1])
        >>> cols = runs.columns()
        >>> cols["step"].tolist(), cols["n_benchmarks"].tolist()
        ([1, 2, 3, 1, 2, 3], [20, 22, 22, 21, 21, 23])
        """
        rows, steps = self.history["gini"].shape
        out = {"step": np.tile(np.arange(1, steps + 1, dtype=np.int64), rows)}
        out.update({c: self.history[c].ravel() for c in HISTORY[1:]})
        return out

    def to_frame(self) -> pd.DataFrame:
        """The histories as one table.

        Returns
        -------
        pandas.DataFrame
            Index ``(row, step)``; the other :data:`HISTORY` columns.

        Examples
        --------
        >>> simulate_rows([EcosystemParams(steps=3)] * 2, [0, 1]).to_frame()["n_benchmarks"].loc[1]
        step
        1    21
        2    21
        3    23
        Name: n_benchmarks, dtype: int64
        """
        rows, steps = self.history["gini"].shape
        cols = self.columns()
        return pd.DataFrame({"row": np.repeat(np.arange(rows), steps), **cols}
                            ).set_index(["row", "step"])


def gumbel_top_k_rows(log_weights: np.ndarray, widths: np.ndarray, releases: np.ndarray, k: int,
                      rngs: Sequence[np.random.Generator]) -> tuple[np.ndarray, np.ndarray]:
    """Per row, ``releases[i]`` samples of ``k`` distinct items drawn without replacement.

    Successive sampling with :math:`P(j) \\propto w_j` among the items not yet drawn, by the
    Gumbel-top-k trick: a sample's items are the ``k`` largest keys
    :math:`\\log w_j + G_j` with :math:`G_j` i.i.d. standard Gumbel. Row i draws its noise from
    ``rngs[i]`` as one ``(releases[i], widths[i])`` array, and none when it has no release or
    no item of positive weight; the top-k selection runs on all samples at once.

    Parameters
    ----------
    log_weights : numpy.ndarray, shape (rows, n)
        Log-weights; ``-inf`` for weight 0 and for every column ``j >= widths[i]``.
    widths : numpy.ndarray of int, shape (rows,)
        Items of each row.
    releases : numpy.ndarray of int, shape (rows,)
        Samples per row.
    k : int
        Items per sample (>= 1); a row with fewer items of positive weight draws all of them.
    rngs : sequence of numpy.random.Generator
        One generator per row.

    Returns
    -------
    owner : numpy.ndarray of int, shape (samples,)
        The row of each sample, in row order (rows without an item of positive weight have no
        sample).
    items : numpy.ndarray of int, shape (samples, k)
        The items of each sample (in no particular order), padded with -1.

    References
    ----------
    .. [1] W. Kool, H. van Hoof and M. Welling, "Stochastic beams and where to find them: the
       Gumbel-top-k trick for sampling sequences without replacement", ICML 2019.

    Examples
    --------
    >>> log_w = np.log([[1.0, 2.0, 1.0, 4.0], [1.0, 1.0, 1.0, 1.0]])
    >>> log_w[0, 2] = log_w[1, 1] = -np.inf    # weight 0: never drawn
    >>> log_w[1, 3] = -np.inf                  # row 1 has 3 items: padding
    >>> owner, items = gumbel_top_k_rows(log_w, np.array([4, 3]), np.array([3, 1]), 2,
    ...                                  [np.random.default_rng(s) for s in (0, 1)])
    >>> owner.tolist(), np.sort(items, axis=1).tolist()
    ([0, 0, 0, 1], [[1, 3], [1, 3], [0, 3], [0, 2]])
    """
    rows, n = log_weights.shape
    samples = np.where(np.isfinite(log_weights).any(axis=1), releases, 0)
    owner = np.repeat(np.arange(rows), samples)
    items = np.full((owner.size, k), -1, dtype=np.int64)
    kk = min(int(k), n)
    if owner.size == 0 or kk == 0:
        return owner, items
    keys = np.full((owner.size, n), np.inf)     # negated keys: the k smallest are drawn
    first = 0
    for i, rng in enumerate(rngs):
        if samples[i]:
            noise = rng.gumbel(size=(samples[i], widths[i]))
            noise += log_weights[i, :widths[i]]
            np.negative(noise, out=keys[first:first + samples[i], :widths[i]])
            first += samples[i]
    top = np.argpartition(keys, kk - 1, axis=1)[:, :kk]
    items[:, :kk] = np.where(np.isfinite(np.take_along_axis(keys, top, axis=1)), top, -1)
    return owner, items


def _check_rows(params: Sequence[EcosystemParams], seeds: Sequence[int]) -> list[int]:
    if not params or len(params) != len(seeds):
        raise InputError("seeds", f"has {len(seeds)} entries for {len(params)} parameter rows",
                         "give one seed per row (and at least one row)")
    for p in params:
        if not isinstance(p, EcosystemParams):
            raise InputError("params", f"holds a {type(p).__name__}", "give EcosystemParams")
        for name in _SHARED:
            if getattr(p, name) != getattr(params[0], name):
                raise InputError(name, f"differs between rows ({getattr(params[0], name)} and "
                                 f"{getattr(p, name)})",
                                 f"run rows that share {', '.join(_SHARED)}")
    out = []
    for s in seeds:
        if isinstance(s, bool) or not isinstance(s, (int, np.integer)) or s < 0:
            raise InputError("seed", f"is {s!r}", "give an integer >= 0")
        out.append(int(s))
    return out


def _chunk_rows(params: Sequence[EcosystemParams]) -> int:
    """Rows per chunk so that one step's (rows x releases x benchmarks) arrays stay in memory."""
    widest = max(p.initial_benchmarks + p.steps * p.entry_rate
                 + p.shock_duration * p.entry_rate * p.shock_size for p in params)
    releases = max(p.release_rate + 6.0 * p.release_rate ** 0.5 + 6.0 for p in params)
    per_row = 40.0 * releases * (widest + 64) + 16.0 * (params[0].window + 1) * releases ** 2 * (
        params[0].benchmarks_per_model ** 2)
    return max(1, int(_MEMORY // per_row))


def simulate_rows(params: Sequence[EcosystemParams], seeds: Sequence[int]) -> RowRuns:
    """Run row i with ``params[i]`` and seed ``seeds[i]``, every row in one loop over steps.

    Each row is the run :func:`benchgame.analyses.ecosystem.simulation.simulate` describes;
    the random streams are those of the module docstring.

    Parameters
    ----------
    params : sequence of EcosystemParams
        One per row; every row must share ``steps``, ``benchmarks_per_model`` and ``window``.
    seeds : sequence of int
        One seed (>= 0) per row.

    Returns
    -------
    RowRuns
        The rows' histories and final states.

    Raises
    ------
    benchgame.core.validation.InputError
        If the rows and seeds do not match, a seed is not an integer >= 0, or the rows differ in
        ``steps``, ``benchmarks_per_model`` or ``window``.

    References
    ----------
    .. [1] M. Cebrian, T. Kito and R. Castro Fernandez, "Emergent evaluation hubs in a
       decentralizing large language model ecosystem", arXiv:2510.01286, 2025, abstract
       (agent-based model findings 1-3; this model is a reconstruction).

    Examples
    --------
    >>> p = EcosystemParams(steps=40)
    >>> runs = simulate_rows([p, p.with_(entry_rate=4.0)], [1, 1])
    >>> runs.history["n_benchmarks"][:, -1].tolist()
    [57, 187]
    >>> np.round(runs.history["gini"][:, -1], 4).tolist()
    [0.5767, 0.5253]
    """
    params = list(params)
    seeds = _check_rows(params, list(seeds))
    size = _chunk_rows(params)
    parts = [_run(params[i:i + size], seeds[i:i + size]) for i in range(0, len(params), size)]
    if len(parts) == 1:
        return parts[0]
    return RowRuns(history={c: np.concatenate([r.history[c] for r in parts])
                            for c in parts[0].history},
                   authority=sum((r.authority for r in parts), ()),
                   saturation=sum((r.saturation for r in parts), ()),
                   birth=sum((r.birth for r in parts), ()))


def _run(params: list[EcosystemParams], seeds: list[int]) -> RowRuns:
    rows, first = len(params), params[0]
    steps, k_models = first.steps, first.benchmarks_per_model

    def col(name: str) -> np.ndarray:
        return np.array([getattr(p, name) for p in params], dtype=float)

    alpha, decay, a0, sigma = col("alpha"), col("decay"), col("a0"), col("fitness_sigma")
    penalty, eta, visibility, mu = (col("penalty"), col("saturation_rate"),
                                    col("entrant_visibility"), col("release_rate"))
    lam0, shock, t_s, dur = (col("entry_rate"), col("shock_size"), col("shock_start"),
                             col("shock_duration"))
    live_window = np.array([np.inf if p.live_window is None else p.live_window for p in params])
    n = np.array([p.initial_benchmarks for p in params], dtype=np.int64)
    cap = max(p.initial_benchmarks + int(p.steps * p.entry_rate * (1 + p.shock_size) * 1.5) + 64
              for p in params)
    A, phi, sat = np.zeros((rows, cap)), np.zeros((rows, cap)), np.zeros((rows, cap))
    birth = np.zeros((rows, cap), dtype=np.int64)
    last = np.full((rows, cap), -(10**9), dtype=np.int64)
    rngs = [np.random.default_rng(s) for s in seeds]
    for i, rng in enumerate(rngs):
        A[i, :n[i]] = a0[i]
        phi[i, :n[i]] = rng.lognormal(0.0, sigma[i], n[i]) if sigma[i] > 0 else 1.0
    hist = {c: np.zeros((rows, steps), dtype=np.int64 if c in _COUNTS else float)
            for c in HISTORY[1:]}
    coordination = WindowCoordination(rows, first.window)
    entrants, releases = np.zeros(rows, dtype=np.int64), np.zeros(rows, dtype=np.int64)
    for t in range(1, steps + 1):
        lam = lam0 * (1.0 + shock * ((t_s <= t) & (t < t_s + dur)))
        for i, rng in enumerate(rngs):                   # 1. entry and 2. releases
            new = entrants[i] = int(rng.poisson(lam[i]))
            if new:
                if n[i] + new > cap:
                    grow = max(cap, new)
                    A, phi, sat = (np.pad(v, ((0, 0), (0, grow))) for v in (A, phi, sat))
                    birth = np.pad(birth, ((0, 0), (0, grow)))
                    last = np.pad(last, ((0, 0), (0, grow)), constant_values=-(10**9))
                    cap += grow
                fit = rng.lognormal(0.0, sigma[i], new) if sigma[i] > 0 else 1.0
                A[i, n[i]:n[i] + new] = a0[i]
                phi[i, n[i]:n[i] + new] = visibility[i] * fit
                birth[i, n[i]:n[i] + new] = t
                n[i] += new
            releases[i] = int(rng.poisson(mu[i]))
        w = int(n.max())
        a, s = A[:, :w], sat[:, :w]
        with np.errstate(divide="ignore"):               # 3. choice
            logw = np.log(phi[:, :w]) + alpha[:, None] * np.log(a + a0[:, None]) - (
                penalty[:, None] * s)
        owner, chosen = gumbel_top_k_rows(logw, n, releases, k_models, rngs)
        flat = (owner[:, None] * w + chosen)[chosen >= 0]
        counts = np.bincount(flat, minlength=rows * w).reshape(rows, w).astype(float)
        a[:] = (1.0 - decay)[:, None] * a + counts        # 4. updates
        s += eta[:, None] * counts * (1.0 - s)
        np.clip(s, 0.0, 1.0, out=s)
        last[:, :w][counts > 0] = t
        born = np.arange(w) < n[:, None]                  # outputs
        live = born & (last[:, :w] > t - live_window[:, None])
        g, top, hhi = concentration_rows(a, live, 0.15)
        lead = np.argsort(np.where(born, -a, np.inf), axis=1, kind="stable")[:, :10]
        n_lead = np.minimum(n, 10)
        fresh = np.where(np.arange(lead.shape[1]) < n_lead[:, None],
                         1.0 - np.take_along_axis(s, lead, axis=1), 0.0)
        col_t = t - 1
        hist["entrants"][:, col_t], hist["releases"][:, col_t] = entrants, releases
        hist["n_benchmarks"][:, col_t], hist["n_live"][:, col_t] = n, live.sum(axis=1)
        hist["gini"][:, col_t], hist["top15_share"][:, col_t], hist["hhi"][:, col_t] = g, top, hhi
        hist["coordination"][:, col_t] = coordination.add(owner, chosen)
        hist["discriminative_power"][:, col_t] = fresh.sum(axis=1) / n_lead
    return RowRuns(history=hist, authority=tuple(A[i, :n[i]].copy() for i in range(rows)),
                   saturation=tuple(sat[i, :n[i]].copy() for i in range(rows)),
                   birth=tuple(birth[i, :n[i]].copy() for i in range(rows)))

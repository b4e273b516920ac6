"""A marketplace of models: quality matrix, task weights and optional task values.

The setting of Donahue and Raghavan, "Impacts of Aggregation on Model Diversity and Consumer
Utility" (arXiv:2602.23293), as a reconstruction of the paper's definitions: models
``i = 1..n`` have quality vectors ``q_i in [0, V]^m`` over tasks ``t = 1..m``; tasks arrive with
probabilities ``pi in Delta_m`` and, optionally, carry consumer values ``v_t > 0``. Every metric
uses the task weights ``omega_t = pi_t v_t`` (``omega = pi`` without values).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from benchgame.core.validation import InputError, as_finite_array, as_probability_vector, require

__all__ = ["Market"]


@dataclass(frozen=True)
class Market:
    """Incumbent models and the task distribution.

    Parameters
    ----------
    quality : array_like, shape (n, m)
        ``Q[i, t]`` = quality of model ``i`` on task ``t``, in ``[vmin, vmax]``.
    weights : array_like, shape (m,)
        Task distribution ``pi`` (non-negative, sums to 1 within ``tol``).
    values : array_like, shape (m,), optional
        Task values ``v_t > 0``; the metrics use ``omega = pi * v``.
    models, tasks : sequence of str, optional
        Labels (default ``"m0", ...`` and ``"t0", ...``).
    vmax, vmin : float
        Quality range ``[vmin, vmax]`` (default ``[0, 1]``). ``vmin < 0`` is allowed only to build
        the negative-quality instances that break the bound ``Delta W <= WWR_e``.
    tol : float
        Tolerance of the simplex check on ``weights``.

    Raises
    ------
    InputError
        If a quality lies outside ``[vmin, vmax]``, ``weights`` is not a probability vector,
        a task value is not positive, the labels do not match the shape, or two models share a
        name.

    References
    ----------
    Donahue and Raghavan (2026), arXiv:2602.23293, abstract: models with different strengths
    and weaknesses across tasks. Quality vectors, task distribution and task values are a
    reconstruction of the paper's definitions.

    Examples
    --------
    >>> m = Market([[0.8, 0.2], [0.2, 0.9]], [0.5, 0.5], models=("x", "y"))
    >>> m.n, m.m, m.tasks
    (2, 2, ('t0', 't1'))
    >>> m.with_model([0.5, 0.5], "z").models
    ('x', 'y', 'z')
    >>> Market([[0.8, 0.2]], [0.3, 0.3])
    Traceback (most recent call last):
    ...
    benchgame.core.validation.InputError: weights: ...
    """

    quality: np.ndarray
    weights: np.ndarray
    values: np.ndarray | None = None
    models: tuple[str, ...] = field(default=())
    tasks: tuple[str, ...] = field(default=())
    vmax: float = 1.0
    vmin: float = 0.0
    tol: float = 1e-9

    def __post_init__(self) -> None:
        require(np.isfinite(self.vmax) and np.isfinite(self.vmin) and self.vmin < self.vmax,
                "vmax", f"quality range [{self.vmin}, {self.vmax}] is not a finite interval",
                "give finite vmin < vmax")
        Q = as_finite_array(self.quality, "quality", ndim=2, allow_empty=True)
        require(Q.shape[0] >= 1, "quality", "the market has no models",
                "give at least one model (one row)")
        require(Q.shape[1] >= 1, "quality", "the market has no tasks",
                "give at least one task (one column)")
        if np.any(Q < self.vmin - 1e-12) or np.any(Q > self.vmax + 1e-12):
            bad = tuple(int(i) for i in np.argwhere((Q < self.vmin) | (Q > self.vmax))[0])
            raise InputError("quality", f"value {Q[bad]:.6g} at index {bad} is outside "
                             f"[{self.vmin}, {self.vmax}]",
                             "rescale qualities (e.g. score/10) or set vmax/vmin")
        pi = as_probability_vector(self.weights, "weights", size=Q.shape[1], tol=self.tol)
        vals = None
        if self.values is not None:
            vals = as_finite_array(self.values, "values", ndim=1, shape=(Q.shape[1],))
            require(bool(np.all(vals > 0)), "values", "task values must be > 0",
                    "give positive task values")
        models = tuple(self.models) or tuple(f"m{i}" for i in range(Q.shape[0]))
        tasks = tuple(self.tasks) or tuple(f"t{t}" for t in range(Q.shape[1]))
        require(len(models) == Q.shape[0], "models",
                f"has {len(models)} names for {Q.shape[0]} models", "give one name per row")
        require(len(tasks) == Q.shape[1], "tasks",
                f"has {len(tasks)} names for {Q.shape[1]} tasks", "give one name per column")
        require(len(set(models)) == len(models), "models", "contains duplicate names",
                "give every model a unique name")
        Q.setflags(write=False)
        pi.setflags(write=False)
        object.__setattr__(self, "quality", Q)
        object.__setattr__(self, "weights", pi)
        object.__setattr__(self, "values", vals)
        object.__setattr__(self, "models", models)
        object.__setattr__(self, "tasks", tasks)

    @property
    def n(self) -> int:
        """Number of models."""
        return int(self.quality.shape[0])

    @property
    def m(self) -> int:
        """Number of tasks."""
        return int(self.quality.shape[1])

    @property
    def omega(self) -> np.ndarray:
        """Task weights used by every metric: ``pi * v`` (``pi`` without values)."""
        return self.weights if self.values is None else self.weights * self.values

    def check_candidates(self, candidates: object, field_name: str = "candidates") -> np.ndarray:
        """Validate a candidate set ``F`` of shape (k, m) against this market's range."""
        C = as_finite_array(candidates, field_name, ndim=2, shape=(None, self.m))
        if np.any(C < self.vmin - 1e-12) or np.any(C > self.vmax + 1e-12):
            raise InputError(field_name, f"has values outside [{self.vmin}, {self.vmax}]",
                             "keep candidate qualities inside the market's range")
        return C

    def with_model(self, q: Sequence[float], name: str = "entrant") -> Market:
        """The market ``Q (+) q`` with one more model appended."""
        q = self.check_candidates(np.atleast_2d(np.asarray(q, dtype=float)), "entrant")
        return Market(np.vstack([self.quality, q]), self.weights, self.values,
                      self.models + (name,), self.tasks, self.vmax, self.vmin, self.tol)

    def without(self, i: int) -> Market:
        """The market ``Q_{-i}`` (model ``i`` removed; needs n >= 2)."""
        require(self.n >= 2, "i", "cannot remove the only model", "keep at least one model")
        keep = [k for k in range(self.n) if k != i]
        return Market(self.quality[keep], self.weights, self.values,
                      tuple(self.models[k] for k in keep), self.tasks, self.vmax, self.vmin,
                      self.tol)

"""A marketplace of models: quality matrix, task weights and optional task values.

The setting of Donahue and Raghavan, "Impacts of Aggregation on Model Diversity and Consumer
Utility" (arXiv:2602.23293), as a reconstruction of the paper's definitions: models
``i = 1..n`` have quality vectors ``q_i in [0, V]^m`` over tasks ``t = 1..m``; tasks arrive with
probabilities ``pi in Delta_m`` and, optionally, carry consumer values ``v_t > 0``. Every metric
uses the task weights ``omega_t = pi_t v_t`` (``omega = pi`` without values).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from benchgame.core.serialize import Serializable
from benchgame.core.validation import InputError, as_finite_array, as_probability_vector, require

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Market"]


@dataclass(frozen=True)
class Market(Serializable):
    """Incumbent models and the task distribution.

    Parameters
    ----------
    quality : array_like or pandas.DataFrame, shape (n, m)
        ``Q[i, t]`` = quality of model ``i`` on task ``t``, in ``[vmin, vmax]``. A DataFrame's
        index names the models and its columns name the tasks (unless ``models`` or ``tasks``
        are given; an unnamed 0, 1, ... index or header names nothing).
    weights : array_like or pandas.Series, shape (m,)
        Task distribution ``pi`` (non-negative, sums to 1 within ``tol``). A Series is aligned
        with the tasks by label: its labels must be exactly the task names, in any order.
    values : array_like or pandas.Series, shape (m,), optional
        Task values ``v_t > 0``; the metrics use ``omega = pi * v``. A Series is aligned by
        task label, as ``weights``.
    models, tasks : sequence of str, optional
        Labels (default: the DataFrame's names, else ``"m0", ...`` and ``"t0", ...``).
    vmax, vmin : float
        Quality range ``[vmin, vmax]`` (default ``[0, 1]``). ``vmin < 0`` is allowed only to build
        the negative-quality instances that break the bound ``Delta W <= WWR_e``.
    tol : float
        Tolerance of the simplex check on ``weights``.

    Raises
    ------
    InputError
        If a quality lies outside ``[vmin, vmax]``, ``weights`` is not a probability vector,
        a task value is not positive, the labels do not match the shape, two models share a
        name, or the labels of a ``weights`` or ``values`` Series are not the task names.

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

    From a table, names and weights by label:

    >>> import pandas as pd
    >>> scores = pd.DataFrame({"math": [0.8, 0.2], "code": [0.2, 0.9]}, index=["x", "y"])
    >>> m = Market(scores, pd.Series({"code": 0.25, "math": 0.75}))
    >>> m.models, m.tasks, m.weights.tolist()
    (('x', 'y'), ('math', 'code'), [0.75, 0.25])
    >>> Market(scores, pd.Series({"math": 0.5, "chat": 0.5}))
    Traceback (most recent call last):
    ...
    benchgame.core.validation.InputError: weights: is labelled ['math', 'chat']: it lacks ...
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
        names_from_frame = _frame_names(self.quality)
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
        frame_models, frame_tasks = names_from_frame
        models = (tuple(self.models) or frame_models
                  or tuple(f"m{i}" for i in range(Q.shape[0])))
        tasks = tuple(self.tasks) or frame_tasks or tuple(f"t{t}" for t in range(Q.shape[1]))
        require(len(models) == Q.shape[0], "models",
                f"has {len(models)} names for {Q.shape[0]} models", "give one name per row")
        require(len(tasks) == Q.shape[1], "tasks",
                f"has {len(tasks)} names for {Q.shape[1]} tasks", "give one name per column")
        require(len(set(models)) == len(models), "models", "contains duplicate names",
                "give every model a unique name")
        require(len(set(tasks)) == len(tasks), "tasks", "contains duplicate names",
                "give every task a unique name")
        pi = as_probability_vector(_by_task(self.weights, tasks, "weights"), "weights",
                                   size=Q.shape[1], tol=self.tol)
        vals = None
        if self.values is not None:
            vals = as_finite_array(_by_task(self.values, tasks, "values"), "values", ndim=1,
                                   shape=(Q.shape[1],))
            require(bool(np.all(vals > 0)), "values", "task values must be > 0",
                    "give positive task values")
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

    def to_frame(self) -> pd.DataFrame:
        """The qualities, one row per model and one column per task, by name.

        Returns
        -------
        pandas.DataFrame
            Index ``model`` (``models``), columns ``task`` (``tasks``); ``Q[i, t]``. The task
            weights are ``pandas.Series(market.weights, index=market.tasks)``.

        Examples
        --------
        >>> Market([[0.8, 0.2], [0.2, 0.9]], [0.5, 0.5], models=("x", "y"),
        ...        tasks=("math", "code")).to_frame()
        task   math  code
        model
        x       0.8   0.2
        y       0.2   0.9
        """
        import pandas as pd

        return pd.DataFrame(self.quality.copy(), index=pd.Index(self.models, name="model"),
                            columns=pd.Index(self.tasks, name="task"))

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


def _is_default_axis(axis: Any) -> bool:
    """Whether a pandas index is the unnamed 0, 1, ... of a table without labels."""
    pd = sys.modules["pandas"]
    return (isinstance(axis, pd.RangeIndex) and axis.name is None and axis.start == 0
            and axis.step == 1)


def _frame_names(quality: Any) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Model and task names of a DataFrame of qualities (empty when it names none)."""
    pd = sys.modules.get("pandas")  # a DataFrame exists only if pandas was imported
    if pd is None or not isinstance(quality, pd.DataFrame):
        return (), ()
    models = () if _is_default_axis(quality.index) else tuple(str(i) for i in quality.index)
    tasks = () if _is_default_axis(quality.columns) else tuple(str(c) for c in quality.columns)
    return models, tasks


def _by_task(vector: Any, tasks: tuple[str, ...], field_name: str) -> Any:
    """A pandas Series of per-task numbers reordered to ``tasks`` by label; else as given."""
    pd = sys.modules.get("pandas")
    if pd is None or not isinstance(vector, pd.Series):
        return vector
    labels = [str(k) for k in vector.index]
    if len(labels) != len(tasks) or set(labels) != set(tasks) or len(set(labels)) != len(labels):
        def few(xs: list[str]) -> list[str]:
            return xs if len(xs) <= 6 else xs[:6] + ["..."]

        missing = [t for t in tasks if t not in set(labels)]
        extra = sorted(set(labels) - set(tasks))
        twice = sorted({x for x in labels if labels.count(x) > 1})
        parts = ([f"lacks the tasks {few(missing)}"] if missing else []) + \
            ([f"has labels that are not tasks {few(extra)}"] if extra else []) + \
            ([f"repeats {few(twice)}"] if twice else [])
        raise InputError(field_name, f"is labelled {few(labels)}: it " + " and ".join(parts),
                         "label it with every task name once (the columns of quality), or "
                         "pass a plain array in task order")
    return vector.set_axis(labels).loc[list(tasks)].to_numpy()

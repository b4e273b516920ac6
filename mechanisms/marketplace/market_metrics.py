"""The metrics of a market under a choice rule: winrate, weighted winrate and welfare by model.

:func:`benchgame.mechanisms.marketplace.payments.evaluate` computes them; this module holds the
result, with its positional arrays and the same payoffs labelled by model name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from benchgame.core.serialize import html_repr
from benchgame.core.validation import require

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MarketMetrics"]

_PAYOFFS = ("winrate", "weighted_winrate")


@dataclass(frozen=True)
class MarketMetrics:
    """Winrate, weighted winrate and welfare of a market, with the accounting residuals.

    The arrays keep positional access (``m.winrate[0]``); :meth:`series` and :meth:`by_model`
    give the same numbers labelled by model name.

    Parameters
    ----------
    winrate : numpy.ndarray (n,)
        Selection share of each model.
    weighted_winrate : numpy.ndarray (n,)
        Quality-weighted selection share of each model.
    welfare : float
        Consumer welfare ``W``.
    probabilities : numpy.ndarray (n, m)
        Selection probabilities per model and task.
    residuals : dict
        ``sum_winrate = |sum WR - sum omega|``, ``sum_weighted_winrate = |sum WWR - W|``,
        ``column_sums = max_t |sum_i P[i,t] - 1|``.
    rule : dict
        The choice rule (its ``to_dict()``).
    models : tuple of str, optional
        Model names (default ``"model 1"``, ...).
    tasks : tuple of str, optional
        Task names (default ``"task 1"``, ...).
    """

    _repr_html_ = html_repr

    winrate: np.ndarray
    weighted_winrate: np.ndarray
    welfare: float
    probabilities: np.ndarray
    residuals: dict
    rule: dict
    models: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """One row per model (by name): winrate and weighted winrate.

        Returns
        -------
        pandas.DataFrame
            Index ``model``; columns ``winrate`` and ``weighted_winrate``.

        Examples
        --------
        >>> from benchgame.mechanisms.marketplace import Market, Perfect, evaluate
        >>> m = Market([[0.9, 0.2], [0.3, 0.8]], [0.5, 0.5], models=("a", "b"))
        >>> evaluate(m, Perfect()).to_frame()
               winrate  weighted_winrate
        model
        a          0.5              0.45
        b          0.5              0.40
        """
        import pandas as pd

        return pd.DataFrame({"winrate": self.winrate, "weighted_winrate": self.weighted_winrate},
                            index=self._index())

    def _index(self) -> pd.Index:
        import pandas as pd

        names = self.models or tuple(f"model {k + 1}" for k in range(len(self.winrate)))
        return pd.Index(names, name="model")

    def series(self, name: str) -> pd.Series:
        """One payoff labelled by model name.

        Parameters
        ----------
        name : {"winrate", "weighted_winrate"}
            The payoff.

        Returns
        -------
        pandas.Series
            Indexed by model name (``"model 1"``, ... when the market has no names), named
            ``name``.

        Raises
        ------
        benchgame.core.validation.InputError
            If ``name`` is not one of the two payoffs.

        References
        ----------
        Donahue and Raghavan (2026), arXiv:2602.23293: winrate and weighted winrate payments.

        Examples
        --------
        >>> from benchgame.mechanisms.marketplace import Market, Perfect, evaluate
        >>> m = evaluate(Market([[0.9, 0.2], [0.3, 0.8]], [0.5, 0.5], models=("a", "b")),
        ...              Perfect())
        >>> float(m.series("weighted_winrate")["b"]), float(m.weighted_winrate[1])
        (0.4, 0.4)
        """
        import pandas as pd

        require(name in _PAYOFFS, "name", f"is {name!r}", f"use one of {list(_PAYOFFS)}")
        return pd.Series(getattr(self, name), index=self._index(), name=name)

    def by_model(self) -> dict[str, pd.Series]:
        """Winrate and weighted winrate, each as a Series labelled by model name.

        Returns
        -------
        dict of str to pandas.Series
            ``{"winrate": ..., "weighted_winrate": ...}`` (see :meth:`series`).

        Examples
        --------
        >>> from benchgame.mechanisms.marketplace import Market, Perfect, evaluate
        >>> m = evaluate(Market([[0.9, 0.2], [0.3, 0.8]], [0.5, 0.5], models=("a", "b")),
        ...              Perfect())
        >>> m.by_model()["winrate"].to_dict()
        {'a': 0.5, 'b': 0.5}
        """
        return {name: self.series(name) for name in _PAYOFFS}

    def to_dict(self) -> dict:
        """The metrics as JSON-safe data (models named when the market names them).

        Returns
        -------
        dict
        """
        d = {"winrate": self.winrate.tolist(),
             "weighted_winrate": self.weighted_winrate.tolist(),
             "welfare": self.welfare, "residuals": self.residuals, "rule": self.rule}
        if self.models:
            d["models"] = list(self.models)
        return d

"""The marketplace on the bundled MT-Bench-101 judge scores."""

from __future__ import annotations

from benchgame.benchmarks_data.mtbench101 import load_mtbench101
from benchgame.mechanisms.marketplace.market import Market

__all__ = ["mtbench101_market"]


def mtbench101_market(weights: str = "uniform") -> Market:
    """The 18-model x 13-task market of MT-Bench-101 with qualities ``Q = score / 10``.

    Parameters
    ----------
    weights : {"uniform", "counts"}, default "uniform"
        Task weights: equal, or proportional to the number of dialogues per task.

    Returns
    -------
    Market
        Models and tasks carry the table's names.

    References
    ----------
    Bai et al. (2024), "MT-Bench-101", arXiv:2402.14762: per-task GPT-4 judge scores of 18
    models (the leaderboard of the MT-Bench-101 repository). Donahue and Raghavan (2026),
    arXiv:2602.23293, abstract: the marketplace evaluated on empirical benchmark data (the
    MT-Bench-101 dataset, per third-party summaries).

    Examples
    --------
    >>> m = mtbench101_market()
    >>> m.n, m.m
    (18, 13)
    >>> m.models[-1], m.tasks[:3], round(float(m.quality[-1, 0]), 6)
    ('GPT-4', ('CM', 'SI', 'AR'), 0.888)
    """
    data = load_mtbench101()
    return Market(data.scores / 10.0, data.weights(weights), models=data.models,
                  tasks=data.tasks)

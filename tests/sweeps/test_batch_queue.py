"""Batches sized from measured cell times: every cell handed out once and in order, about the
target time per batch, shrinking towards the end on a cluster, a fixed size honoured."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.experiments.sweeps.batch_queue import BatchQueue
from benchgame.experiments.sweeps.cells import Cell


def cells(n: int) -> list[Cell]:
    return [Cell(i, f"c{i}", {"x": float(i)}, 0) for i in range(n)]


def sizes_of_cells_at(seconds: float, n: int, workers: int, target: float) -> list[int]:
    q = BatchQueue(cells(n))
    q.observe([{"seconds": seconds}])
    sizes = []
    while q.remaining:
        sizes.append(len(q.take(workers, target)))
    assert q.largest == max(sizes)
    return sizes


def test_a_cluster_gets_guided_batches_that_shrink_towards_the_end():
    assert sizes_of_cells_at(0.01, 100, workers=2, target=1.0) == [
        25, 19, 14, 11, 8, 6, 5, 3, 3, 2, 1, 1, 1, 1]


def test_one_worker_gets_batches_of_the_target_time():
    assert sizes_of_cells_at(0.01, 100, workers=1, target=0.2) == [20] * 5


def test_before_any_timing_a_batch_is_one_cell_and_the_median_ignores_a_slow_first_cell():
    q = BatchQueue(cells(1000))
    assert q.per_cell() is None and q.size(2, 1.0) == 1
    q.observe([{"seconds": 0.7}])                 # first cell of a process: first-use costs
    assert q.size(2, 1.0) == 2
    q.observe([{"seconds": 0.02}, {"seconds": 0.02}])
    assert q.per_cell() == 0.02 and q.size(2, 1.0) == 50


def test_a_fixed_batch_size_is_kept_to_the_last_cells():
    q = BatchQueue(cells(10), fixed_size=4)
    q.observe([{"seconds": 1e-4}])
    assert [[c.index for c in q.take(2, 1.0)] for _ in range(3)] == [
        [0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert q.take(2, 1.0) == [] and q.largest == 4


@settings(max_examples=60, deadline=None)
@given(n=st.integers(0, 300), workers=st.integers(1, 8),
       target=st.sampled_from([0.2, 1.0]),
       times=st.lists(st.floats(1e-6, 5.0), max_size=20),
       fixed=st.none() | st.integers(1, 50), limit=st.none() | st.integers(1, 3))
def test_every_cell_is_handed_out_once_in_order(n, workers, target, times, fixed, limit):
    q = BatchQueue(cells(n), fixed_size=fixed)
    taken: list[int] = []
    k = 0
    while q.remaining:
        remaining = q.remaining
        batch = q.take(workers, target, limit=limit)
        assert batch, "a batch is never empty while cells remain"
        if fixed is not None:
            assert len(batch) == min(fixed, remaining, limit or fixed)
        elif workers > 1 and q.per_cell() is not None:
            assert len(batch) <= max(1, math.ceil(remaining / (2 * workers)))
        taken += [c.index for c in batch]
        q.observe([{"seconds": times[k % len(times)]}] if times else [])
        k += 1
    assert taken == list(range(n))
    assert q.take(workers, target) == []

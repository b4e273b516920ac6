"""to_frame on the tabular results that lacked one: entry outcomes and ecosystem metrics."""

import pytest

from benchgame.analyses.ecosystem.metrics import ecosystem_metrics
from benchgame.benchmarks_data.ecosystem import load_benchmark_table
from benchgame.mechanisms.marketplace import Market, Softmax, entry


def test_entry_frame_names_candidates_and_marks_choices():
    r = entry(Market([[0.4, 0.7]], [0.5, 0.5]), Softmax(20.0), [[0.8, 0.6], [0.3, 0.9]],
              "weighted_winrate")
    f = r.to_frame(["c1", "c2"])
    assert list(f.index) == ["c1", "c2"] and f.index.name == "candidate"
    assert f["best_response"].tolist() == [False, True]
    assert f["welfare_optimal"].tolist() == [True, False]
    assert f["delta_welfare"].tolist() == pytest.approx((r.welfare - r.welfare_before).tolist())
    assert list(r.to_frame().index) == [0, 1]


def test_ecosystem_metrics_frame_matches_the_fields():
    m = ecosystem_metrics(load_benchmark_table())
    f = m.to_frame()["value"]
    assert f["benchmarks"] == 43 and f["countries"] == 10
    assert f["institutions gini"] == m.institutions.gini
    assert f["countries hhi"] == m.countries.hhi
    assert f["top-3 countries' share (whole)"] == m.top_countries_whole
    assert f["betweenness share S_0.15"] == m.betweenness.share
    assert len(f) == 15

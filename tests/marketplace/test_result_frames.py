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


def test_market_metrics_series_by_model_name_keep_positional_arrays():
    from benchgame.core.validation import InputError
    from benchgame.mechanisms.marketplace import Market, Perfect, evaluate

    m = evaluate(Market([[0.9, 0.2], [0.3, 0.8]], [0.25, 0.75], models=("a", "b")), Perfect())
    wr, wwr = m.series("winrate"), m.series("weighted_winrate")
    assert wr.to_dict() == {"a": 0.25, "b": 0.75}
    assert wwr.to_dict() == {"a": 0.225, "b": 0.6000000000000001}
    assert wr.index.name == "model" and wr.name == "winrate"
    assert m.winrate.tolist() == [0.25, 0.75]  # positional access unchanged
    assert {k: v.to_dict() for k, v in m.by_model().items()} == {
        "winrate": wr.to_dict(), "weighted_winrate": wwr.to_dict()}
    unnamed = evaluate(Market([[0.9, 0.2], [0.3, 0.8]], [0.5, 0.5]), Perfect())
    assert unnamed.series("winrate").index.tolist() == list(unnamed.models)
    with pytest.raises(InputError, match="welfare"):
        m.series("welfare")

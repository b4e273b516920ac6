"""Betweenness share S_q and path coverage C_q on hand graphs with exact values; the graph builder
and credit roll-ups on small tables."""

import networkx as nx
import pandas as pd
import pytest

from benchgame.analyses.ecosystem import (
    affiliation_links,
    benchmark_betweenness,
    betweenness_share,
    build_ecosystem_graph,
    country_shares,
    ecosystem_metrics,
    path_coverage,
    rollup_authority,
    synthetic_benchmark_table,
)
from benchgame.benchmarks_data.ecosystem import validate_benchmark_table
from benchgame.core.validation import InputError


def test_star_graph():
    g = nx.star_graph(4)                 # centre 0, leaves 1..4; b(0) = C(4,2) = 6
    r = betweenness_share(g, q=0.15)     # k = ceil(0.75) = 1
    assert r.k == 1 and r.top_nodes == (0,)
    assert r.share == pytest.approx(1.0)
    assert r.total_betweenness == pytest.approx(6.0)
    assert r.coverage == pytest.approx(6 / 10)   # leaf-leaf pairs of the 10 pairs


def test_path_graph_and_tie_break():
    g = nx.path_graph(["a", "b", "c", "d", "e"])  # b = 0, 3, 4, 3, 0; total 10
    r1 = betweenness_share(g, q=0.2)
    assert r1.top_nodes == ("c",)
    assert r1.share == pytest.approx(0.4)
    assert r1.coverage == pytest.approx(4 / 10)   # {a,b} x {d,e}
    r2 = betweenness_share(g, q=0.4)              # tie b/d broken by name
    assert r2.top_nodes == ("c", "b")
    assert r2.share == pytest.approx(0.7)
    assert r2.coverage == pytest.approx(5 / 10)   # a-c, a-d, a-e, b-d, b-e


def test_top_set_has_ceil_qn_nodes():
    # path a..g: b = i (6 - i) = 0, 5, 8, 9, 8, 5, 0; total 35. q N = 0.3 * 7 = 2.1 -> k = 3
    # (floor would give 2 nodes and 17/35)
    g = nx.path_graph(list("abcdefg"))
    r = betweenness_share(g, q=0.3)
    assert r.k == 3 and r.top_nodes == ("d", "c", "e")      # tie c/e broken by name
    assert r.total_betweenness == pytest.approx(35.0)
    assert r.share == pytest.approx(25 / 35)
    # 0.15 * 7 = 1.05 -> 2 nodes (d and c): 17/35
    r15 = betweenness_share(g, q=0.15)
    assert r15.k == 2 and r15.share == pytest.approx(17 / 35)


def test_path_coverage_counts_only_connected_pairs_and_interior_nodes():
    g = nx.Graph([(0, 1), (1, 2), (3, 4)])      # pairs connected: 01 02 12 34 -> 4
    assert path_coverage(g, [1]) == pytest.approx(1 / 4)   # only 0-2 passes through 1
    assert path_coverage(g, [0]) == pytest.approx(0.0)     # endpoints do not count
    with pytest.raises(InputError, match="nodes"):
        path_coverage(g, [9])


def test_cycle_has_equal_betweenness():
    g = nx.cycle_graph(10)
    r = betweenness_share(g, q=0.3)
    assert r.share == pytest.approx(0.3)


def test_bad_graph_and_q():
    with pytest.raises(InputError, match="graph"):
        betweenness_share(nx.path_graph(2))
    with pytest.raises(InputError, match="graph"):
        betweenness_share(nx.DiGraph([(0, 1), (1, 2)]))
    with pytest.raises(InputError, match="q"):
        betweenness_share(nx.path_graph(4), q=0.0)


TABLE = validate_benchmark_table(pd.DataFrame({
    "name": ["A", "B", "C"],
    "year": [2020, 2021, 2022],
    "arxiv_id": ["2001.00001", "2101.00002", "2201.00003"],
    "category": ["code", "math", "code"],
    "institutions": ["X;Y", "Y", "Z;Y;W"],
    "countries": ["US;GB", "GB", "CN;GB;US"],
}))


def test_graph_from_table():
    g = build_ecosystem_graph(TABLE)
    assert g.number_of_nodes() == 3 + 4
    assert g.number_of_edges() == 2 + 1 + 3
    assert g.nodes["I:Y"] == {"kind": "institution", "country": "GB"}
    assert g.nodes["B:C"]["year"] == 2022
    r = betweenness_share(g, q=0.15)              # k = ceil(1.05) = 2
    assert r.top_nodes[0] == "I:Y"                # Y bridges the three benchmarks
    bb = benchmark_betweenness(g)
    assert set(bb.index) == {"A", "B", "C"} and bb["B"] == pytest.approx(0.0)


def test_credit_and_country_shares_exact():
    frac = country_shares(TABLE, "fractional")
    # A: US 1/2, GB 1/2; B: GB 1; C: CN, GB, US 1/3 each; divided by 3 benchmarks
    assert frac["GB"] == pytest.approx((0.5 + 1 + 1 / 3) / 3)
    assert frac["US"] == pytest.approx((0.5 + 1 / 3) / 3)
    assert frac["CN"] == pytest.approx((1 / 3) / 3)
    assert frac.sum() == pytest.approx(1.0)
    whole = country_shares(TABLE, "whole")
    assert whole.to_dict() == pytest.approx({"GB": 1.0, "US": 2 / 3, "CN": 1 / 3})
    inst = rollup_authority(TABLE, {"A": 2.0, "B": 1.0, "C": 3.0})
    assert inst["Y"] == pytest.approx(2 / 2 + 1 + 3 / 3)
    assert inst["X"] == pytest.approx(1.0)
    assert inst.sum() == pytest.approx(6.0)
    with pytest.raises(InputError, match="authority"):
        rollup_authority(TABLE, {"A": 1.0})
    with pytest.raises(InputError, match="mode"):
        country_shares(TABLE, "half")


def test_author_level_links():
    authorship = pd.DataFrame({
        "benchmark": ["A", "A", "A", "B", "C"],
        "author": ["p", "p", "q", "q", "r"],
        "institution": ["X", "Y", "Y", "Y", "Z"],
        "country": ["US", "GB", "GB", "GB", "CN"],
    })
    links = affiliation_links(TABLE, authorship)
    # A: two authors; p has two affiliations -> 1/4 each, q -> 1/2
    assert links["weight"].tolist() == pytest.approx([0.25, 0.25, 0.5, 1.0, 1.0])
    g = build_ecosystem_graph(TABLE, authorship)
    assert g.nodes["P:p"]["kind"] == "author" and g.has_edge("B:A", "P:p")
    assert g.has_edge("P:p", "I:X") and not g.has_edge("B:A", "I:X")
    bad = authorship.assign(benchmark=["A", "A", "A", "B", "Q"])
    with pytest.raises(InputError, match="not in the table"):
        affiliation_links(TABLE, bad)


def test_synthetic_hubs_are_found():
    t = synthetic_benchmark_table(60, 40, n_hubs=3, hub_weight=40.0, seed=3)
    assert len(t) == 60
    m = ecosystem_metrics(t)
    top_inst = [v for v in m.betweenness.top_nodes if v.startswith("I:")][:3]
    assert sorted(top_inst) == ["I:Hub 1", "I:Hub 2", "I:Hub 3"]
    inst = rollup_authority(t)
    assert set(inst.index[:3]) == {"Hub 1", "Hub 2", "Hub 3"}
    assert m.country_shares_fractional.index[0] == "US"     # hubs are planted in the US
    t2 = synthetic_benchmark_table(60, 40, n_hubs=3, hub_weight=40.0, seed=3)
    pd.testing.assert_frame_equal(t, t2)


def test_synthetic_bad_input():
    with pytest.raises(InputError, match="n_hubs"):
        synthetic_benchmark_table(5, 3, n_hubs=4)
    with pytest.raises(InputError, match="country_weights"):
        synthetic_benchmark_table(5, 6, countries=("US", "CN"), country_weights=(0.5, 0.6))


def test_mentions_whole_word_case_sensitive():
    from benchgame.analyses.ecosystem import add_model_nodes, benchmark_mentions, usage_counts

    docs = {
        "m1": "Evaluated on MMLU-Pro and GSM8K; ARC results in the appendix.",
        "m2": "Our research ARCHIVE shows mmlu gains. MMLU (5-shot), MMLU again.",
        "m3": "No benchmarks.",
    }
    names = ["MMLU", "MMLU-Pro", "GSM8K", "ARC"]
    m = benchmark_mentions(docs, names)
    assert m.values.tolist() == [["m1", "ARC", 1], ["m1", "GSM8K", 1], ["m1", "MMLU-Pro", 1],
                                 ["m2", "MMLU", 2]]
    u = usage_counts(m, names)
    assert u.to_dict() == {"MMLU": 1.0, "MMLU-Pro": 1.0, "GSM8K": 1.0, "ARC": 1.0}
    t = validate_benchmark_table(pd.DataFrame({
        "name": names, "year": [2020, 2024, 2021, 2018],
        "arxiv_id": ["2009.03300", "2406.01574", "2110.14168", "1803.05457"],
        "category": ["k"] * 4, "institutions": ["A", "B", "C", "D"],
        "countries": ["US", "CA", "US", "US"]}))
    g = add_model_nodes(build_ecosystem_graph(t), m)
    assert g.nodes["M:m1"]["kind"] == "model" and g.has_edge("M:m1", "B:ARC")
    assert g.degree("M:m1") == 3
    with pytest.raises(InputError, match="not in the graph"):
        add_model_nodes(build_ecosystem_graph(t), m.assign(benchmark="HELM"))
    with pytest.raises(InputError, match="documents"):
        benchmark_mentions({"x": 3}, names)

"""The reviewed alias table: one canonical name per alias, and joins with the expected counts."""

import pandas as pd
import pytest

from benchgame.analyses.arena import obsscaling_with_arena
from benchgame.benchmarks_data.aliases import join_on_canonical, load_aliases
from benchgame.benchmarks_data.ibm_benchbench import load_ibm_table
from benchgame.benchmarks_data.leaderbot import load_arena_battles
from benchgame.benchmarks_data.obsscaling import load_obsscaling
from benchgame.core.validation import InputError


def test_every_alias_maps_to_exactly_one_canonical_name():
    al = load_aliases()
    f = al.frame
    assert not f.duplicated(["source", "alias"]).any()
    assert f.groupby(["source", "alias"])["canonical"].nunique().max() == 1
    arena = set(load_arena_battles().models)
    assert set(al.mapping["arena"]) == arena
    # within a source, two names never resolve to the same model
    for src, table in al.mapping.items():
        assert len(set(table.values())) == len(table), src
    # a canonical name outside the Arena is shared only by explicitly reviewed rows
    non_arena = f[~f["canonical"].isin(arena)]
    for canon, grp in non_arena.groupby("canonical"):
        if len(grp) > 1:
            assert (grp["alias"] != canon).sum() >= 1, canon


def test_every_table_model_is_in_the_alias_table():
    al = load_aliases()
    assert set(load_obsscaling().index) == set(al.mapping["obsscaling"])
    assert set(load_ibm_table("livebench_240829_holistic").index) == set(al.mapping["livebench"])
    assert set(load_ibm_table("mmlu_pro_240829_knowledge").index) == set(al.mapping["mmlu_pro"])


def test_join_counts_on_bundled_tables():
    al = load_aliases()
    arena = set(load_arena_battles().models)
    obs = al.resolve(load_obsscaling().index, "obsscaling")
    assert len(set(obs) & arena) == 19
    lb = al.resolve(load_ibm_table("livebench_240829_holistic").index, "livebench")
    assert len(set(lb) & arena) == 46
    mp = al.resolve(load_ibm_table("mmlu_pro_240829_knowledge").index, "mmlu_pro")
    assert len(set(mp) & arena) == 25
    j = join_on_canonical({"lb": (load_ibm_table("livebench_240829_holistic"), "livebench"),
                           "mp": (load_ibm_table("mmlu_pro_240829_knowledge"), "mmlu_pro")})
    assert j.shape == (30, 8)
    assert "claude-3-5-sonnet-20240620" in j.index


def test_obsscaling_arena_models_are_exactly_those_with_an_arena_rating():
    d = obsscaling_with_arena()
    has_bt = d["Arena BT Elo"].notna()
    assert has_bt.sum() == 19
    assert (has_bt == d["Arena-Elo"].notna()).all()
    # the aliases are right: the recomputed rating agrees with the table's own Arena column
    r = d[["Arena-Elo", "Arena BT Elo"]].dropna().corr().iloc[0, 1]
    assert r > 0.99


def test_unknown_names_raise_or_pass_through():
    al = load_aliases()
    with pytest.raises(InputError, match="unknown model name"):
        al.resolve(["gpt-4-0613", "no-such-model"], "obsscaling")
    assert al.resolve(["no-such-model"], "obsscaling", strict=False) == ["no-such-model"]
    assert al.canonical("GPT-4o (2024-05-13)", "mmlu_pro") == "gpt-4o-2024-05-13"
    with pytest.raises(InputError, match="source"):
        al.resolve(["x"], "nosource")


def test_malformed_alias_file(tmp_path):
    p = tmp_path / "a.csv"
    p.write_text("source,alias,canonical,note\ns,a,A,\ns,a,B,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"row 3, column 'alias'.*listed twice"):
        load_aliases(p)
    p.write_text("source,alias\ns,a\n", encoding="utf-8")
    with pytest.raises(InputError, match="column 'canonical'"):
        load_aliases(p)
    p.write_text("source,alias,canonical\ns,,A\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"row 2, column 'alias'.*empty"):
        load_aliases(p)


def test_reindex_refuses_collisions():
    al = load_aliases()
    df = pd.DataFrame({"s": [1.0, 2.0]}, index=["claude-1.3", "claude-1.3"])
    with pytest.raises(InputError, match="resolve to"):
        al.reindex(df, "obsscaling")

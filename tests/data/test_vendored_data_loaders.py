"""Vendored score tables: checksums, loaders on the bundled files, and bad-input errors."""

import json

import numpy as np
import pandas as pd
import pytest

from benchgame.benchmarks_data.benchbench_social import (
    HELM_GROUPS,
    load_helm_classic,
    load_mmlu_subjects,
    load_openllm_v1,
)
from benchgame.benchmarks_data.ibm_benchbench import (
    ibm_lower_is_better,
    ibm_table_names,
    load_ibm_table,
)
from benchgame.benchmarks_data.integrity import sha256_manifest, verify_checksums
from benchgame.benchmarks_data.leaderbot import load_arena_battles
from benchgame.benchmarks_data.obsscaling import load_obsscaling
from benchgame.benchmarks_data.score_table import read_score_table
from benchgame.core.validation import InputError


def test_every_vendored_file_matches_its_sha256():
    result = verify_checksums()
    ours = ("ibm_benchbench/", "ryoungj_obsscaling/", "socialfoundations_benchbench/",
            "suquark_leaderbot/")
    assert sum(k.startswith(ours) for k in result) == 59
    assert all(result.values()), [k for k, ok in result.items() if not ok]
    # licences and provenance sit beside the data
    assert "suquark_leaderbot/LICENSE.txt" in sha256_manifest()
    assert "ibm_benchbench/LICENCE" in sha256_manifest()


def test_bundled_tables_shapes_and_dedup_rules():
    obs = load_obsscaling()
    assert obs.shape == (27, 9) and obs["Arena-Elo"].notna().sum() == 19
    assert obs.loc["gpt-4-0314", "Arena-Elo"] == 1.0
    ol = load_openllm_v1()
    assert ol.shape == (87, 7) and ol.index.is_unique
    assert len(ol.attrs["duplicates"]) == 13
    # dedup="first": the first row in leaderboard order is kept (Mixtral 🔶 72.70, not ⭕ 72.62)
    assert ol.loc["mistralai/Mixtral-8x7B-Instruct-v0.1", "Average"] == pytest.approx(72.70)
    assert load_openllm_v1(dedup="last").loc["mistralai/Mixtral-8x7B-Instruct-v0.1",
                                                "Average"] == pytest.approx(72.62)
    mm = load_mmlu_subjects()
    assert mm.shape == (82, 57) and mm.columns[0] == "abstract_algebra"
    assert np.allclose(mm.to_numpy().min(), 0.30, atol=0.01)
    for g in HELM_GROUPS:
        assert load_helm_classic(g).shape[0] == 67
    assert load_helm_classic().loc["Llama 2 (70B)", "Mean win rate"] == pytest.approx(0.944)
    names = ibm_table_names()
    assert len(names) == 42
    for n in names:
        assert load_ibm_table(n).index.is_unique
    assert load_ibm_table("chatbot_arena_241104_holistic").shape == (129, 1)
    assert ibm_lower_is_better() == {"helm_airbench_240916", "llm_trustworthy_241001"}
    v2 = load_ibm_table("hf_open_llm_v2_240829_holistic")
    assert v2.loc["meta-llama/Meta-Llama-3-8B-Instruct", "hf_open_llm_v2"] == pytest.approx(23.91)


def test_mmlu_latest_run_rule_differs_from_first_for_repeated_models():
    latest, first = load_mmlu_subjects(run="latest"), load_mmlu_subjects(run="first")
    assert list(latest.index) != [] and set(latest.index) == set(first.index)
    assert (latest - first.loc[latest.index]).abs().to_numpy().max() > 0


def test_arena_battle_counts():
    b = load_arena_battles()
    assert len(b.models) == 129 and b.pairs.shape == (3460, 2)
    assert b.n_battles == 1_670_250
    assert b.counts.sum(axis=0).tolist() == [595_570, 498_305, 281_121, 295_254]
    per = b.battles_per_model()
    assert per.min() == 1193 and per.idxmin() == "codellama-70b-instruct"
    assert per.max() == 161_827


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_missing_column_names_file_and_column(tmp_path):
    p = _write(tmp_path, "bad.csv", "Model,MMLU\nm1,0.5\n")
    with pytest.raises(InputError, match=r"bad.csv.*column 'Arena-Elo'.*missing"):
        load_obsscaling(p)


def test_non_numeric_score_names_file_row_and_column(tmp_path):
    body = "Model,Arena-Elo,MTBench,MMLU,ARC-C,HellaSwag,Winogrande,TruthfulQA,GSM8K,HumanEval\n"
    body += "a,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9\nb,0.1,0.2,abc,0.4,0.5,0.6,0.7,0.8,0.9\n"
    p = _write(tmp_path, "obs.csv", body)
    with pytest.raises(InputError, match=r"file 'obs.csv', row 3, column 'MMLU'.*'abc'"):
        load_obsscaling(p)


def test_negative_score_and_out_of_range(tmp_path):
    p = _write(tmp_path, "neg.tsv", "T\tModel\tAverage\tARC\tHellaSwag\tMMLU\tTruthfulQA\t"
               "Winogrande\tGSM8K\nx\tm\t1\t1\t1\t-1\t1\t1\t1\n")
    with pytest.raises(InputError, match=r"row 2, column 'MMLU'.*negative"):
        load_openllm_v1(p)


def test_empty_model_name_and_duplicate_error_rule(tmp_path):
    p = _write(tmp_path, "e.csv", "model,s\n,1\n")
    with pytest.raises(InputError, match=r"row 2, column 'model'.*empty"):
        read_score_table(p, model_column="model")
    p = _write(tmp_path, "d.csv", "model,s\na,1\nb,2\na,3\n")
    with pytest.raises(InputError, match=r"row 4.*'a' is repeated"):
        read_score_table(p, model_column="model", dedup="error")
    assert read_score_table(p, model_column="model", dedup="mean").loc["a", "s"] == 2.0
    assert read_score_table(p, model_column="model").loc["a", "s"] == 1.0
    with pytest.raises(InputError, match="dedup"):
        read_score_table(p, model_column="model", dedup="max")


def test_unknown_table_and_missing_file(tmp_path):
    with pytest.raises(InputError, match="not a bundled IBM"):
        load_ibm_table("nope")
    with pytest.raises(InputError, match="does not exist"):
        load_obsscaling(tmp_path / "absent.csv")


@pytest.mark.parametrize(("data", "pattern"), [
    ({"models": ["a", "b"], "X": [[0, 1]]}, r"column 'Y'.*missing"),
    ({"models": ["a", "b"], "X": [[0, 1]], "Y": [[1, -2, 0, 0]]},
     r"row 0, column 'Y\[0\]\[1\] \(wins_j\)'.*negative"),
    ({"models": ["a", "b"], "X": [[0, 5]], "Y": [[1, 2, 0, 0]]},
     r"row 0, column 'X\[0\]\[1\]'.*not a model id.*unknown model"),
    ({"models": ["a", "a"], "X": [[0, 1]], "Y": [[1, 2, 0, 0]]}, r"row 1.*repeats"),
    ({"models": ["a", "b"], "X": [[0, 1]], "Y": [[1, "x", 0, 0]]}, r"not a whole number"),
    ({"models": ["a", "b"], "X": [[1, 1]], "Y": [[1, 2, 0, 0]]}, r"same model twice"),
])
def test_battle_file_errors(tmp_path, data, pattern):
    p = _write(tmp_path, "b.json", json.dumps(data))
    with pytest.raises(InputError, match=pattern):
        load_arena_battles(p)


def test_battle_file_merges_repeated_pairs_with_flip(tmp_path):
    data = {"models": ["a", "b", "c"], "X": [[0, 1], [1, 0], [1, 2]],
            "Y": [[3, 1, 2, 0], [5, 4, 0, 1], [1, 1, 1, 1]]}
    b = load_arena_battles(_write(tmp_path, "m.json", json.dumps(data)))
    df = b.to_frame()
    row = df[(df.model_i == "a") & (df.model_j == "b")].iloc[0]
    assert (row.wins_i, row.wins_j, row.ties, row.both_bad) == (7, 6, 2, 1)
    assert isinstance(df, pd.DataFrame) and len(df) == 2


def test_atomic_write_gives_ordinary_permissions(tmp_path):
    import os
    import stat

    from benchgame.core.atomic import atomic_write

    mask = os.umask(0o022)
    try:
        new = atomic_write(tmp_path / "new.txt", "x")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("old")
        kept.chmod(0o600)
        atomic_write(kept, "new")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and kept.read_text() == "new"
    finally:
        os.umask(mask)


@pytest.mark.parametrize(("content", "problem"), [
    (None, "does not exist"),
    ("caf\u00e9 = 1\n".encode("latin-1"), "is not UTF-8 text (byte 3)"),
    (b"a = [1,\n", "is not valid TOML"),
])
def test_read_toml_errors_name_the_option(tmp_path, content, problem):
    from benchgame.core.toml_file import read_toml

    path = tmp_path / "spec.toml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_toml(path, "--config")
    assert info.value.field == "--config" and problem in info.value.problem


def test_read_toml_reads_a_document(tmp_path):
    from benchgame.core.toml_file import read_toml

    (tmp_path / "ok.toml").write_text('title = "x"\n[params]\nsteps = 20\n', encoding="utf-8")
    assert read_toml(tmp_path / "ok.toml", "SPEC") == {"title": "x", "params": {"steps": 20}}

"""The bundled benchmark table and the loader's errors (file, row and column named)."""

import pytest

from benchgame.benchmarks_data.ecosystem import (
    BENCHMARK_TABLE_COLUMNS,
    bundled_benchmark_table_path,
    load_benchmark_table,
)
from benchgame.core.validation import InputError

HEADER = ",".join(BENCHMARK_TABLE_COLUMNS)
GOOD = "MMLU,2020,2009.03300,knowledge,UC Berkeley;Columbia University,US;US"


def test_bundled_table():
    t = load_benchmark_table()
    assert list(t.columns) == list(BENCHMARK_TABLE_COLUMNS)
    assert 30 <= len(t) <= 60
    assert t["name"].is_unique and t["arxiv_id"].is_unique
    mmlu = t.set_index("name").loc["MMLU"]
    assert mmlu["year"] == 2020 and mmlu["arxiv_id"] == "2009.03300"
    assert "University of California Berkeley" in mmlu["institutions"]
    gpqa = t.set_index("name").loc["GPQA"]
    assert gpqa["institutions"] == ("New York University", "Cohere", "Anthropic")
    assert gpqa["countries"] == ("US", "CA", "US")
    assert all(len(i) == len(c) for i, c in zip(t["institutions"], t["countries"], strict=True))
    # the first arXiv version's year matches the identifier's YYMM prefix
    assert all(int(a[:2]) + 2000 == y for a, y in zip(t["arxiv_id"], t["year"], strict=True))
    assert (bundled_benchmark_table_path().parent / "PROVENANCE.md").is_file()


def _write(tmp_path, text, name="t.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("rows, match", [
    ([GOOD, "GSM8K,twenty,2110.14168,math,OpenAI,US"],
     r"t\.csv: row 3, column 'year': is 'twenty'"),
    ([GOOD, "GSM8K,2021,2110-14168,math,OpenAI,US"],
     r"t\.csv: row 3, column 'arxiv_id': is '2110-14168'"),
    (["GSM8K,2021,,math,OpenAI,US"], r"row 2, column 'arxiv_id'"),
    ([GOOD, "GSM8K,2021,2110.14168,math,OpenAI;Google,US"],
     r"row 3, column 'countries': has 1 entries but 'institutions' has 2"),
    ([GOOD, "GSM8K,2021,2110.14168,math,OpenAI,USA"], r"row 3, column 'countries'.*ISO"),
    ([GOOD, GOOD.replace("2009.03300", "2009.03301")], r"row 3, column 'name': 'MMLU' repeats"),
    ([GOOD, "GSM8K,2021,2110.14168,,OpenAI,US"], r"row 3, column 'category': is empty"),
    ([GOOD, "GSM8K,2021,2110.14168,math,,US"], r"row 3, column 'institutions': is empty"),
    ([GOOD, "GSM8K,2021.5,2110.14168,math,OpenAI,US"], r"row 3, column 'year'"),
])
def test_bad_rows(tmp_path, rows, match):
    p = _write(tmp_path, "\n".join([HEADER, *rows]) + "\n")
    with pytest.raises(InputError, match=match):
        load_benchmark_table(p)


def test_missing_column_and_missing_file(tmp_path):
    p = _write(tmp_path, "name,year,arxiv_id,category,institutions\nA,2020,2009.03300,x,Y\n")
    with pytest.raises(InputError, match=r"t\.csv: header.*\['countries'\]"):
        load_benchmark_table(p)
    with pytest.raises(InputError, match="does not exist"):
        load_benchmark_table(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="no benchmark rows"):
        load_benchmark_table(_write(tmp_path, HEADER + "\n", "empty.csv"))


def test_optional_author_count_and_old_arxiv_ids(tmp_path):
    text = (HEADER + ",n_authors\n" + GOOD + ",7\n"
            "Old,2006,cs.CL/0601001,reading,Some University,GB,2\n")
    t = load_benchmark_table(_write(tmp_path, text))
    assert t["n_authors"].tolist() == [7, 2]
    bad = HEADER + ",n_authors\n" + GOOD + ",-1\n"
    with pytest.raises(InputError, match=r"row 2, column 'n_authors'"):
        load_benchmark_table(_write(tmp_path, bad, "b.csv"))

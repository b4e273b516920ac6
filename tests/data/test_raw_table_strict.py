"""The one table reader refuses malformed files with one line naming the file, row and column."""

from __future__ import annotations

import pytest

from benchgame.benchmarks_data.score_table import read_raw_table, read_score_table
from benchgame.core.validation import InputError

CASES = [
    ("model,A,A\nx,1,2\n", "row 1, column 'A': is repeated in the header"),
    ("model,A,B\nx,1,2,3\n", "row 2: has 4 cells, the header has 3"),
    ("model,A,B\nx,1\n", "row 2, column 'B': value '' is not a number"),
    ("model,A\nx,\"unclosed\n", "cannot be parsed"),
    ("model,A\nx," + "9" * 140_000 + "\n", "field larger than field limit"),
    ("", "has no header"),
    ("model,A\n", "has no data rows"),
]


@pytest.mark.parametrize(("text", "message"), CASES)
def test_malformed_tables_are_one_line_errors(tmp_path, text, message):
    path = tmp_path / "t.csv"
    path.write_text(text)
    with pytest.raises(InputError, match="file 't.csv'") as exc:
        read_score_table(path, model_column="model", missing=())
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_non_utf8_and_missing_files(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("model,A\ncaf\xe9,1\n".encode("latin-1"))
    with pytest.raises(InputError, match="is not UTF-8 text"):
        read_raw_table(path)
    with pytest.raises(InputError, match="does not exist"):
        read_raw_table(tmp_path / "nope.csv")


def test_short_rows_are_missing_trailing_cells_and_unnamed_columns_are_named(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(",A,B\nx,1\ny,2,3\n")
    raw = read_raw_table(path)
    assert list(raw.columns) == ["Unnamed: 0", "A", "B"]
    assert raw.to_numpy().tolist() == [["x", "1", ""], ["y", "2", "3"]]

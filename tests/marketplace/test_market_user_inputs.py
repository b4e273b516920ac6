"""``benchgame market --weights FILE --candidates FILE`` on a user's CSV, and label errors."""

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.core.validation import InputError
from benchgame.mechanisms.marketplace import Market
from benchgame.mechanisms.marketplace.csv_market import weights_from_csv

runner = CliRunner()


@pytest.fixture
def files(tmp_path):
    (tmp_path / "s.csv").write_text("model,A,B,C\nx,8,2,5\ny,2,9,5\nz,5,5,9\n")
    (tmp_path / "w.csv").write_text("task,weight\nC,1\nA,2\nB,1\n")
    (tmp_path / "c.csv").write_text("model,A,B,C\nnewA,9,1,1\nnewB,4,6,7\n")
    return tmp_path


def test_weights_by_label_and_candidates(files):
    res = runner.invoke(app, ["market", str(files / "s.csv"), "--scale", "10", "--rule",
                              "perfect", "--weights", str(files / "w.csv"), "--candidates",
                              str(files / "c.csv"), "-f", "json"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    # perfect choice, weights A 0.5, B 0.25, C 0.25: x wins A, y wins B, z wins C
    assert [(m["model"], m["winrate"]) for m in d["models"]] == [("x", 0.5), ("y", 0.25),
                                                                  ("z", 0.25)]
    assert d["welfare"] == pytest.approx(0.5 * 0.8 + 0.25 * 0.9 + 0.25 * 0.9)
    c = d["candidates"]
    assert [m["model"] for m in c["models"]] == ["newA", "newB"]
    # newA (0.9 on A) takes task A: winrate 0.5, welfare gain 0.5 * (0.9 - 0.8)
    assert c["models"][0]["winrate"] == pytest.approx(0.5)
    assert c["models"][0]["delta_welfare"] == pytest.approx(0.05)
    assert c["models"][1]["winrate"] == 0.0 and c["models"][1]["delta_welfare"] == 0.0
    assert c["picked"] == {"winrate": ["newA"], "weighted_winrate": ["newA"]}
    assert c["welfare_optimal"] == ["newA"]


def test_weights_file_with_other_tasks_is_one_line_error(files):
    (files / "bad.csv").write_text("task,weight\nA,2\nD,1\n")
    res = runner.invoke(app, ["market", str(files / "s.csv"), "--scale", "10", "--weights",
                              str(files / "bad.csv")])
    assert res.exit_code == 2
    assert "lacks the tasks ['B', 'C'] and has labels that are not tasks ['D']" in (
        res.stderr if res.stderr else str(res.exception))


def test_weights_file_rejects_negative_and_repeated_rows(tmp_path):
    f = tmp_path / "w.csv"
    f.write_text("task,weight\nA,-1\nB,1\n")
    with pytest.raises(InputError) as exc:
        weights_from_csv(f)
    assert "row 2" in exc.value.field
    f.write_text("task,weight\nA,1\nA,1\n")
    with pytest.raises(InputError, match="repeated"):
        weights_from_csv(f)


def test_market_weight_series_errors_name_missing_extra_and_repeated_labels():
    q = pd.DataFrame({"math": [0.8, 0.2], "code": [0.2, 0.9]}, index=["x", "y"])
    with pytest.raises(InputError) as exc:
        Market(q, pd.Series([0.5, 0.5], index=["math", "math"]))
    assert exc.value.problem == ("is labelled ['math', 'math']: it lacks the tasks ['code'] "
                                 "and repeats ['math']")
    m = Market(q, pd.Series({"code": 0.25, "math": 0.75}))
    assert m.weights.tolist() == [0.75, 0.25] and m.models == ("x", "y")

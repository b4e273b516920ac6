"""mpg and signatures on a user's score table and battle file: the bundled data written as user
files give the bundled results; bad files are one-line errors."""

import json

import pytest
from typer.testing import CliRunner

from benchgame.analyses.arena import obsscaling_with_arena
from benchgame.analyses.arena.user_table import user_table_with_arena
from benchgame.benchmarks_data.leaderbot import load_arena_battles
from benchgame.cli import app
from benchgame.core.validation import InputError

runner = CliRunner()


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("user")
    data = obsscaling_with_arena()
    cols = [c for c in data.columns if c not in ("Arena BT Elo", "Arena-Elo")]
    data[cols].to_csv(d / "scores.csv", index_label="model")
    b = load_arena_battles()
    (d / "battles.json").write_text(json.dumps(
        {"models": list(b.models), "X": b.pairs.tolist(), "Y": b.counts.tolist()}))
    return d


def _json(args):
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_user_files_reproduce_the_bundled_mpg(files):
    quick = ["--draws", "200", "--n-boot", "50", "-f", "json"]
    ours = _json(["mpg", "--scores", str(files / "scores.csv"), "--battles",
                  str(files / "battles.json"), *quick])
    ref = _json(["mpg", *quick])
    assert ours["ranking"] == ref["ranking"]
    assert ours["validation"]["summary"] == ref["validation"]["summary"]
    assert ours["validation"]["n"] == 15


def test_user_files_reproduce_the_bundled_signature(files):
    ours = _json(["signatures", "--scores", str(files / "scores.csv"), "--battles",
                  str(files / "battles.json"), "-f", "json"])
    ref = _json(["signatures", "-f", "json"])
    assert [r["feature"] for r in ours["signature"]] == ["MTBench", "HumanEval", "HellaSwag"]
    assert ours["signature"] == ref["signature"] and ours["table"] == "scores.csv"
    held = _json(["signatures", "--scores", str(files / "scores.csv"), "--target", "GSM8K",
                  "-f", "json"])
    assert [r["feature"] for r in held["signature"]] == ["ARC-C", "MTBench", "HumanEval"]


@pytest.mark.parametrize("args, message", [
    (["mpg", "--scores", "S"], "--battles: is missing with --scores"),
    (["mpg", "--scores", "S", "--battles", "B", "--arena", "obsscaling"], "--arena: is "),
    (["signatures", "--scores", "S"], "--battles: is missing for --target arena"),
    (["signatures", "--scores", "S", "--target", "nope"], "'nope' is not a column of table "
                                                          "'scores.csv'"),
])
def test_missing_pieces_are_one_line_errors(files, args, message):
    args = [str(files / "scores.csv") if a == "S" else str(files / "battles.json") if a == "B"
            else a for a in args]
    res = runner.invoke(app, args)
    assert res.exit_code == 2
    err = res.stderr or str(res.exception)
    assert message in err and len(err.strip().splitlines()) == 1


def test_bad_score_cell_names_file_row_and_column(tmp_path):
    f = tmp_path / "s.csv"
    f.write_text("model,MMLU\na,0.5\nb,high\n")
    with pytest.raises(InputError) as exc:
        user_table_with_arena(f)
    assert exc.value.field == "file 's.csv', row 3, column 'MMLU'"
    f.write_text("model,MMLU,Arena BT Elo\na,0.5,1000\n")
    with pytest.raises(InputError, match="fitted arena column"):
        user_table_with_arena(f)

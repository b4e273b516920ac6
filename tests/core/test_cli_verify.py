"""``benchgame verify``: formats, exit codes, reproducibility."""

import json

from typer.testing import CliRunner

from benchgame.cli import app

runner = CliRunner()


def test_verify_json_single_claim():
    res = runner.invoke(app, ["verify", "--claim", "general.pure_existence_2x2.false",
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["schema"] == "benchgame.verify/1"
    assert data["summary"] == {"claims": 1, "ok": 1, "failed": 0}
    c = data["claims"][0]
    assert c["expected"] == "REFUTED" and c["found"] == "REFUTED"
    assert c["counterexample"]["witness"] == "matching pennies"
    assert c["counterexample"]["instance"]["A"] == [[1.0, -1.0], [-1.0, 1.0]]


def test_verify_same_seed_same_counterexample():
    args = ["verify", "--claim", "general.pure_existence_2x2.corrected", "-n", "30", "-s", "7",
            "-f", "json"]
    a = json.loads(runner.invoke(app, args).stdout)
    b = json.loads(runner.invoke(app, args).stdout)
    pa = a["claims"][0]["violation_probe"]["counterexample"]
    assert pa == b["claims"][0]["violation_probe"]["counterexample"]
    assert pa["seed"] == 7 and pa["index"] == 0


def test_verify_markdown_and_output_file(tmp_path):
    out = tmp_path / "report.md"
    res = runner.invoke(app, ["verify", "-c", "general.pure_existence_2x2.", "-f", "markdown",
                              "-o", str(out), "--verbose"])
    assert res.exit_code == 0
    text = out.read_text()
    assert text.startswith("| claim |")
    assert "general.pure_existence_2x2.false | " in text


def test_verify_unknown_claim_is_a_one_line_error():
    res = runner.invoke(app, ["verify", "--claim", "general.pure_existence_2x2.flase"])
    assert res.exit_code == 2
    assert len(res.stderr.splitlines()) == 1
    assert "did you mean general.pure_existence_2x2.false" in res.stderr


def test_verify_list():
    res = runner.invoke(app, ["verify", "--list"])
    assert res.exit_code == 0
    assert "general.pure_existence_2x2.false\tREFUTED" in res.stdout


def test_verify_default_is_a_summary_of_unexpected_statuses(tmp_path):
    out = tmp_path / "report.md"
    res = runner.invoke(app, ["verify", "-c", "general.pure_existence_2x2.", "-f", "markdown",
                              "-o", str(out)])
    assert res.exit_code == 0
    assert out.read_text() == (
        "| claims of | checked | hold, as expected | refuted, as expected | unexpected |\n"
        "|---|---|---|---|---|\n"
        "| general | 2 | 1 | 1 | 0 |\n\n"
        "2 of 2 claims as expected (seed 0); none unexpected; --verbose lists every claim\n"
        "refuted as expected (false as written; --verbose shows each counterexample): "
        "general.pure_existence_2x2.false\n")


def test_verify_default_table_counts_families_at_80_columns():
    res = runner.invoke(app, ["verify", "-c", "general.pure_existence_2x2."],
                        env={"COLUMNS": "80"})
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert max(len(ln) for ln in lines) <= 80
    assert lines[0].strip() == ("benchgame verify: 2 of 2 claims as expected (seed 0); none "
                                "unexpected;")
    assert [c.strip() for c in lines[-4].split("│")[1:6]] == ["general", "2", "1", "1", "0"]
    assert " ".join(ln.strip() for ln in lines[-2:]) == (
        "refuted as expected (false as written; --verbose shows each counterexample): "
        "general.pure_existence_2x2.false")


def test_verify_verbose_at_80_columns_breaks_no_word():
    res = runner.invoke(app, ["verify", "-c", "general.pure_existence_2x2.", "--verbose"],
                        env={"COLUMNS": "80"})
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert max(len(ln) for ln in lines) <= 80
    assert "general.pure_existence_2x2.false" in lines
    assert "general.pure_existence_2x2.corrected" in lines

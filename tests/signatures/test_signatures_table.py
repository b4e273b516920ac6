"""``benchgame signatures`` at 80 columns: headers say what each number is."""

from typer.testing import CliRunner

from benchgame.cli import app


def test_table_headers_in_words_and_values_at_80_columns():
    res = CliRunner().invoke(app, ["signatures"], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert max(len(ln) for ln in lines) <= 80
    header = [" ".join(c.strip() for c in col if c.strip())
              for col in zip(*[ln.split("┃")[1:7] for ln in lines[2:5]], strict=True)]
    assert header == ["entered", "feature", "OLS coefficient", "Thrush gamma (rank concordance)",
                      "eta (pairs in target order)", "Spearman with target"]
    assert "│ 1       │ MTBench   │ 622.2       │ 334          │ 0.897       │ 0.918       │" \
        in lines

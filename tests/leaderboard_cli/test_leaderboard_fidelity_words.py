"""``benchgame leaderboard`` says in words when a protocol has no pure equilibrium, and where
its mixed play is reported."""

from typer.testing import CliRunner

from benchgame.cli import app


def test_no_pure_equilibrium_row_points_to_the_play_table():
    res = CliRunner().invoke(app, ["leaderboard", "--example", "three", "-f", "markdown"])
    assert res.exit_code == 0, res.output
    assert ("| direct | 0 | no | no | - | 1.43243 | no pure equilibrium (mixed play: see the "
            "play table) | developer 'medium' overtakes 'large'") in res.stdout
    assert "no_equilibrium" not in res.stdout

"""Refused writes (a full disk, no permission) are one error line with exit status 2 and leave
nothing behind; and the reproducers that are not bad input now run cleanly."""

from __future__ import annotations

import errno
import os

import pytest
from typer.testing import CliRunner

from benchgame.cli import app
from benchgame.core import atomic
from benchgame.core.validation import InputError

runner = CliRunner()
PD = 'NFG 1 R "PD" { "1" "2" } { 2 2 }\n3 3 5 0 0 5 1 1\n'


def _refuse(code: int):
    def fsync(fd: int) -> None:
        raise OSError(code, os.strerror(code))
    return fsync


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "free some space"),
                                         (errno.EACCES, "choose a path")])
def test_a_refused_write_is_one_line_and_leaves_nothing(tmp_path, monkeypatch, code, words):
    (tmp_path / "g.nfg").write_text(PD)
    monkeypatch.setattr(atomic.os, "fsync", _refuse(code))
    out = tmp_path / "eq.json"
    res = runner.invoke(app, ["solve", str(tmp_path / "g.nfg"), "-f", "json", "-o", str(out)])
    assert res.exit_code == 2
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: path: cannot write")
    assert os.strerror(code) in lines[0] and words in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.nfg"]  # no temporary file left


def test_a_refused_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "report.txt"
    target.write_text("old\n")
    monkeypatch.setattr(atomic.os, "fsync", _refuse(errno.ENOSPC))
    with pytest.raises(InputError, match="No space left"):
        atomic.atomic_write(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]


def test_a_market_with_two_identical_models_is_analysed(tmp_path):
    csv = tmp_path / "same.csv"
    csv.write_text("model,t1,t2\nA,0.5,0.7\nB,0.6,0.4\nC,0.5,0.7\n")
    res = runner.invoke(app, ["market", str(csv), "-f", "csv"])
    assert res.exit_code == 0 and res.stderr == ""
    rows = res.stdout.splitlines()
    assert rows[0] == "model,winrate,weighted_winrate,delta_welfare"
    assert [r.split(",")[0] for r in rows[1:]] == ["A", "B", "C"]
    a, c = rows[1].split(",")[1:], rows[3].split(",")[1:]
    assert a == c  # identical models are paid identically


def test_simulate_help_shows_the_config_tables():
    res = runner.invoke(app, ["ecosystem", "simulate", "--help"], env={"COLUMNS": "200"})
    assert res.exit_code == 0
    assert "TOML with [params] and [sweep] tables." in res.stdout


def test_version_and_no_arguments():
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.stdout.startswith("benchgame ")
    res = runner.invoke(app, [])
    assert "Usage" in res.stdout and res.stderr.strip() == ""


def test_a_limit_is_raised_deliberately(monkeypatch, tmp_path):
    from benchgame.core.limits import check_limit, limit_value

    monkeypatch.setenv("BENCHGAME_MAX_SWEEP_CELLS", "2000000")
    assert limit_value("sweep_cells") == 2_000_000
    assert check_limit(1_500_000, "sweep_cells", "seeds") == 2_000_000
    monkeypatch.setenv("BENCHGAME_MAX_SWEEP_CELLS", "lots")
    with pytest.raises(InputError, match="BENCHGAME_MAX_SWEEP_CELLS: is 'lots'"):
        limit_value("sweep_cells")
    monkeypatch.setenv("BENCHGAME_MAX_PLAYERS", "100")
    with pytest.raises(InputError, match="set it to at most 63"):
        limit_value("players")
    monkeypatch.delenv("BENCHGAME_MAX_PLAYERS")
    monkeypatch.setenv("BENCHGAME_MAX_NUMBER_DIGITS", "200000000")
    from benchgame.games.nfg import read_nfg

    g = read_nfg('NFG 1 R "t" { "1" } { 2 } 1e-5000 1e5')  # exponents now within the limit
    assert g.payoffs[:, 0].tolist() == [0.0, 100000.0]

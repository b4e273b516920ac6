"""Strategy names from .nfg files in solve's table; results render as HTML in notebooks."""

from typer.testing import CliRunner

import benchgame
import benchgame.games.examples
from benchgame.cli import app
from benchgame.core.serialize import html_repr
from benchgame.games.nfg import read_nfg

NAMED = """NFG 1 R "Battle of the sexes" { "Alice" "Bob" }
{ { "Opera" "Football" } { "Opera" "Football" } }
""

2 1 0 0 0 0 1 2
"""


def test_named_payoff_version_keeps_the_names(tmp_path):
    p = tmp_path / "bos.nfg"
    p.write_text(NAMED)
    g = read_nfg(p)
    assert g.labels == (("Opera", "Football"), ("Opera", "Football"))
    assert g.payoffs[..., 0].tolist() == [[2.0, 0.0], [0.0, 1.0]]


def test_solve_table_names_strategies(tmp_path):
    p = tmp_path / "bos.nfg"
    p.write_text(NAMED)
    res = CliRunner().invoke(app, ["solve", str(p), "-f", "markdown"])
    assert res.exit_code == 0, res.output
    rows = [ln for ln in res.stdout.splitlines() if ln.startswith("| ")][1:]
    assert rows[0].startswith("| 1 | Football | Football | 1, 2 |")
    assert rows[1].startswith("| 2 | Opera: 2/3, Football: 1/3 | Opera: 1/3, Football: 2/3 |")
    assert rows[2].startswith("| 3 | Opera | Opera | 2, 1 |")
    pd_file = str(benchgame.games.examples.path("prisoners_dilemma.nfg"))
    res = CliRunner().invoke(app, ["solve", pd_file, "-f", "markdown"])
    assert "| 1 | Defect | Defect | 1, 1 |" in res.stdout


def test_results_share_one_html_repr():
    from benchgame.games import pure_equilibria
    from benchgame.games.leaderboard import Contest, PowerCost, Substitutes, analyze_pure
    from benchgame.mechanisms.marketplace import Softmax, evaluate
    from benchgame.mechanisms.marketplace.bundled import mtbench101_market

    g = benchgame.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    eqs = pure_equilibria(g)
    pa = analyze_pure(Contest([1.0, 0.5], Substitutes(), PowerCost(1.0), [1.0, 0.0],
                              names=["A", "B"]))
    mm = evaluate(mtbench101_market(), Softmax(20.0))
    for obj in (eqs, eqs[0], pa, mm):
        assert type(obj)._repr_html_ is html_repr
        text = obj._repr_html_()
        assert text.startswith(f"<div><strong>{type(obj).__name__}</strong><table")
    assert "<th>status</th><td>none</td>" in pa._repr_html_()
    assert "developer &#x27;B&#x27; overtakes &#x27;A&#x27;" in pa._repr_html_()
    assert "GPT-4" in mm._repr_html_()

"""The documentation: its generated reference pages follow the code, and the site builds with
warnings as errors.

The full build (``test_docs_build_without_warnings``) runs the gallery and takes about 35 s of
CPU time; it runs in the default test run (CI's included), so a change that breaks the site
fails the tests. The checks of the generated pages are fast. Both skip when Sphinx and the
documentation packages are not installed (``pip install ".[docs]"``; the ``test`` extra
includes them).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("sphinx")
pytest.importorskip("sphinx_gallery")
pytest.importorskip("pydata_sphinx_theme")
pytest.importorskip("numpydoc")

DOCS = Path(__file__).resolve().parents[2] / "docs"
sys.path.insert(0, str(DOCS / "_ext"))

import api_pages  # noqa: E402
import config_reference  # noqa: E402
import data_docs  # noqa: E402
import docstring_bars  # noqa: E402
from sphinx.errors import ExtensionError  # noqa: E402

import benchgame  # noqa: E402
from benchgame.experiments import leaderboard_config  # noqa: E402
from benchgame.experiments.sweeps import spec  # noqa: E402


def _keys(rows: list[list[str]]) -> list[str]:
    return [r[0].split("``")[1] for r in rows]


def test_leaderboard_reference_lists_the_parsers_keys():
    tables = {title: rows for title, _, rows in config_reference.leaderboard_tables_()}
    assert _keys(tables["Top level"]) == sorted(leaderboard_config._TOP)
    assert _keys(tables["Top level"]) == ["cost", "designer", "developers", "imports",
                                          "protocols", "rewards", "score", "tie", "title"]
    assert _keys(tables["[developers]"]) == ["names", "theta"]
    assert _keys(tables["[tie]"]) == ["priority", "rule"]
    assert _keys(tables["[designer]"]) == ["candidates", "cost", "delta_max", "levels", "metric",
                                           "plot_delta_max", "populations", "protocol",
                                           "required_fraction", "seconds", "seeds", "target"]
    assert _keys(tables['[score] with family = "logit"']) == ["alpha", "beta", "lower", "upper"]
    power = tables['[cost] with type = "power"']
    assert [(k, r[2]) for k, r in zip(_keys(power), power, strict=True)] == [
        ("kappa", "``1.0``"), ("p", "``1.0``")]
    assert _keys(tables["[rewards]"]) == ["first", "k", "preset", "prize", "ratio", "values"]
    protocols = _keys(tables["[[protocols]]"])
    assert protocols[:2] == ["type", "label"]
    assert {"delta", "cap"} <= set(protocols)


def test_sweep_reference_lists_the_spec_keys_and_every_analysis_parameter():
    tables = {title: rows for title, _, rows in config_reference.sweep_tables()}
    assert _keys(tables["Top level"]) == sorted(spec._TOP)
    assert _keys(tables['[parameters] with design = "random"']) == [
        "choices", "high", "integer", "log", "low"]
    assert _keys(tables["[designer]"]) == ["cost", "required_fraction"]
    leaderboard = {r[0]: r for r in tables['[parameters] of analysis = "leaderboard"']}
    assert leaderboard["``delta``"][1:3] == ["float", "``0.0``"]
    assert leaderboard["``protocol``"][1:4] == ["str", '``"tbt"``', '``protocol = ["tbt"]``']
    claims = {r[0]: r for r in tables['[parameters] of analysis = "claims"']}
    assert claims["``claim``"][2] == "required"


def test_reference_text_out_of_step_with_the_code_fails_the_build():
    text = {"theta": ("list of float", "required", "", "capabilities")}
    with pytest.raises(ExtensionError, match=r"undocumented keys \['names'\]"):
        config_reference._text_rows(text, {"theta", "names"}, "[developers]")
    with pytest.raises(ExtensionError, match=r"documented unknown keys \['theta'\]"):
        config_reference._text_rows(text, set(), "[developers]")


def test_api_pages_document_each_object_once_in_its_deepest_package():
    units = api_pages.public_units()
    assert units[0] == "benchgame"
    assert {"benchgame.core.validation", "benchgame.games", "benchgame.games.leaderboard",
            "benchgame.mechanisms.marketplace", "benchgame.experiments.sweeps"} <= set(units)
    # modules inside a package with __all__ are re-exported there, not pages of their own
    assert "benchgame.games.leaderboard.contest" not in units
    assert "benchgame.proofs_check.claims.general.instances" not in units
    import benchgame as bg

    home = api_pages.homes(units)
    assert home[id(bg.Contest)] == "benchgame.games.leaderboard"
    assert home[id(bg.InputError)] == "benchgame.core.validation"
    assert home[id(bg.solve)] == "benchgame.games"


def test_schema_page_collects_every_command(tmp_path):
    names = api_pages.write_schema_page(tmp_path / "schemas.rst")
    text = (tmp_path / "schemas.rst").read_text()
    assert {"benchgame.cli.commands.solve", "benchgame.cli.commands.verify",
            "benchgame.cli.commands.leaderboard", "benchgame.cli.commands.sweep"} <= set(names)
    assert text.count(".. automodule:: benchgame.cli.commands.") == len(names)


def test_sizes_in_docstrings_read_as_text_not_substitutions():
    lines = ["**menus** : shape (|F_1|, ..., |F_n|, n)", "Cap on ``|S|``; a | b",
             "|line block", "::", "", "    {|x|}", "Back |y|.", ">>> abs(x) |y|"]
    docstring_bars.escape_bars(lines)
    assert lines == ["**menus** : shape (\\|F_1\\|, ..., \\|F_n\\|, n)",
                     "Cap on ``|S|``; a | b", "|line block", "::", "", "    {|x|}",
                     "Back \\|y\\|.", ">>> abs(x) |y|"]


def test_constants_are_not_documented_by_their_types_docstring():
    from benchgame.mechanisms.protocols import PROTOCOLS

    str_doc = data_docs.inspect.cleandoc(str.__doc__).splitlines()
    assert data_docs.type_docstring_lines(benchgame.__version__, str_doc) == []
    registry_doc = data_docs.inspect.cleandoc(type(PROTOCOLS).__doc__).splitlines()
    assert data_docs.type_docstring_lines(PROTOCOLS, registry_doc) == [
        "An instance of :class:`benchgame.core.registry.Registry`.", ""]
    assert data_docs.type_docstring_lines(PROTOCOLS, ["The protocol families."]) is None


def test_docs_build_without_warnings(tmp_path):
    out = tmp_path / "html"
    res = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html",
                          str(DOCS), str(out)], capture_output=True, text=True, timeout=1500)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    config = (out / "reference" / "config.html").read_text()
    for key in ("plot_delta_max", "required_fraction", "design_seed", "knots_x"):
        assert key in config, key
    assert "benchgame.solve/1" in (out / "generated" / "schemas.html").read_text()
    images = sorted(p.name for p in (DOCS / "auto_examples" / "images").glob("sphx_glr_*.png"))
    assert images == ["sphx_glr_plot_ecosystem_lorenz_001.png",
                      "sphx_glr_plot_finite_game_001.png",
                      "sphx_glr_plot_leaderboard_delta_001.png",
                      "sphx_glr_plot_market_welfare_001.png",
                      "sphx_glr_plot_mpg_arena_001.png"]
    assert (out / "generated" / "api" / "generated" / "benchgame.games.leaderboard.Contest.html"
            ).exists()

"""Package metadata stays consistent: one version (``benchgame.__version__``, which the wheel,
``benchgame --version`` and CITATION.cff report), an SPDX license expression matching LICENSE,
and a citation of the project with the five papers it implements."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

import benchgame

ROOT = Path(__file__).resolve().parents[2]


def test_one_version_source_and_an_spdx_license():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "version" not in project and project["dynamic"] == ["version"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert not any(c.startswith("License ::") for c in project["classifiers"])


def test_citation_cites_this_version_and_the_five_papers():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    assert cff["version"] == benchgame.__version__
    assert cff["license"] == "MIT"
    dois = sorted(ref["identifiers"][0]["value"] for ref in cff["references"])
    assert dois == ["10.48550/arXiv.2410.22368", "10.48550/arXiv.2509.23488",
                    "10.48550/arXiv.2510.01286", "10.48550/arXiv.2602.23293",
                    "10.48550/arXiv.2603.08371"]


def test_changelog_keeps_an_unreleased_section_and_this_version():
    text = (ROOT / "CHANGELOG.md").read_text()
    assert text.startswith("# Changelog\n")
    assert "## [Unreleased]" in text
    assert f"## [{benchgame.__version__}] - " in text

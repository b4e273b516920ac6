"""Sphinx configuration of the benchgame documentation.

Build: ``sphinx-build -W --keep-going -b html docs docs/_build/html`` (with ``pip install
".[docs]"``). The API reference, the JSON-schema page and the configuration reference are
generated from the package when the build starts, and the gallery in ``docs/examples`` runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

from api_pages import write_api_pages, write_schema_page  # noqa: E402

import benchgame  # noqa: E402

project = "benchgame"
author = "The benchgame authors"
copyright = "2026, The benchgame authors"
release = benchgame.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
    "config_reference",
    "docstring_bars",
    "data_docs",
]

templates_path = ["_templates"]
exclude_patterns = ["_build", "_ext", "_templates", "examples", "Thumbs.db", ".DS_Store",
                    "**.ipynb_checkpoints",
                    "auto_examples/*.ipynb", "auto_examples/*.py", "auto_examples/*.zip",
                    "auto_examples/*.json", "auto_examples/*.md5", "auto_examples/*.pickle"]

# The API pages and the schema page are written from the package at each build, so they list
# what the code exports today.
GENERATED = HERE / "generated"
write_api_pages(GENERATED / "api")
write_schema_page(GENERATED / "schemas.rst")

autosummary_generate = True
autosummary_imported_members = True
autodoc_default_options = {"member-order": "bysource"}
autodoc_typehints = "none"
autodoc_inherit_docstrings = True
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_validation_checks: set[str] = set()

sphinx_gallery_conf = {
    "examples_dirs": "examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "download_all_examples": False,
    "remove_config_comments": True,
    "within_subsection_order": "FileNameSortKey",
    "image_scrapers": ("matplotlib",),
    "matplotlib_animations": False,
    "reset_modules": ("matplotlib",),
    "write_computation_times": False,
}

html_theme = "pydata_sphinx_theme"
html_title = f"benchgame {release}"
html_static_path: list[str] = []
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "secondary_sidebar_items": ["page-toc"],
}
html_show_sourcelink = False

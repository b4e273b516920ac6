"""The re-exported public API: every listed name resolves, lazily and to the defining object."""

import importlib

import pytest

PACKAGES = ["analyses", "benchmarks_data", "games", "mechanisms", "proofs_check", "benchgame"]


@pytest.mark.parametrize("name", PACKAGES)
def test_every_exported_name_resolves(name):
    package = importlib.import_module(name)
    exported = [n for n in package.__all__ if n != "__version__"]
    assert len(exported) == len(set(exported)) > 5
    for attr in exported:
        value = getattr(package, attr)
        home = getattr(value, "__module__", None)
        assert home is None or home.split(".")[0] in PACKAGES, (attr, home)
    assert set(exported) <= set(dir(package))


def test_lazy_package_resolves_submodules_and_rejects_unknown_names():
    import analyses

    assert analyses.arena.fit_bradley_terry is analyses.fit_bradley_terry
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        getattr(analyses, "nope")  # noqa: B009 - the attribute access is the test


def test_star_import_of_the_front_door():
    namespace: dict = {}
    exec("from benchgame import *", namespace)
    import benchgame

    assert namespace["NormalFormGame"] is benchgame.NormalFormGame
    assert namespace["run_claim"] is benchgame.run_claim

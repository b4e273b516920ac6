"""The public API: every listed name resolves, lazily and to the defining object."""

import importlib
import types

import pytest

PACKAGES = ["benchgame.analyses", "benchgame.benchmarks_data", "benchgame.games",
            "benchgame.mechanisms", "benchgame.proofs_check", "benchgame"]


@pytest.mark.parametrize("name", PACKAGES)
def test_every_exported_name_resolves(name):
    package = importlib.import_module(name)
    exported = [n for n in package.__all__ if n != "__version__"]
    assert len(exported) == len(set(exported)) > 5
    for attr in exported:
        value = getattr(package, attr)
        if isinstance(value, types.ModuleType):
            home = value.__name__
        else:
            home = getattr(value, "__module__", None)
        assert home is None or home.startswith("benchgame."), (attr, home)
    assert set(exported) <= set(dir(package))


def test_lazy_package_resolves_submodules_and_rejects_unknown_names():
    import benchgame
    from benchgame import analyses

    assert benchgame.analyses.arena.fit_bradley_terry is benchgame.analyses.fit_bradley_terry
    with pytest.raises(AttributeError, match="nope"):
        getattr(analyses, "nope")  # noqa: B009 - the attribute access is the test
    with pytest.raises(AttributeError):
        getattr(benchgame, "nope")  # noqa: B009


def test_top_level_is_a_small_set_of_entry_points_and_the_layers():
    import benchgame

    layers = {"core", "benchmarks_data", "games", "mechanisms", "analyses", "proofs_check",
              "experiments", "cli"}
    assert layers <= set(benchgame.__all__)
    assert len(benchgame.__all__) < 40
    assert benchgame.games.NormalFormGame is benchgame.NormalFormGame
    assert benchgame.solve is benchgame.games.solve


def test_star_import_of_the_front_door():
    namespace: dict = {}
    exec("from benchgame import *", namespace)
    import benchgame

    assert namespace["NormalFormGame"] is benchgame.NormalFormGame
    assert namespace["run_claim"] is benchgame.run_claim
    assert namespace["games"] is benchgame.games

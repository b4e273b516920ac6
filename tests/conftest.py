"""Shared test configuration: hypothesis profiles (the CI profile is derandomized), and the
``drawn`` fixture that returns the figure a plotting function would write."""

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None, max_examples=50,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", deadline=None, max_examples=50, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture
def drawn(monkeypatch):
    """``drawn(module, plot, *args, **kwargs)``: call ``plot`` with ``module.save_png`` replaced
    and return the matplotlib figure it would have written (titles, labels and legends can then
    be checked on the objects)."""
    def draw(module, plot, *args, **kwargs):
        kept = {}

        def keep(fig, path, dpi=None):
            kept["fig"] = fig
            return Path(path)

        monkeypatch.setattr(module, "save_png", keep)
        plot(*args, **kwargs)
        return kept["fig"]

    return draw

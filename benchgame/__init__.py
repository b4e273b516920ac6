"""benchgame: LLM benchmarks as games and mechanisms.

The public API of the library, re-exported from :mod:`games`, :mod:`mechanisms`,
:mod:`proofs_check`, :mod:`benchmarks_data` and :mod:`analyses` (``import benchgame as bg;
bg.NormalFormGame``). The command line is :mod:`benchgame.cli`.

The re-exports are resolved on first use (PEP 562), so that the command line and
``import benchgame`` stay fast; ``dir(benchgame)`` and ``from benchgame import *`` list them all.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

__version__ = "0.1.0"

_PACKAGES = ("analyses", "benchmarks_data", "games", "mechanisms", "proofs_check")
"""Re-exported packages; on a name clash the later package wins."""

_namespace: dict[str, Any] | None = None


def _exports() -> dict[str, Any]:
    global _namespace
    if _namespace is None:
        ns: dict[str, Any] = {}
        for name in _PACKAGES:
            module = importlib.import_module(name)
            ns.update({n: getattr(module, n) for n in module.__all__})
        _namespace = ns
    return _namespace


def __getattr__(name: str) -> Any:
    if name == "__all__":
        return sorted(_exports()) + ["__version__"]
    if name.startswith("__"):
        raise AttributeError(name)
    if importlib.util.find_spec(f"{__name__}.{name}") is not None:  # cli, examples
        return importlib.import_module(f"{__name__}.{name}")
    try:
        return _exports()[name]
    except KeyError:
        raise AttributeError(f"module 'benchgame' has no attribute {name!r}") from None


def __dir__() -> list[str]:
    return sorted({*globals(), *_exports()})

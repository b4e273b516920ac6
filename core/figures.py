"""Figures written as PNG files: the Agg backend, and an atomic write of the rendered image.

Every plot of the library goes through :func:`pyplot` (matplotlib with the non-interactive Agg
backend, imported on first use so that the command line starts fast) and :func:`save_png`
(rendered into memory, then written with :func:`benchgame.core.atomic.atomic_write`, so that a
reader never sees half a PNG and a failed plot leaves the old file in place).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from benchgame.core.atomic import atomic_write

__all__ = ["pyplot", "save_png"]


def pyplot() -> Any:
    """:mod:`matplotlib.pyplot` on the Agg backend (no display needed).

    Returns
    -------
    module
        ``matplotlib.pyplot``.

    Examples
    --------
    >>> plt = pyplot()
    >>> plt.get_backend().lower()
    'agg'
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


def save_png(fig: Any, path: str | Path, *, dpi: int = 120) -> Path:
    """Render ``fig`` as PNG, write it atomically to ``path``, close it and return the path.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure; it is closed afterwards.
    path : str or pathlib.Path
        The PNG file; its folder must exist.
    dpi : int
        Resolution.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> plt = pyplot()
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 1], [0, 1])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = save_png(fig, Path(tmp) / "line.png")
    ...     out.read_bytes()[:4] == b"\\x89PNG"
    True
    """
    buf = io.BytesIO()
    try:
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    finally:
        pyplot().close(fig)
    return atomic_write(path, buf.getvalue())

"""Atomic file output: write to a temporary file in the target folder, then rename.

A reader never sees a half-written file, and an interrupted run leaves the old file intact.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from benchgame.core.validation import InputError

__all__ = ["atomic_write"]


def _default_mode(target: Path) -> int:
    """Mode of an existing ``target``, else ``0o666`` minus the process umask (as ``open``)."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path.

    The data go to a temporary file created beside the target (so that the final
    :func:`os.replace` is a same-filesystem rename), flushed to disk, then renamed over the
    target. The file keeps the mode of the file it replaces, or gets the ordinary mode of a new
    file (``0o666`` minus the umask). If anything fails the temporary file is removed and the
    target is left as it was.

    Parameters
    ----------
    path : str or os.PathLike
        The file to write; its parent folder must exist.
    data : str or bytes
        The content; text is encoded as UTF-8.

    Returns
    -------
    pathlib.Path
        ``path`` as a :class:`~pathlib.Path`.

    Raises
    ------
    InputError
        If the parent folder of ``path`` does not exist, ``path`` is a folder, or the system
        refuses the write (a full disk, no permission); nothing is written and an existing
        file is left as it was.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = atomic_write(Path(tmp) / "notes.txt", "tune before test\\n")
    ...     print(out.name, repr(out.read_text()), sorted(p.name for p in Path(tmp).iterdir()))
    notes.txt 'tune before test\\n' ['notes.txt']
    """
    target = Path(path)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError("path", f"folder {str(parent)!r} does not exist",
                         "create it first or choose another output path")
    if target.is_dir():
        raise InputError("path", f"{str(target)!r} is a folder", "give a file name")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _write_error(target, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _default_mode(target))  # mkstemp creates 0600; keep ordinary modes
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise _write_error(target, exc) from None
        raise
    return target


def _write_error(target: Path, exc: OSError) -> InputError:
    """The one-line error for a write that the system refused (full disk, no permission)."""
    fix = ("free some space or write to another disk" if exc.errno == errno.ENOSPC
           else "choose a path you can write to")
    return InputError("path", f"cannot write {str(target)!r} ({exc.strerror or exc}); "
                      "nothing was written", fix)

"""What is stored at a sweep's output path, and whether a run may write there.

A sweep writing ``runs.parquet`` owns four names beside it::

    runs.parquet          the final table (Parquet; metadata benchgame.analysis, benchgame.spec
                          and benchgame.run, the id of the run that wrote it)
    runs.parquet.parts/   parts of the current or an interrupted run, with manifest.json
    runs.parquet.new/     parts of an --overwrite run, swapped in only once complete
    runs.parquet.lock     the lock of the run in progress (see output_lock)

:func:`survey` reads them without writing and refuses anything that is not this tool's output (a
file that is not one of its Parquet tables, a folder without its manifest), so that neither a
sweep nor ``--overwrite`` ever replaces a file benchgame did not write. :func:`check_request`
decides whether the run may go on (``--resume`` only with the stored specification, naming the
keys that differ), :func:`clean` removes what killed runs left behind (temporary files, parts
already in the table, an ``--overwrite`` that never finished), and :func:`finish` removes the
parts once the final table is in place.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchgame.core.validation import InputError

__all__ = ["BESIDE", "MANIFEST_SCHEMA", "RESULT_KEYS", "OutputState", "beside", "check_request",
           "clean", "finish", "parts_dir", "spec_differences", "survey"]

MANIFEST_SCHEMA = "benchgame.sweep.manifest/1"

#: specification keys that decide the cells and their results (``output``, ``batch_size`` and
#: ``designer`` do not change the table)
RESULT_KEYS = ("analysis", "imports", "design", "parameters", "cases", "samples", "design_seed",
               "seeds")

_TEMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")   # atomic_write's temporary files


#: what a sweep writing ``OUTPUT`` keeps beside it, by role (see the module docstring)
BESIDE = {"parts": ".parts", "staging": ".new", "lock": ".lock"}


def beside(output: Path, role: str) -> Path:
    """Return the name a sweep writing ``output`` uses beside it for ``role``.

    Parameters
    ----------
    output : pathlib.Path
        The Parquet file of the final table.
    role : {"parts", "staging", "lock"}
        The parts folder, the folder of an ``--overwrite`` run's parts until it is complete,
        or the lock file.

    Returns
    -------
    pathlib.Path
        ``output`` with the role's suffix (:data:`BESIDE`) appended to its name.

    Examples
    --------
    >>> from pathlib import Path
    >>> [beside(Path("runs") / "lb.parquet", r).as_posix() for r in ("parts", "staging", "lock")]
    ['runs/lb.parquet.parts', 'runs/lb.parquet.new', 'runs/lb.parquet.lock']
    """
    return Path(str(output) + BESIDE[role])


def parts_dir(output: Path) -> Path:
    """Return the folder of part files of ``output``: ``beside(output, "parts")``.

    Parameters
    ----------
    output : pathlib.Path
        The Parquet file of the final table.

    Returns
    -------
    pathlib.Path
        ``output`` with ``.parts`` appended to its name.
    """
    return beside(output, "parts")


@dataclass(frozen=True)
class OutputState:
    """What :func:`survey` found at an output path.

    Parameters
    ----------
    table : mapping or None
        Metadata of the final table (``spec`` as a dict or None, ``run`` as str or None), or
        None when there is no table.
    parts : mapping or None
        Manifest of the parts folder when it holds live parts (an interrupted run), else None.
    leftovers : list of pathlib.Path, default []
        Folders a killed run left behind that hold nothing the table lacks (to be removed).
    """

    table: Mapping[str, Any] | None
    parts: Mapping[str, Any] | None
    leftovers: list[Path] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        """Whether results are stored (a final table or the parts of an interrupted run)."""
        return self.table is not None or self.parts is not None

    def to_dict(self) -> dict:
        """What was found, as JSON-safe data.

        Returns
        -------
        dict
            ``table`` and ``parts`` (as found, or None), ``leftovers`` (paths as strings) and
            ``exists``.

        Examples
        --------
        >>> from pathlib import Path
        >>> OutputState(None, None, [Path("o.parquet.new")]).to_dict()
        {'table': None, 'parts': None, 'leftovers': ['o.parquet.new'], 'exists': False}
        """
        return {"table": None if self.table is None else dict(self.table),
                "parts": None if self.parts is None else dict(self.parts),
                "leftovers": [p.as_posix() for p in self.leftovers], "exists": self.exists}


def _foreign(path: Path, what: str) -> InputError:
    return InputError("output", f"{str(path)!r} exists and is not {what}",
                      "choose another output path: a sweep only replaces files it wrote "
                      "(--overwrite included)")


def _table_meta(output: Path) -> dict | None:
    import pyarrow.parquet as pq

    if not output.exists() and not output.is_symlink():
        return None
    if not output.is_file():
        raise _foreign(output, "a benchgame sweep table")
    try:
        meta = pq.read_schema(output).metadata or {}
    except Exception:  # noqa: BLE001 (pyarrow raises several types for a non-Parquet file)
        raise _foreign(output, "a benchgame sweep table (not Parquet)") from None
    if b"benchgame.analysis" not in meta:
        raise _foreign(output, "a benchgame sweep table (Parquet without benchgame metadata)")
    spec = json.loads(meta[b"benchgame.spec"]) if b"benchgame.spec" in meta else None
    run = meta[b"benchgame.run"].decode() if b"benchgame.run" in meta else None
    return {"spec": spec, "run": run}


def _manifest(folder: Path) -> dict | None:
    """The manifest of a parts folder; ``{}`` for a folder a run left before writing one."""
    if not folder.exists() and not folder.is_symlink():
        return None
    if not folder.is_dir() or folder.is_symlink():
        raise _foreign(folder, "a folder of sweep parts")
    names = [p.name for p in folder.iterdir()]
    if "manifest.json" not in names:
        if all(_TEMP.match(n) for n in names):   # killed between mkdir and the manifest
            return {}
        raise _foreign(folder, "a folder of sweep parts (no manifest.json)")
    try:
        doc = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise _foreign(folder, "a folder of sweep parts (unreadable manifest.json)") from None
    if not isinstance(doc, dict) or doc.get("schema") != MANIFEST_SCHEMA:
        raise _foreign(folder, "a folder of sweep parts (manifest.json of another kind)")
    return doc


def survey(output: Path) -> OutputState:
    """Read what is stored at ``output``, refusing anything this tool did not write.

    Parameters
    ----------
    output : pathlib.Path
        The Parquet file of the final table.

    Returns
    -------
    OutputState
        The final table's metadata, the live parts' manifest and the leftovers of killed runs.

    Raises
    ------
    InputError
        If ``output`` is not a benchgame sweep table, or its ``.parts``/``.new`` names are not
        folders of sweep parts with their manifest.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = Path(tmp) / "victim.txt"
    ...     _ = out.write_text("keep me")
    ...     try:
    ...         survey(out)
    ...     except InputError as exc:
    ...         print(exc.problem.split("' ", 1)[1])
    exists and is not a benchgame sweep table (not Parquet)
    """
    table = _table_meta(output)
    parts = _manifest(parts_dir(output))
    staged = _manifest(beside(output, "staging"))
    run = None if table is None else table["run"]
    leftovers = []
    if staged is not None:
        leftovers.append(beside(output, "staging"))
        if run is not None and staged.get("run") == run:   # killed after swapping the table in
            parts = None if parts is None else {}
    if parts is not None and (not parts or (run is not None and parts.get("run") == run)):
        leftovers.append(parts_dir(output))                 # empty, or already in the table
        parts = None
    return OutputState(table, parts, leftovers)


def spec_differences(stored: Mapping[str, Any], spec: Mapping[str, Any]) -> list[str]:
    """Name the keys of two specifications that change the sweep's cells or results.

    Parameters
    ----------
    stored : mapping
        The stored specification (``SweepSpec.to_dict()`` read back from JSON).
    spec : mapping
        The new one, as ``SweepSpec.to_dict()``.

    Returns
    -------
    list of str
        Differing keys of :data:`RESULT_KEYS`, a swept parameter as ``parameters.<name>``.

    Examples
    --------
    >>> old = {"analysis": "a", "seeds": [0, 1], "parameters": {"x": [1.0], "y": [2]},
    ...        "output": "a.parquet", "batch_size": 4}
    >>> new = {"analysis": "a", "seeds": [0, 1, 2], "parameters": {"x": [1.0, 3.0], "y": [2]},
    ...        "output": "b.parquet", "batch_size": 8}
    >>> spec_differences(old, new)
    ['parameters.x', 'seeds']
    """
    given = dict(spec.items())
    new = json.loads(json.dumps(given, default=str))
    keys = []
    for key in RESULT_KEYS:
        a, b = stored.get(key), new.get(key)
        if key == "parameters" and isinstance(a, dict) and isinstance(b, dict):
            keys += [f"parameters.{n}" for n in sorted(set(a) | set(b)) if a.get(n) != b.get(n)]
        elif a != b:
            keys.append(key)
    return keys


def check_request(output: Path, state: OutputState, spec: Mapping[str, Any], resume: bool,
                  overwrite: bool) -> None:
    """Decide whether a run may write to ``output``, given what is stored there.

    Parameters
    ----------
    output : pathlib.Path
        The Parquet file of the final table.
    state : OutputState
        What :func:`survey` found.
    spec : mapping
        The run's specification, as ``SweepSpec.to_dict()``.
    resume, overwrite : bool
        The run continues, or replaces, the stored results.

    Raises
    ------
    InputError
        If results are stored and neither flag is given, or ``resume`` is given with a
        specification whose cells or results differ from the stored one (naming the keys).
    """
    if not state.exists or overwrite:
        return
    if not resume:
        raise InputError("output", f"{str(output)!r} already exists (sweep results)",
                         "pass --resume to continue the sweep or --overwrite to replace it")
    for doc in (state.table, state.parts):
        if doc is None:
            continue
        stored = doc.get("spec")
        if not isinstance(stored, dict):
            raise InputError("--resume", f"{str(output)!r} has no stored specification to "
                             "compare with", "write to a new output or pass --overwrite")
        keys = spec_differences(stored, spec)
        if keys:
            raise InputError("--resume", f"the specification differs from the one stored with "
                             f"{str(output)!r} in {', '.join(keys)}",
                             "write to a new output (--output NEW.parquet) or pass --overwrite "
                             "to replace the stored results")


def _temporaries(folder: Path, pattern: re.Pattern) -> list[Path]:
    if not folder.is_dir() or folder.is_symlink():
        return []
    return [p for p in folder.iterdir() if pattern.match(p.name) and p.is_file()]


def clean(output: Path, state: OutputState) -> list[Path]:
    """Remove what killed runs left at ``output`` (call with the output's lock held).

    Temporary files of the table and of the parts, and the :attr:`OutputState.leftovers`
    folders: an ``--overwrite`` that never swapped its table in (the earlier results stay), or
    parts already in the final table.

    Parameters
    ----------
    output : pathlib.Path
        The Parquet file of the final table.
    state : OutputState
        What :func:`survey` found.

    Returns
    -------
    list of pathlib.Path
        The files and folders removed.
    """
    parent = output.parent if str(output.parent) else Path(".")
    own = re.compile(re.escape(f".{output.name}.") + r"[a-z0-9_]{8}\.tmp$")  # this table's only
    removed = _temporaries(parent, own) + _temporaries(parts_dir(output), _TEMP)
    for p in removed:
        p.unlink(missing_ok=True)
    for folder in state.leftovers:
        shutil.rmtree(folder, ignore_errors=True)
    return removed + list(state.leftovers)


def finish(output: Path, work: Path) -> None:
    """Remove the parts once the final table (holding them) is in place.

    Parameters
    ----------
    output : pathlib.Path
        The Parquet file of the final table.
    work : pathlib.Path
        The folder the run wrote its parts to: the parts folder, or the staging folder of an
        ``--overwrite`` run, after which the earlier run's parts folder is removed too.
    """
    if work != parts_dir(output):
        shutil.rmtree(parts_dir(output), ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)

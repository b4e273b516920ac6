"""Parquet storage of sweep results: one atomic part file per finished batch, one final table.

Layout for ``output = "runs.parquet"``::

    runs.parquet.parts/manifest.json       the specification (provenance)
    runs.parquet.parts/part-<ids>.parquet  one per finished batch (written atomically)
    runs.parquet                           the consolidated table (written atomically; the
                                           specification is in its metadata, benchgame.spec)

Every file has the same Arrow schema, fixed by the analysis' declarations (see
:func:`arrow_schema`), so parts written by different runs concatenate into the same table.
A part is written to a temporary file in the same folder and renamed (``os.replace``): a killed
run leaves only whole parts, and loses at most the batches that were still running. The parts
folder is removed once the final table is written.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from pathlib import Path
from typing import Any

from benchgame.core.atomic import atomic_write
from benchgame.core.validation import InputError
from benchgame.experiments.sweeps.registry import Analysis

__all__ = ["arrow_schema", "check_output", "consolidate", "parts_dir", "read_done",
           "write_part"]

_ARROW = {bool: "bool_", int: "int64", float: "float64", str: "string"}


def parts_dir(output: Path) -> Path:
    """Return the folder of part files of ``output``.

    Parameters
    ----------
    output : pathlib.Path
        The Parquet file of the final table.

    Returns
    -------
    pathlib.Path
        ``output`` with ``.parts`` appended to its name.

    Examples
    --------
    >>> from pathlib import Path
    >>> parts_dir(Path("runs") / "lb.parquet").as_posix()
    'runs/lb.parquet.parts'
    """
    return Path(str(output) + ".parts")


def arrow_schema(analysis: Analysis) -> Any:
    """Build the Arrow schema of the result table of an analysis.

    Columns are ``cell, cell_id, <parameters>, seed, status, error, <outcomes>, seconds`` with
    the declared types (every outcome nullable); the analysis name is stored in the schema's
    metadata under ``benchgame.analysis``.

    Parameters
    ----------
    analysis : Analysis
        The registered analysis.

    Returns
    -------
    pyarrow.Schema
        The schema shared by every part file and the final table.

    Examples
    --------
    >>> from benchgame.experiments.sweeps.registry import get_analysis
    >>> schema = arrow_schema(get_analysis("marketplace"))
    >>> schema.names[:4], str(schema.field("wr_gap").type), schema.metadata
    (['cell', 'cell_id', 'rule', 'noise'], 'double', {b'benchgame.analysis': b'marketplace'})
    """
    import pyarrow as pa

    fields = [pa.field("cell", pa.int64()), pa.field("cell_id", pa.string())]
    fields += [pa.field(k, getattr(pa, _ARROW[p.kind])()) for k, p in analysis.parameters.items()]
    fields += [pa.field("seed", pa.int64()), pa.field("status", pa.string()),
               pa.field("error", pa.string())]
    fields += [pa.field(k, getattr(pa, _ARROW[o.kind])()) for k, o in analysis.outcomes.items()]
    fields.append(pa.field("seconds", pa.float64()))
    return pa.schema(fields, metadata={"benchgame.analysis": analysis.name})


def _bytes(table: Any) -> bytes:
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def check_output(output: Path, resume: bool, overwrite: bool) -> None:
    """Check that a sweep may write to ``output``, without writing anything.

    Parameters
    ----------
    output : pathlib.Path
        The Parquet file of the final table.
    resume : bool
        The sweep continues earlier results.
    overwrite : bool
        The sweep replaces earlier results.

    Raises
    ------
    InputError
        If both ``resume`` and ``overwrite`` are given, the parent folder does not exist,
        ``output`` is a folder, or the table or its parts exist and neither flag is given.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = Path(tmp) / "lb.parquet"
    ...     check_output(out, resume=False, overwrite=False)
    ...     _ = out.write_bytes(b"")
    ...     try:
    ...         check_output(out, resume=False, overwrite=False)
    ...     except InputError as exc:
    ...         print(str(exc).split(": ", 1)[0], "|", exc.fix)
    output | pass --resume to continue the sweep or --overwrite to replace it
    """
    if resume and overwrite:
        raise InputError("--resume", "and --overwrite are both given", "choose one of them")
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        raise InputError("output", f"folder {str(parent)!r} does not exist",
                         "create it first or choose another output path")
    if output.exists() and output.is_dir():
        raise InputError("output", f"{str(output)!r} is a folder", "give a file path")
    existing = [p for p in (output, parts_dir(output)) if p.exists()]
    if existing and not (resume or overwrite):
        raise InputError("output", f"{str(existing[0])!r} already exists",
                         "pass --resume to continue the sweep or --overwrite to replace it")


def clear(output: Path) -> None:
    """Remove the final table and the parts of ``output`` (for ``--overwrite``).

    Parameters
    ----------
    output : pathlib.Path
        The Parquet file of the final table.
    """
    if output.is_file():
        output.unlink()
    shutil.rmtree(parts_dir(output), ignore_errors=True)


def write_manifest(output: Path, spec: dict) -> None:
    """Write the specification as ``manifest.json`` in the parts folder (created if needed).

    Parameters
    ----------
    output : pathlib.Path
        The Parquet file of the final table.
    spec : dict
        The specification and cell count, as JSON-ready data.
    """
    folder = parts_dir(output)
    folder.mkdir(exist_ok=True)
    atomic_write(folder / "manifest.json", json.dumps(spec, indent=2, default=str) + "\n")


def write_part(output: Path, rows: list[dict], schema: Any) -> Path:
    """Write the rows of one finished batch atomically as a part file.

    The file is ``part-<first cell, 9 digits>-<16 hex digits of the cell ids' hash>.parquet``
    in the parts folder.

    Parameters
    ----------
    output : pathlib.Path
        The Parquet file of the final table.
    rows : list of dict
        The result rows of the batch (at least one).
    schema : pyarrow.Schema
        The schema of the analysis (:func:`arrow_schema`).

    Returns
    -------
    pathlib.Path
        The part file written.
    """
    import pyarrow as pa

    table = pa.Table.from_pylist(rows, schema=schema)
    digest = hashlib.sha256("".join(r["cell_id"] for r in rows).encode()).hexdigest()[:16]
    first = min(r["cell"] for r in rows)
    return atomic_write(parts_dir(output) / f"part-{first:09d}-{digest}.parquet", _bytes(table))


def _read(path: Path, schema: Any) -> Any:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:  # noqa: BLE001 (pyarrow raises several types)
        raise InputError("output", f"{str(path)!r} is not a readable Parquet file ({exc})",
                         "pass --overwrite to recompute the sweep") from None
    if not table.schema.equals(schema, check_metadata=False):
        raise InputError("output", f"{str(path)!r} has other columns or types than analysis "
                         f"{schema.metadata[b'benchgame.analysis'].decode()!r} writes",
                         "pass --overwrite to recompute, or write to another output")
    return table.replace_schema_metadata(schema.metadata)


def read_done(output: Path, schema: Any) -> Any:
    """Read the rows already computed: the final table (if any) and every part file.

    Temporary files left by a run killed while writing are removed first.

    Parameters
    ----------
    output : pathlib.Path
        The Parquet file of the final table.
    schema : pyarrow.Schema
        The schema of the analysis (:func:`arrow_schema`).

    Returns
    -------
    pyarrow.Table
        One row per cell id (the first one found); empty when nothing is stored.

    Raises
    ------
    InputError
        If a stored file is not readable Parquet or has other columns or types than
        ``schema``.
    """
    import pyarrow as pa

    files = [output] if output.is_file() else []
    folder = parts_dir(output)
    if folder.is_dir():
        for tmp in folder.glob(".*.tmp"):   # left by a run killed while writing
            tmp.unlink(missing_ok=True)
        files += sorted(folder.glob("part-*.parquet"))
    tables = [_read(f, schema) for f in files]
    if not tables:
        return schema.empty_table()
    table = pa.concat_tables(tables)
    ids = table.column("cell_id").to_pylist()
    first: dict[str, int] = {}
    for k, cid in enumerate(ids):
        first.setdefault(cid, k)
    if len(first) != len(ids):
        table = table.take(sorted(first.values()))
    return table


def consolidate(output: Path, schema: Any, order: dict[str, int], spec: dict | None = None
                ) -> Any:
    """Write the final table of a sweep, then remove the parts folder.

    The table holds every stored row whose cell belongs to the sweep, in sweep order, with
    ``cell`` renumbered to the position in the sweep.

    Parameters
    ----------
    output : pathlib.Path
        The Parquet file of the final table.
    schema : pyarrow.Schema
        The schema of the analysis (:func:`arrow_schema`).
    order : dict
        Cell id to position in the sweep.
    spec : dict, optional
        The specification, stored as JSON in the file's metadata (key ``benchgame.spec``).

    Returns
    -------
    pyarrow.Table
        The table written.

    Raises
    ------
    InputError
        If a stored file is not readable Parquet or has other columns or types than
        ``schema``.
    """
    import pyarrow as pa

    done = read_done(output, schema)
    ids = done.column("cell_id").to_pylist()
    keep = sorted((order[c], k) for k, c in enumerate(ids) if c in order)
    table = done.take([k for _, k in keep])
    cell_col = pa.array([pos for pos, _ in keep], pa.int64())
    table = table.set_column(0, schema.field("cell"), cell_col)
    if spec is not None:
        meta = dict(schema.metadata or {})
        meta[b"benchgame.spec"] = json.dumps(spec, default=str).encode("utf-8")
        table = table.replace_schema_metadata(meta)
    atomic_write(output, _bytes(table))
    shutil.rmtree(parts_dir(output), ignore_errors=True)
    return table

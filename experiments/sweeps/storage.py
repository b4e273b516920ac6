"""Parquet storage of sweep results: one atomic part file per finished batch, one final table.

Layout for ``output = "runs.parquet"``::

    runs.parquet.parts/manifest.json       the specification (provenance) and the run's id
    runs.parquet.parts/part-<ids>.parquet  one per finished batch (written atomically)
    runs.parquet                           the consolidated table (written atomically; the
                                           specification is in its metadata, benchgame.spec)

An ``--overwrite`` run writes its parts to ``runs.parquet.new/`` instead and replaces the table
only once every cell is stored (see :mod:`benchgame.experiments.sweeps.output_state`, which also
decides what may be replaced).

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
from pathlib import Path
from typing import Any

from benchgame.core.atomic import atomic_write
from benchgame.core.validation import InputError
from benchgame.experiments.sweeps.output_state import parts_dir
from benchgame.experiments.sweeps.registry import Analysis

__all__ = ["arrow_schema", "check_cells", "check_output", "consolidate", "parts_dir",
           "read_done", "write_manifest", "write_part"]

_ARROW = {bool: "bool_", int: "int64", float: "float64", str: "string"}


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
    """Check the flags and the folder of a sweep's output, without writing anything.

    What is stored there is checked under the output's lock
    (:func:`benchgame.experiments.sweeps.output_state.check_request`).

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
        If both ``resume`` and ``overwrite`` are given, the parent folder does not exist, or
        ``output`` is a folder.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     try:
    ...         check_output(Path(tmp), resume=False, overwrite=False)
    ...     except InputError as exc:
    ...         print(exc.field, "|", exc.fix)
    output | give a file path
    """
    if resume and overwrite:
        raise InputError("--resume", "and --overwrite are both given", "choose one of them")
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        raise InputError("output", f"folder {str(parent)!r} does not exist",
                         "create it first or choose another output path")
    if output.is_dir():
        raise InputError("output", f"{str(output)!r} is a folder", "give a file path")


def check_cells(cells: list, schema: Any) -> None:
    """Check that every parameter value of the cells fits its column, before anything runs.

    Parameters
    ----------
    cells : list of Cell
        The sweep's cells.
    schema : pyarrow.Schema
        The schema of the analysis (:func:`arrow_schema`).

    Raises
    ------
    InputError
        Naming the parameter whose values Arrow cannot store (e.g. an integer beyond 64 bits).

    Examples
    --------
    >>> import pyarrow as pa
    >>> from benchgame.experiments.sweeps.cells import Cell
    >>> schema = pa.schema([pa.field("n", pa.int64())])
    >>> check_cells([Cell(0, "c0", {"n": 3}, 0)], schema)
    >>> try:
    ...     check_cells([Cell(0, "c0", {"n": 2 ** 70}, 0)], schema)
    ... except InputError as exc:
    ...     print(exc.field, "|", exc.fix)
    parameters.n | give integers between -2**63 and 2**63 - 1
    """
    import pyarrow as pa

    names = [n for n in (cells[0].params if cells else {}) if n in schema.names]
    for name in names:
        values = list({(type(c.params[name]), c.params[name]) for c in cells})
        try:
            pa.array([v for _, v in values], schema.field(name).type)
        except (pa.ArrowException, OverflowError, TypeError) as exc:
            fix = ("give integers between -2**63 and 2**63 - 1"
                   if pa.types.is_integer(schema.field(name).type)
                   else f"give {schema.field(name).type} values")
            raise InputError(f"parameters.{name}", f"has a value its column cannot store "
                             f"({' '.join(str(exc).split())})", fix) from None


def write_manifest(folder: Path, doc: dict) -> None:
    """Write ``manifest.json`` (specification, cell count, run id) in a parts folder.

    Parameters
    ----------
    folder : pathlib.Path
        The parts folder (created if needed).
    doc : dict
        The manifest, as JSON-ready data.
    """
    folder.mkdir(exist_ok=True)
    atomic_write(folder / "manifest.json", json.dumps(doc, indent=2, default=str) + "\n")


def write_part(folder: Path, rows: list[dict], schema: Any) -> Path:
    """Write the rows of one finished batch atomically as a part file.

    The file is ``part-<first cell, 9 digits>-<16 hex digits of the cell ids' hash>.parquet``
    in the parts folder.

    Parameters
    ----------
    folder : pathlib.Path
        The parts folder of the run.
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
    return atomic_write(folder / f"part-{first:09d}-{digest}.parquet", _bytes(table))


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


def read_done(output: Path, schema: Any, folder: Path | None = None, *,
              include_table: bool = True) -> Any:
    """Read the rows already computed: the final table (if any) and every part file.

    Temporary files left by a run killed while writing are removed first. A cell stored more
    than once (retried after a failure) keeps its ``ok`` row if it has one, else the last row.

    Parameters
    ----------
    output : pathlib.Path
        The Parquet file of the final table.
    schema : pyarrow.Schema
        The schema of the analysis (:func:`arrow_schema`).
    folder : pathlib.Path, optional
        The parts folder (default: :func:`parts_dir` of ``output``).
    include_table : bool, default True
        Read the final table too (``False`` for an ``--overwrite`` run).

    Returns
    -------
    pyarrow.Table
        One row per cell id; empty when nothing is stored.

    Raises
    ------
    InputError
        If a stored file is not readable Parquet or has other columns or types than
        ``schema``.
    """
    import pyarrow as pa

    folder = parts_dir(output) if folder is None else folder
    files = [output] if include_table and output.is_file() else []
    if folder.is_dir():
        for tmp in folder.glob(".*.tmp"):   # left by a run killed while writing
            tmp.unlink(missing_ok=True)
        files += sorted(folder.glob("part-*.parquet"))
    tables = [_read(f, schema) for f in files]
    if not tables:
        return schema.empty_table()
    table = pa.concat_tables(tables)
    ids = table.column("cell_id").to_pylist()
    ok = [s == "ok" for s in table.column("status").to_pylist()]
    keep: dict[str, int] = {}
    for k, cid in enumerate(ids):
        if cid not in keep or not ok[keep[cid]]:
            keep[cid] = k
    if len(keep) != len(ids):
        table = table.take(sorted(keep.values()))
    return table


def consolidate(output: Path, schema: Any, order: dict[str, int], spec: dict | None = None,
                folder: Path | None = None, *, include_table: bool = True,
                run: str | None = None) -> Any:
    """Write the final table of a sweep atomically (the parts are left to the caller).

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
    folder : pathlib.Path, optional
        The parts folder of the run (default: :func:`parts_dir` of ``output``).
    include_table : bool, default True
        Keep the rows of the table being replaced (``False`` for an ``--overwrite`` run).
    run : str, optional
        Id of the run, stored as ``benchgame.run`` (it tells which parts the table holds).

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

    done = read_done(output, schema, folder, include_table=include_table)
    ids = done.column("cell_id").to_pylist()
    keep = sorted((order[c], k) for k, c in enumerate(ids) if c in order)
    table = done.take([k for _, k in keep])
    cell_col = pa.array([pos for pos, _ in keep], pa.int64())
    table = table.set_column(0, schema.field("cell"), cell_col)
    meta = dict(schema.metadata or {})
    if spec is not None:
        meta[b"benchgame.spec"] = json.dumps(spec, default=str).encode("utf-8")
    if run is not None:
        meta[b"benchgame.run"] = run.encode("utf-8")
    table = table.replace_schema_metadata(meta)
    atomic_write(output, _bytes(table))
    return table

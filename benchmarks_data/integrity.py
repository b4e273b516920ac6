"""SHA-256 integrity check of the vendored data files against ``benchmarks_data/SHA256SUMS``.

``SHA256SUMS`` is in ``sha256sum`` format (``<hex>  <relative path>``), relative to the
``benchmarks_data`` folder, and lists every vendored data and licence file byte for byte as
published upstream (see each folder's ``PROVENANCE.md``), plus the project-compiled
``ecosystem/benchmarks.csv``, so that any edit to bundled data is detected.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from benchgame.core.validation import InputError

__all__ = ["sha256_manifest", "verify_checksums"]


def _root() -> Path:
    return Path(__file__).resolve().parent


def sha256_manifest() -> dict[str, str]:
    """``relative path -> expected SHA-256`` from ``SHA256SUMS``.

    Returns
    -------
    dict of str to str
        Lower-case hex digests by path relative to ``benchmarks_data``.

    Raises
    ------
    benchgame.core.validation.InputError
        If a line of ``SHA256SUMS`` is malformed.

    References
    ----------
    .. [1] National Institute of Standards and Technology, "Secure Hash Standard (SHS)", FIPS
       PUB 180-4, 2015 (SHA-256).

    Examples
    --------
    >>> manifest = sha256_manifest()
    >>> len(manifest), "ecosystem/benchmarks.csv" in manifest
    (63, True)
    """
    out: dict[str, str] = {}
    text = (_root() / "SHA256SUMS").read_text("utf-8")
    for k, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        digest, sep, rel = line.partition("  ")
        if not sep or len(digest) != 64:
            raise InputError(f"file 'SHA256SUMS', row {k}", f"line {line!r} is malformed",
                             "use '<64 hex digits>  <relative path>'")
        out[rel.strip()] = digest.lower()
    return out


def verify_checksums() -> dict[str, bool]:
    """``relative path -> True if the file exists and its SHA-256 matches``.

    Returns
    -------
    dict of str to bool
        One entry per file listed in ``SHA256SUMS``.

    Raises
    ------
    benchgame.core.validation.InputError
        If a line of ``SHA256SUMS`` is malformed.

    References
    ----------
    .. [1] National Institute of Standards and Technology, "Secure Hash Standard (SHS)", FIPS
       PUB 180-4, 2015 (SHA-256).

    Examples
    --------
    >>> status = verify_checksums()
    >>> len(status), all(status.values())
    (63, True)
    """
    result = {}
    for rel, digest in sha256_manifest().items():
        p = _root() / rel
        result[rel] = p.is_file() and hashlib.sha256(p.read_bytes()).hexdigest() == digest
    return result

"""Shared foundations: errors and validation, atomic file output, TOML reading, serialisation
and the registry mechanism. No science lives here; every other layer may import it."""

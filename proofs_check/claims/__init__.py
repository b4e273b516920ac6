"""Claim modules. Every module below this package is imported by
:func:`benchgame.proofs_check.registry.load_all` and registers its claims."""

"""Each theorem of the source papers as a checkable claim (see
:mod:`benchgame.proofs_check.claim`)."""

import lazy_loader as _lazy

__getattr__, __dir__, __all__ = _lazy.attach_stub(__name__, __file__)

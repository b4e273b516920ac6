"""benchgame: LLM benchmarks as games and mechanisms.

The public API of the library, re-exported from :mod:`games`, :mod:`mechanisms`,
:mod:`proofs_check`, :mod:`benchmarks_data` and :mod:`analyses`. The command line is
:mod:`benchgame.cli`.
"""

from analyses import *  # noqa: F403
from analyses import __all__ as _analyses_all
from benchmarks_data import *  # noqa: F403
from benchmarks_data import __all__ as _data_all
from games import *  # noqa: F403
from games import __all__ as _games_all
from mechanisms import *  # noqa: F403
from mechanisms import __all__ as _mech_all
from proofs_check import *  # noqa: F403
from proofs_check import __all__ as _proofs_all

__version__ = "0.1.0"

__all__ = sorted({*_games_all, *_mech_all, *_proofs_all, *_data_all, *_analyses_all})
__all__ += ["__version__"]

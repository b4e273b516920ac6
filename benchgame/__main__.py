"""``python -m benchgame``: the command line, without the current folder on the module path.

Python puts the current folder first on ``sys.path`` for ``-m``; it is removed before anything
else runs (as ``python -P`` does), so that a file's ``imports`` never load a module merely lying
in the folder a command is run from. Put the folder on ``PYTHONPATH`` to ask for it.
"""

from benchgame.core.plugins import drop_implicit_cwd

drop_implicit_cwd()

from benchgame.cli import main  # noqa: E402 (after the path is fixed)

main()

"""One line on stderr for every error the command line reports, whatever the terminal width.

The root command group runs each command in click's non-standalone mode and turns what comes
out into an exit status and, on failure, a single ``error: ...`` line:

* :class:`~benchgame.core.validation.InputError` (bad values, files, sizes): exit status 2;
* click's usage errors (unknown option, a value outside an option's choices or range): exit
  status 2, with the command's ``--help`` named as the fix;
* :class:`OSError` while reading or writing (a full disk, a permission refused): exit status
  2, naming the file and the reason;
* an interrupt: exit status 130.

Newlines inside a message are folded so that the line stays one line, and nothing is wrapped
(the text goes to stderr as it is, not through a width-aware console).
"""

from __future__ import annotations

import errno
import sys
from typing import Any

from typer import Abort, TyperException
from typer._click.exceptions import NoArgsIsHelpError
from typer.core import TyperGroup

from benchgame.core.validation import InputError

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) folded to one space."""
    return " ".join(str(text).split())


def print_error(message: str) -> None:
    """Write ``error: <message>`` as one unwrapped line on stderr."""
    sys.stderr.write(f"error: {one_line(message)}\n")
    sys.stderr.flush()


def _usage_message(exc: Any) -> str:
    ctx = getattr(exc, "ctx", None)
    path = ctx.command_path if ctx is not None else "benchgame"
    return f"{one_line(exc.format_message()).rstrip('.')}; see `{path} --help`"


def _os_message(exc: OSError) -> str:
    name = exc.filename if exc.filename is not None else "output"
    reason = exc.strerror or type(exc).__name__
    fix = ("free some space or write to another disk" if exc.errno == errno.ENOSPC
           else "check the path and its permissions, or choose another path")
    return f"{name}: cannot be read or written ({reason}); {fix}"


class OneLineErrorGroup(TyperGroup):
    """The root group: every failure becomes one ``error:`` line and an exit status."""

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None,
             standalone_mode: bool = True, windows_expand_args: bool = True,
             **extra: Any) -> Any:
        """Run the command line; exit with 0, the command's status, or 2 on bad input."""
        try:
            code = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                standalone_mode=False, windows_expand_args=windows_expand_args,
                                **extra)
        except NoArgsIsHelpError as exc:  # the help itself was printed to stdout
            if exc.format_message().strip():
                exc.show()
            code = exc.exit_code
        except TyperException as exc:
            print_error(_usage_message(exc))
            code = exc.exit_code
        except InputError as exc:
            print_error(str(exc))
            code = EXIT_BAD_INPUT
        except Abort:
            print_error("interrupted")
            code = EXIT_INTERRUPTED
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # the reader went away (e.g. `| head`)
                code = 1
            else:
                print_error(_os_message(exc))
                code = EXIT_BAD_INPUT
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)

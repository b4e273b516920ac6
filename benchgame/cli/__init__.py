"""The ``benchgame`` command line.

Each module in :mod:`benchgame.cli.commands` defines ``register(app)`` and is picked up
automatically, so a new command is one new file.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

from benchgame.cli.errors import OneLineErrorGroup

app = typer.Typer(
    name="benchgame",
    cls=OneLineErrorGroup,
    help="LLM benchmarks as games and mechanisms: solve them, and check published theorems.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from benchgame import __version__

        typer.echo(f"benchgame {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit.",
                                 is_eager=True, callback=_print_version),
) -> None:
    """LLM benchmarks as games and mechanisms: solve them, and check published theorems."""


def _register_commands() -> None:
    import benchgame.cli.commands as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{pkg.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_register_commands()


def main() -> None:
    """Entry point: run the app; every error is one line on stderr (exit code 2 on bad input,
    see :mod:`benchgame.cli.errors`)."""
    app()

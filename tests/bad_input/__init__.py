"""The bad-input corpus: every command and the main Python entry points given bad input."""


def all_cli_cases():
    """Every command-line case (the data modules append to one list)."""
    from tests.bad_input import cli_cases_more  # noqa: F401  (appends its cases)
    from tests.bad_input.cli_cases import CASES

    return list(CASES)

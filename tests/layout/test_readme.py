"""The README stays true: its Python examples run and give the values written beside them, and
its first two commands are the set-up and the test command that CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)


def test_readme_starts_with_the_two_commands_and_ci_runs_the_second():
    commands = re.findall(r"```bash\n(.*?)\n```", README, flags=re.S)[:2]
    assert "pip install . && benchgame verify" in commands[0]
    assert 'pip install ".[test]" && python -m pytest' in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("block", [b for b in BLOCKS if "my_protocols" not in b
                                   and "register_protocol(\"half" not in b])
def test_readme_python_examples_run(block):
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - the README's own code
    # values written as comments beside expressions are the ones the code gives
    for line in block.splitlines():
        m = re.match(r"^(\S.*?)\s+# ([-\d.()', A-Za-z]+?)(:.*)?$", line)
        if m and "=" not in m.group(1).split("#")[0].replace("==", ""):
            expr, expected = m.group(1), m.group(2).strip()
            value = eval(expr, namespace)  # noqa: S307
            if re.fullmatch(r"-?\d+\.\d+", expected):
                assert float(value) == pytest.approx(float(expected), abs=10 ** -(
                    len(expected.split(".")[1])) / 2 + 1e-12), (expr, value, expected)
            elif expected in ("True", "False"):
                assert bool(value) is (expected == "True"), (expr, value)
            elif expected.startswith(("(", "'")):
                assert repr(value) == expected or str(value) == expected.strip("'"), (expr, value)

"""JSON output: orjson's text holds exactly the values of json.dumps(to_jsonable(payload))."""

import dataclasses
import enum
import json
import math
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from benchgame.cli.output import json_text, to_jsonable


class Colour(enum.Enum):
    red = 1


@dataclasses.dataclass
class Fit:
    r2: float
    _cache: int = 0


def _reference(payload):
    return json.loads(json.dumps(to_jsonable(payload)))


def test_known_values_match_the_reference_and_non_finite_is_null():
    payload = {
        "nan": float("nan"), "inf": -math.inf, "np_nan": np.float64("nan"),
        "matrix": np.array([[1, 2], [3, 4]]), "floats": np.array([np.inf, 0.25]),
        "int64": np.int64(5), "bool": np.bool_(True), "third": Fraction(1, 3),
        "colour": Colour.red, "fit": Fit(0.5), "pair": (1, 2), "keys": {1: "a", 0.5: "b"},
        "float32": np.float32(0.1), "names": np.array(["x", "y"]), "big": 2**70,
        "text": "caf\u00e9 \u2264 1",
    }
    got = json.loads(json_text(payload))
    assert got == _reference(payload)
    assert got["nan"] is None and got["np_nan"] is None and got["floats"] == [None, 0.25]
    assert got["fit"] == {"r2": 0.5}  # private fields stay out, as in to_jsonable
    assert got["float32"] == 0.10000000149011612  # the float32's exact value
    assert got["big"] == 2**70  # beyond 64 bits: written by the json module
    assert got["text"] == "caf\u00e9 \u2264 1"


def test_layout_is_two_space_indent_ending_in_newline():
    assert json_text({"a": [1, 2]}) == '{\n  "a": [\n    1,\n    2\n  ]\n}\n'


scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**63), 2**63 - 1),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8),
                    st.fractions(max_denominator=50))
payloads = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)),
    max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(payloads)
def test_any_nested_payload_has_the_reference_values(payload):
    assert json.loads(json_text({"v": payload})) == _reference({"v": payload})

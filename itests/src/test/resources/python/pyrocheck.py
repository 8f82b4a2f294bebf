"""Tiny check runner shared by the interop scripts.

Every check prints one line ``CHECK {"name": ..., "ok": ..., "detail": ...}`` on stdout; the Java side turns
each into a JUnit test. The last line is ``DONE <count>``; a script that dies before it is a failure there.
"""
import json
import math
import sys
import time
import traceback


class Checks(object):
    def __init__(self):
        self.count = 0

    def run(self, name, fn, *args):
        """Runs fn(*args); an exception (AssertionError or any other) makes the check fail."""
        self.count += 1
        started = time.time()
        try:
            detail = fn(*args)
            ok = True
        except BaseException:  # noqa: B902 - report everything, including StopIteration from a bad stream
            ok = False
            detail = traceback.format_exc()
        record = {"name": name, "ok": ok, "detail": "" if detail is None else str(detail),
                  "seconds": round(time.time() - started, 3)}
        sys.stdout.write("CHECK " + json.dumps(record) + "\n")
        sys.stdout.flush()
        return ok

    def done(self):
        sys.stdout.write("DONE %d\n" % self.count)
        sys.stdout.flush()


def same(actual, expected, path="value"):
    """Deep equality that also demands the same Python type at every level (nan equals nan)."""
    if type(actual) is not type(expected):
        raise AssertionError("%s: got %s %r, expected %s %r" % (
            path, type(actual).__name__, actual, type(expected).__name__, expected))
    if isinstance(expected, float):
        if math.isnan(expected) and math.isnan(actual):
            return
        if actual != expected:
            raise AssertionError("%s: got %r, expected %r" % (path, actual, expected))
    elif isinstance(expected, (list, tuple)):
        if len(actual) != len(expected):
            raise AssertionError("%s: got %d items %r, expected %d items %r" % (
                path, len(actual), actual, len(expected), expected))
        for i, (a, e) in enumerate(zip(actual, expected)):
            same(a, e, "%s[%d]" % (path, i))
    elif isinstance(expected, dict):
        # repr() tells 1, 1.0, True and '1' apart, which plain key equality does not
        if sorted(map(repr, actual)) != sorted(map(repr, expected)):
            raise AssertionError("%s: keys %r, expected %r" % (path, sorted(map(repr, actual)), sorted(map(repr, expected))))
        for key in expected:
            same(actual[key], expected[key], "%s[%r]" % (path, key))
    elif isinstance(expected, (set, frozenset)):
        if sorted(map(repr, actual)) != sorted(map(repr, expected)):
            raise AssertionError("%s: got %r, expected %r" % (path, actual, expected))
    elif actual != expected:
        raise AssertionError("%s: got %r, expected %r" % (path, actual, expected))


def check_that(condition, message):
    if not condition:
        raise AssertionError(message)


NAN = float("nan")
INF = float("inf")

# name -> value; every serpent value type a Pyro client sends
SERPENT_VALUES = [
    ("int_small", 42),
    ("int_zero", 0),
    ("int_negative", -12345),
    ("int_64bit_max", 2 ** 63 - 1),
    ("int_64bit_min", -2 ** 63),
    ("int_unsigned_64bit_max", 2 ** 64 - 1),
    ("int_big", 2 ** 70),
    ("int_big_negative", -(2 ** 100) + 7),
    ("float", 3.25),
    ("float_small_negative", -1.5e-10),
    ("float_nan", NAN),
    ("float_inf", INF),
    ("float_negative_inf", -INF),
    ("bool_true", True),
    ("bool_false", False),
    ("none", None),
    ("str_ascii", "hello"),
    ("str_empty", ""),
    ("str_non_ascii", u"h\u00e9llo \u20ac \u4e2d\u6587 \U0001f600 \u0391\u03b8\u03ae\u03bd\u03b1"),
    ("str_control_chars", "nul\x00 tab\t nl\n cr\r quote' dquote\" backslash\\ bell\x07 esc\x1b del\x7f"),
    ("bytes", b"\x00\x01\x02binary\xff\xfe"),
    ("bytes_empty", b""),
    ("list", [1, "two", 3.0, None, True]),
    ("list_empty", []),
    ("tuple", (1, "a", False)),
    ("tuple_single", (5,)),
    ("tuple_empty", ()),
    ("dict", {"k": "v", "n": 1, "f": 0.5}),
    ("dict_empty", {}),
    ("dict_int_keys", {1: "one", 2: "two", -3: "minus three"}),
    ("set_int", {1, 2, 3}),
    ("set_str", {"alpha", "beta"}),
    ("set_empty", set()),
    ("nested", {"list": [1, (2, 3), {"inner": [None, {"deep": "x"}]}], "tuple": ({"a": 1},),
                "empty": [[], {}, ()], "big": [2 ** 64 - 1, -2 ** 70], "set": {7, 8}}),
]

# the subset JSON can carry (no bytes, no nan/inf in strict peers, str keys only)
JSON_VALUES = [(n, v) for (n, v) in SERPENT_VALUES if n in (
    "int_small", "int_zero", "int_negative", "int_64bit_max", "int_64bit_min", "int_unsigned_64bit_max", "int_big",
    "float", "float_small_negative", "bool_true", "bool_false", "none", "str_ascii", "str_empty", "str_non_ascii",
    "str_control_chars", "list", "list_empty", "tuple", "dict", "dict_empty")]

MARSHAL_VALUES = [(n, v) for (n, v) in SERPENT_VALUES if n not in ("nested",)]

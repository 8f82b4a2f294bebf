"""Python Pyro4 4.82 json interop with jpyro (run by org.jpyro.itests.serializers.JsonInteropTest).

usage: json_interop.py client <uri of the jpyro JsonService> | daemon  (see interop.py)
"""
import datetime
import decimal
import math
import uuid

import Pyro4
import Pyro4.core
import Pyro4.errors
import Pyro4.util

from interop import Checks, main, same

# echo(x) values and what a Python Pyro4 json peer gives back for them (tuples and sets become lists,
# int dict keys become str, datetime/Decimal/UUID become str)
VALUES = [
    ("int", 42, 42),
    ("int_negative", -12345, -12345),
    ("int_64bit_max", 2**63 - 1, 2**63 - 1),
    ("int_64bit_min", -2**63, -2**63),
    ("int_unsigned_64bit_max", 2**64 - 1, 2**64 - 1),
    ("int_big", 2**70, 2**70),
    ("int_big_negative", -(2**100) + 7, -(2**100) + 7),
    ("float", 3.25, 3.25),
    ("float_small", -1.5e-10, -1.5e-10),
    ("float_tiny", 5e-324, 5e-324),
    ("float_third", 1 / 3, 1 / 3),
    ("float_big", 1e300, 1e300),
    ("float_nan", float("nan"), float("nan")),
    ("float_inf", float("inf"), float("inf")),
    ("float_negative_inf", float("-inf"), float("-inf")),
    ("bool_true", True, True),
    ("bool_false", False, False),
    ("none", None, None),
    ("str_empty", "", ""),
    ("str_non_ascii", "h\u00e9llo \u20ac \u4e2d\u6587 \U0001f600", "h\u00e9llo \u20ac \u4e2d\u6587 \U0001f600"),
    ("str_control_chars", "nul\x00 tab\t nl\n cr\r esc\x1b us\x1f quote' dquote\" backslash\\ del\x7f \u2028",
     "nul\x00 tab\t nl\n cr\r esc\x1b us\x1f quote' dquote\" backslash\\ del\x7f \u2028"),
    ("list", [1, "two", 3.0, None, True], [1, "two", 3.0, None, True]),
    ("list_empty", [], []),
    ("tuple", (1, "a", False), [1, "a", False]),
    ("dict", {"k": "v", "n": 1, "f": 0.5}, {"k": "v", "n": 1, "f": 0.5}),
    ("dict_int_keys", {1: "one", 2: "two"}, {"1": "one", "2": "two"}),
    ("set", {1, 2, 3}, [1, 2, 3]),
    ("nested", {"list": [1, (2, 3), {"inner": [None, {"deep": "x"}]}], "tuple": ({"a": 1},), "empty": [[], {}, ()]},
     {"list": [1, [2, 3], {"inner": [None, {"deep": "x"}]}], "tuple": [{"a": 1}], "empty": [[], {}, []]}),
    ("datetime", datetime.datetime(2024, 1, 2, 3, 4, 5, 600000), "2024-01-02T03:04:05.600000"),
    ("date", datetime.date(2024, 1, 2), "2024-01-02"),
    ("decimal", decimal.Decimal("12345.678901234567890123456789"), "12345.678901234567890123456789"),
    ("uuid", uuid.UUID("12345678-1234-5678-1234-567812345678"), "12345678-1234-5678-1234-567812345678"),
]

# the Java class each value arrives as in jpyro (checked with typeOf)
JAVA_TYPES = {
    "int": "java.lang.Integer", "int_64bit_max": "java.lang.Long", "int_64bit_min": "java.lang.Long",
    "int_unsigned_64bit_max": "java.math.BigInteger", "int_big": "java.math.BigInteger",
    "float": "java.lang.Double", "float_nan": "java.lang.Double", "bool_true": "java.lang.Boolean",
    "none": "null", "str_non_ascii": "java.lang.String", "list": "java.util.ArrayList",
    "tuple": "java.util.ArrayList", "dict": "java.util.LinkedHashMap", "set": "java.util.ArrayList",
}


def client(uri):
    Pyro4.config.SERIALIZER = "json"
    checks = Checks()
    with Pyro4.Proxy(uri) as proxy:
        def check_echo(name, value, expected):
            def fn():
                same(proxy.echo(value), expected)
                if name in JAVA_TYPES:
                    java_type = proxy.typeOf(value)
                    assert java_type == JAVA_TYPES[name], "arrived in Java as %s" % java_type
                return None
            checks.run("values." + name, fn)

        for name, value, expected in VALUES:
            check_echo(name, value, expected)

        def exception():
            try:
                proxy.fail("bad json value")
            except ValueError as x:
                assert str(x) == "bad json value", str(x)
                tb = "".join(Pyro4.util.getPyroTraceback())
                assert "Remote traceback" in tb and "EchoService.fail" in tb, tb
                return None
            raise AssertionError("no ValueError")
        checks.run("exception.value_error", exception)

        def uri_roundtrip():
            some = Pyro4.core.URI("PYRO:some.object@127.0.0.1:47999")
            result = proxy.echo(some)
            assert isinstance(result, Pyro4.core.URI) and result == some, repr(result)
            assert proxy.typeOf(some) == "org.jpyro.api.PyroURI", proxy.typeOf(some)
        checks.run("values.uri", uri_roundtrip)

        def java_values():
            v = proxy.javaValues()
            assert v["big"] == 2**80 and isinstance(v["big"], int), repr(v["big"])
            assert v["long"] == -2**63, repr(v["long"])
            assert math.isnan(v["nan"]) and v["inf"] == float("inf"), repr(v)
            assert v["bytes"] == {"data": "AAEC/w==", "encoding": "base64"}, repr(v["bytes"])
            assert v["uuid"] == "12345678-1234-5678-1234-567812345678", repr(v["uuid"])
            assert v["decimal"] == "1.10", repr(v["decimal"])
            assert v["tuple"] == [1, "x"] and v["set"] == ["only"], repr(v)
            assert v["text"] == "\u00e9\U0001f600\x1b", repr(v["text"])
            assert v["keys"] == {"1": "int", "2.5": "float", "true": "bool", "null": "none"}, repr(v["keys"])
            assert isinstance(v["uri"], Pyro4.core.URI) and v["uri"].object == "java.object", repr(v["uri"])
            return None
        checks.run("java.values", java_values)

        def still_serving():
            assert proxy.echo("still connected") == "still connected"
        checks.run("still_serving", still_serving)
    checks.done()


@Pyro4.expose
class JsonService(object):
    def echo(self, x):
        return x

    def describe(self, x):
        """The Python type name and repr of what arrived (how jpyro's json was decoded by Python)."""
        return "%s %r" % (type(x).__name__, x)

    def fail(self, msg):
        raise ValueError(msg, 42)


if __name__ == "__main__":
    main(client, JsonService(), "json.service")

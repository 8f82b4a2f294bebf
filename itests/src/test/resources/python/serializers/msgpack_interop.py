"""Python Pyro4 4.82 msgpack interop with jpyro (run by org.jpyro.itests.serializers.MsgpackInteropTest).

usage: msgpack_interop.py client <uri of the jpyro MsgpackService> | daemon  (see interop.py)
"""
import datetime
import decimal
import time
import uuid

import msgpack
import Pyro4
import Pyro4.core
import Pyro4.errors
import Pyro4.util

from interop import Checks, check_that, main, same

# echo(x) values, what comes back through a jpyro daemon, and the Java type jpyro decoded the argument to.
# msgpack has no tuples or sets (arrays: lists), bytearray travels as bytes, Decimal and UUID as str; Pyro's
# extension types (complex 0x30, big int 0x31, datetime 0x32, date 0x33) come back as the Python objects.
DT = datetime.datetime(2024, 1, 2, 3, 4, 5, 600000)
VALUES = [
    ("int", 42, 42, "java.lang.Integer"),
    ("int_negative", -12345, -12345, "java.lang.Integer"),
    ("int_64bit_max", 2**63 - 1, 2**63 - 1, "java.lang.Long"),
    ("int_64bit_min", -2**63, -2**63, "java.lang.Long"),
    ("int_unsigned_64bit_max", 2**64 - 1, 2**64 - 1, "java.math.BigInteger"),
    ("int_big", 2**70, 2**70, "java.math.BigInteger"),
    ("int_big_negative", -(2**100) + 7, -(2**100) + 7, "java.math.BigInteger"),
    ("float", 3.25, 3.25, "java.lang.Double"),
    ("float_tiny", 5e-324, 5e-324, "java.lang.Double"),
    ("float_third", 1 / 3, 1 / 3, "java.lang.Double"),
    ("float_nan", float("nan"), float("nan"), "java.lang.Double"),
    ("float_negative_inf", float("-inf"), float("-inf"), "java.lang.Double"),
    ("bool_true", True, True, "java.lang.Boolean"),
    ("none", None, None, "null"),
    ("str_empty", "", "", "java.lang.String"),
    ("str_non_ascii", "h\u00e9llo \u20ac \u4e2d\u6587 \U0001f600", "h\u00e9llo \u20ac \u4e2d\u6587 \U0001f600",
     "java.lang.String"),
    ("str_control_chars", "nul\x00 tab\t nl\n esc\x1b del\x7f \u2028", "nul\x00 tab\t nl\n esc\x1b del\x7f \u2028",
     "java.lang.String"),
    ("str_long", "x" * 70000, "x" * 70000, "java.lang.String"),
    ("bytes", b"\x00\x01\x02binary\xff\xfe", b"\x00\x01\x02binary\xff\xfe", "[B"),
    ("bytes_empty", b"", b"", "[B"),
    ("bytearray", bytearray(b"ba\x00\xff"), b"ba\x00\xff", "[B"),
    ("list", [1, "two", 3.0, None, True], [1, "two", 3.0, None, True], "java.util.ArrayList"),
    ("list_long", list(range(70000)), list(range(70000)), "java.util.ArrayList"),
    ("tuple", (1, "a", False), [1, "a", False], "java.util.ArrayList"),
    ("tuple_empty", (), [], "java.util.ArrayList"),
    ("dict", {"k": "v", "n": 1, "f": 0.5}, {"k": "v", "n": 1, "f": 0.5}, "java.util.LinkedHashMap"),
    ("dict_empty", {}, {}, "java.util.LinkedHashMap"),
    ("dict_bytes_key", {b"k": 1}, {b"k": 1}, "java.util.LinkedHashMap"),
    ("set", {1, 2, 3}, [1, 2, 3], "java.util.ArrayList"),
    ("nested", {"list": [1, (2, 3), {"inner": [None, {"deep": "x"}]}], "tuple": ({"a": 1},), "empty": [[], {}, ()]},
     {"list": [1, [2, 3], {"inner": [None, {"deep": "x"}]}], "tuple": [{"a": 1}], "empty": [[], {}, []]},
     "java.util.LinkedHashMap"),
    ("datetime", DT, DT, "java.time.LocalDateTime"),
    ("datetime_old", datetime.datetime(1901, 2, 3, 4, 5, 6, 7), datetime.datetime(1901, 2, 3, 4, 5, 6, 7),
     "java.time.LocalDateTime"),
    ("date", datetime.date(2024, 1, 2), datetime.date(2024, 1, 2), "java.time.LocalDate"),
    ("date_min", datetime.date(1, 1, 1), datetime.date(1, 1, 1), "java.time.LocalDate"),
    ("date_max", datetime.date(9999, 12, 31), datetime.date(9999, 12, 31), "java.time.LocalDate"),
    ("decimal", decimal.Decimal("12345.678901234567890123456789"), "12345.678901234567890123456789",
     "java.lang.String"),
    ("uuid", uuid.UUID("12345678-1234-5678-1234-567812345678"), "12345678-1234-5678-1234-567812345678",
     "java.lang.String"),
    ("complex", complex(1.5, -2.0), complex(1.5, -2.0), "org.jpyro.api.ComplexNumber"),
    ("complex_huge", complex(-1.3e306, 1e-300), complex(-1.3e306, 1e-300), "org.jpyro.api.ComplexNumber"),
    ("uri", Pyro4.core.URI("PYRO:some.object@127.0.0.1:47999"), Pyro4.core.URI("PYRO:some.object@127.0.0.1:47999"),
     "org.jpyro.api.PyroURI"),
]


def client_mode(uri):
    checks = Checks()
    Pyro4.config.SERIALIZER = "msgpack"
    proxy = Pyro4.Proxy(uri)
    checks.run("bind", lambda: check_that(proxy._pyroBind() is True, "_pyroBind() did not return True"))
    checks.run("metadata", lambda: check_that({"echo", "typeOf", "fail", "javaValues"} <= set(proxy._pyroMethods)
                                              and "value" in proxy._pyroAttrs,
                                              "metadata %r %r" % (proxy._pyroMethods, proxy._pyroAttrs)))

    for name, value, expected, java_type in VALUES:
        def echo(value=value, expected=expected, java_type=java_type):
            result = proxy.echo(value)
            if isinstance(expected, Pyro4.core.URI):
                check_that(isinstance(result, Pyro4.core.URI) and str(result) == str(expected), "got %r" % (result,))
            else:
                same(result, expected)
            got_type = proxy.typeOf(value)
            check_that(got_type == java_type, "jpyro decoded the argument as %s, expected %s" % (got_type, java_type))
            return repr(result)[:120]
        checks.run("values." + name, echo)

    def dict_int_keys():
        # jpyro accepts the int keys and echoes them; Python's msgpack (strict_map_key) refuses to read them,
        # exactly as a Python daemon refuses the request: either way the caller sees a ValueError
        try:
            proxy.echo({1: "one"})
        except ValueError as x:
            return str(x)
        raise AssertionError("no ValueError")
    checks.run("values.dict_int_keys_refused_by_python", dict_int_keys)
    checks.run("values.after_refusal", lambda: same(proxy.echo("still in sync"), "still in sync"))

    def java_values():
        v = proxy.javaValues()
        same(v["tuple"], [1, "x"])
        same(v["set"], ["only"])
        same(v["ints"], [1, 2, 3])
        same(v["big"], 2**80)
        same(v["ulong"], 2**64 - 1)
        same(v["long"], -2**63)
        same(v["bytes"], b"\x00\x01\x02\xff")
        same(v["decimal"], "1.10")
        same(v["uuid"], "12345678-1234-5678-1234-567812345678")
        same(v["datetime"], datetime.datetime(2024, 1, 2, 3, 4, 5, 600000))
        same(v["date"], datetime.date(2024, 1, 2))
        same(v["complex"], complex(1.5, -2.0))
        same(v["nan"] != v["nan"], True)
        same(v["text"], "\u00e9\U0001f600\x1b")
        check_that(isinstance(v["uri"], Pyro4.core.URI) and str(v["uri"]) == "PYRO:java.object@127.0.0.1:4000",
                   "uri %r" % (v["uri"],))
        return repr(v)[:300]
    checks.run("java_values", java_values)

    def exception():
        try:
            proxy.fail("bad value")
        except ValueError as x:
            check_that("bad value" in str(x), "message %r" % (str(x),))
            tb = "".join(Pyro4.util.getPyroTraceback())
            check_that("fail" in tb and "Remote traceback" in tb, "traceback:\n" + tb)
            return str(x)
        raise AssertionError("no ValueError")
    checks.run("exception", exception)
    checks.run("exception.still_connected", lambda: same(proxy.echo("still connected"), "still connected"))

    def attributes():
        same(proxy.value, 42)
        proxy.value = 1234
        same(proxy.value, 1234)
        proxy.value = 42
    checks.run("attributes", attributes)

    def batch():
        b = Pyro4.batch(proxy)
        b.echo(1)
        b.echo(DT)
        b.fail("in batch")
        b.echo("not reached")
        results = b()
        same([next(results), next(results)], [1, DT])
        try:
            next(results)
            raise AssertionError("third batch result did not raise")
        except ValueError as x:
            check_that("in batch" in str(x), "batch exception %r" % (x,))
        try:
            raise AssertionError("batch went on: %r" % (next(results),))
        except StopIteration:
            pass
    checks.run("batch", batch)

    def stream():
        items = proxy.count(4)
        check_that(type(items).__name__ == "_StreamResultIterator", "not an item stream: %r" % (items,))
        same(list(items), [0, 1, 2, 3])
    checks.run("stream", stream)

    def oneway():
        started = time.time()
        proxy.store("stored oneway")
        deadline = time.time() + 5
        while proxy.stored() != "stored oneway":
            check_that(time.time() < deadline, "the oneway call never arrived")
            time.sleep(0.05)
        return "%.3f s" % (time.time() - started)
    checks.run("oneway", oneway)

    proxy._pyroRelease()
    checks.done()


# --------------------------------------------------------------------------------------------- daemon mode

_ext_hook = Pyro4.util.MsgpackSerializer().ext_hook


def decoded(value):
    """Pyro4's msgpack loadsCall installs no ext_hook: arguments keep ExtType. Decode them as Pyro's loads would."""
    if isinstance(value, msgpack.ExtType):
        return _ext_hook(value.code, value.data)
    if isinstance(value, list):
        return [decoded(v) for v in value]
    if isinstance(value, dict):
        return {decoded(k): decoded(v) for k, v in value.items()}
    return value


@Pyro4.expose
class MsgpackService(object):
    def describe(self, x):
        """The Python type and repr of what arrived (extension types decoded with Pyro's own ext_hook)."""
        raw = "ext " if isinstance(x, msgpack.ExtType) else ""
        x = decoded(x)
        return "%s%s %r" % (raw, type(x).__name__, x)

    def echo(self, x):
        return decoded(x)

    def pythonValues(self):
        return {"tuple": (1, "x"), "set": {"only"}, "big": 2**80, "ulong": 2**64 - 1, "long": -2**63,
                "bytes": b"\x00\x01\x02\xff", "bytearray": bytearray(b"\xfe"), "datetime": DT,
                "date": datetime.date(2024, 1, 2), "complex": complex(1.5, -2.0),
                "decimal": decimal.Decimal("1.10"), "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
                "nan": float("nan"), "uri": Pyro4.core.URI("PYRO:py.object@127.0.0.1:4001")}

    def fail(self, msg):
        raise ValueError(msg, 42)


if __name__ == "__main__":
    main(client_mode, MsgpackService, "msgpack.service")

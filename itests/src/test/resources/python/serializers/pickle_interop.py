"""Python Pyro4 4.82 pickle interop with jpyro (run by org.jpyro.itests.serializers.PickleInteropTest).

usage: pickle_interop.py client <uri of the jpyro PickleService> <uri on a jpyro daemon that does not accept
       pickle> | daemon  (see interop.py)
"""
import array
import collections
import datetime
import decimal
import uuid

import Pyro4
import Pyro4.core
import Pyro4.errors
import Pyro4.futures

from interop import Checks, main, same

# echo(x) values: with pickle a Python peer gets back the same value with the same type (array, deque and
# the dict subclasses come back as their plain counterparts: jpyro has no such types)
VALUES = [
    ("int", 42, None),
    ("int_negative", -12345, None),
    ("int_64bit_min", -2**63, None),
    ("int_unsigned_64bit_max", 2**64 - 1, None),
    ("int_big_negative", -(2**100) + 7, None),
    ("float", 3.25, None),
    ("float_tiny", 5e-324, None),
    ("float_nan", float("nan"), None),
    ("float_negative_inf", float("-inf"), None),
    ("bool_true", True, None),
    ("none", None, None),
    ("str_non_ascii", "h\u00e9llo \u20ac \u4e2d\u6587 \U0001f600", None),
    ("str_control_chars", "nul\x00 tab\t nl\n esc\x1b quote' dquote\" backslash\\ del\x7f \u2028", None),
    ("bytes", b"\x00\x01\x02binary\xff\xfe", None),
    ("bytes_empty", b"", None),
    ("bytearray", bytearray(b"ba\x00\xff"), b"ba\x00\xff"),
    ("list", [1, "two", 3.0, None, True], None),
    ("tuple", (1, "a", False), None),
    ("tuple_empty", (), None),
    ("dict_int_keys", {1: "one", 2: "two", (3, "t"): "tuple key"}, None),
    ("set", {1, 2, 3}, None),
    ("frozenset", frozenset({7, 8}), {7, 8}),
    ("nested", {"list": [1, (2, 3), {"inner": [None, {"deep": "x"}]}], "tuple": ({"a": 1},), "empty": [[], {}, ()]},
     None),
    ("datetime", datetime.datetime(2024, 1, 2, 3, 4, 5, 600000), None),
    ("datetime_utc", datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc), None),
    ("date", datetime.date(2024, 1, 2), None),
    ("time", datetime.time(3, 4, 5, 600000), None),
    ("timedelta", datetime.timedelta(days=-1, seconds=2, microseconds=3), None),
    ("decimal", decimal.Decimal("12345.678901234567890123456789"), None),
    ("uuid", uuid.UUID("12345678-1234-5678-1234-567812345678"), None),
    ("complex", complex(1.5, -2.0), None),
    ("array", array.array("i", [1, 2, 3]), [1, 2, 3]),
    ("ordered_dict", collections.OrderedDict([("b", 1), ("a", 2)]), {"b": 1, "a": 2}),
    ("deque", collections.deque([1, 2]), [1, 2]),
]

# the Java type each value arrives as in jpyro
JAVA_TYPES = [
    ("int", 42, "java.lang.Integer"),
    ("long", 2**40, "java.lang.Long"),
    ("bigint", 2**70, "java.math.BigInteger"),
    ("bytes", b"x", "[B"),
    ("tuple", (1,), "org.jpyro.api.Tuple"),
    ("list", [1], "java.util.ArrayList"),
    ("set", {1}, "java.util.LinkedHashSet"),
    ("dict", {1: 2}, "java.util.LinkedHashMap"),
    ("datetime", datetime.datetime(2024, 1, 2), "java.time.LocalDateTime"),
    ("datetime_aware", datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc), "java.time.OffsetDateTime"),
    ("date", datetime.date(2024, 1, 2), "java.time.LocalDate"),
    ("time", datetime.time(1, 2), "java.time.LocalTime"),
    ("timedelta", datetime.timedelta(1), "java.time.Duration"),
    ("decimal", decimal.Decimal("1.5"), "java.math.BigDecimal"),
    ("uuid", uuid.uuid4(), "java.util.UUID"),
    ("complex", 1j, "org.jpyro.api.ComplexNumber"),
    ("uri", Pyro4.core.URI("PYRO:x@127.0.0.1:1"), "org.jpyro.api.PyroURI"),
    ("proxy", Pyro4.core.Proxy("PYRO:x@127.0.0.1:1"), "org.jpyro.api.ProxyState"),
]

def client(uri, refusing_uri):
    Pyro4.config.SERIALIZER = "pickle"
    checks = Checks()
    with Pyro4.Proxy(uri) as p:
        for name, value, expected in VALUES:
            def echo(value=value, expected=expected):
                same(p.echo(value), value if expected is None else expected)
            checks.run("values." + name, echo)
        for name, value, java in JAVA_TYPES:
            def java_type(value=value, java=java):
                got = p.typeOf(value)
                assert got == java, "%r arrived as %s, expected %s" % (value, got, java)
            checks.run("java_type." + name, java_type)

        def uri_and_proxy():
            u = Pyro4.core.URI("PYRO:some.object@127.0.0.1:47999")
            got = p.echo(u)
            assert type(got) is Pyro4.core.URI and got == u, repr(got)
            prox = Pyro4.core.Proxy("PYRONAME:some.name")
            got = p.echo(prox)
            assert type(got) is Pyro4.core.Proxy, repr(got)
            assert str(got._pyroUri) == "PYRONAME:some.name", str(got._pyroUri)
            got._pyroRelease()
        checks.run("objects.uri_and_proxy", uri_and_proxy)

        def exception():
            try:
                p.fail("bad value")
            except ValueError as e:
                assert e.args == ("bad value",), repr(e.args)
                tb = "".join(e._pyroTraceback)
                assert "IllegalArgumentException: bad value" in tb, tb
            else:
                raise AssertionError("no exception")
        checks.run("exception.value_error", exception)

        def java_values():
            v = p.javaValues()
            assert type(v["bytes"]) is bytes and v["bytes"] == b"\x00\x01\xff", repr(v["bytes"])
            assert v["datetime"] == datetime.datetime(2024, 1, 2, 3, 4, 5, 6), repr(v["datetime"])
            assert v["aware"] == datetime.datetime(2024, 1, 2, 5, 4, 5, tzinfo=datetime.timezone.utc), repr(v["aware"])
            assert v["aware"].utcoffset() == datetime.timedelta(hours=-2), repr(v["aware"])
            assert v["duration"] == datetime.timedelta(seconds=90), repr(v["duration"])
            assert v["decimal"] == decimal.Decimal("1.10"), repr(v["decimal"])
            assert v["uuid"] == uuid.UUID("12345678-1234-5678-1234-567812345678"), repr(v["uuid"])
            assert type(v["set"]) is set and v["set"] == {"only"}, repr(v["set"])
            assert v["tuple"] == (1, "x"), repr(v["tuple"])
            assert type(v["uri"]) is Pyro4.core.URI and str(v["uri"]) == "PYRO:java.object@127.0.0.1:4000"
            prox = v["proxy"]
            assert type(prox) is Pyro4.core.Proxy, repr(prox)
            assert prox._pyroMethods == {"hello", "bye"} and prox._pyroOneway == {"bye"}, (prox._pyroMethods, prox._pyroOneway)
            err = v["error"]
            assert type(err) is Pyro4.errors.NamingError and err.args == ("no such name",), repr(err)
            assert isinstance(err._pyroTraceback, list), repr(err._pyroTraceback)
        checks.run("java_values", java_values)

        def batch():
            b = Pyro4.batch(p)
            b.echo(1)
            b.fail("in batch")
            b.echo(2)
            results = b()
            assert next(results) == 1
            try:
                next(results)
            except ValueError as e:
                assert e.args == ("in batch",), repr(e.args)
            else:
                raise AssertionError("no exception from the batch")
        checks.run("batch.exception_in_middle", batch)

        checks.run("still_connected", lambda: p.echo("still connected") == "still connected" or 1 / 0)

    def refused():
        with Pyro4.Proxy(refusing_uri) as r:
            try:
                r._pyroBind()
            except Pyro4.errors.CommunicationError as e:
                assert "not accepted: 4" in str(e), str(e)
            else:
                raise AssertionError("a daemon with the default SERIALIZERS_ACCEPTED accepted pickle")
    checks.run("refused_by_default", refused)
    checks.done()


@Pyro4.expose
class PickleService(object):
    def echo(self, x):
        return x

    def describe(self, x):
        if isinstance(x, Pyro4.core.Proxy):
            x._pyroRelease()
            return "Proxy %s methods=%s oneway=%s" % (x._pyroUri, sorted(x._pyroMethods), sorted(x._pyroOneway))
        if isinstance(x, BaseException):
            return "%s.%s %r traceback=%s" % (type(x).__module__, type(x).__name__, x.args,
                                               type(getattr(x, "_pyroTraceback", None)).__name__)
        return "%s %r" % (type(x).__name__, x)

    def fail(self, msg):
        raise ValueError(msg, 42)

    def values(self):
        return {
            "bytes": b"\x00\xff", "bytearray": bytearray(b"ab"), "set": {1}, "frozenset": frozenset({2}),
            "tuple": (1, "x"), "datetime": datetime.datetime(2024, 1, 2, 3, 4, 5, 6),
            "aware": datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
            "date": datetime.date(2024, 1, 2), "time": datetime.time(3, 4), "timedelta": datetime.timedelta(1, 2, 3),
            "decimal": decimal.Decimal("1.10"), "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
            "complex": 1 + 2j, "big": 2**80, "array": array.array("d", [1.5]),
            "uri": Pyro4.core.URI("PYRO:x@127.0.0.1:1"),
            "error": Pyro4.errors.NamingError("gone"),
        }


if __name__ == "__main__":
    main(client, PickleService(), "pickle.service")

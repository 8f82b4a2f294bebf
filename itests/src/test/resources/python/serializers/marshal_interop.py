"""Python Pyro4 4.82 marshal interop with jpyro (run by org.jpyro.itests.serializers.MarshalInteropTest).

usage: marshal_interop.py client <uri of the jpyro InteropService> | daemon  (see interop.py)
"""
import Pyro4
import Pyro4.core
import Pyro4.errors
import Pyro4.util

from interop import Checks, main, same

# echo(x) values and what a Python Pyro4 marshal peer gives back for them (bytearray becomes bytes; a jpyro
# peer has no frozenset type and answers with a set)
VALUES = [
    ("int", 42, 42),
    ("int_zero", 0, 0),
    ("int_negative", -12345, -12345),
    ("int_32bit_edges", [2**31 - 1, -2**31, 2**31, -2**31 - 1], [2**31 - 1, -2**31, 2**31, -2**31 - 1]),
    ("int_64bit_max", 2**63 - 1, 2**63 - 1),
    ("int_64bit_min", -2**63, -2**63),
    ("int_unsigned_64bit_max", 2**64 - 1, 2**64 - 1),
    ("int_big", 2**70, 2**70),
    ("int_big_negative", -(2**100) + 7, -(2**100) + 7),
    ("int_huge", 7**500, 7**500),
    ("float", 3.25, 3.25),
    ("float_small", -1.5e-10, -1.5e-10),
    ("float_tiny", 5e-324, 5e-324),
    ("float_negative_zero", -0.0, -0.0),
    ("float_nan", float("nan"), float("nan")),
    ("float_inf", float("inf"), float("inf")),
    ("float_negative_inf", float("-inf"), float("-inf")),
    ("complex", 1.5 - 2j, 1.5 - 2j),
    ("bool_true", True, True),
    ("bool_false", False, False),
    ("none", None, None),
    ("str_ascii", "hello", "hello"),
    ("str_empty", "", ""),
    ("str_long", "x." * 300, "x." * 300),
    ("str_non_ascii", "h\u00e9llo \u20ac \u4e2d\u6587 \U0001f600", "h\u00e9llo \u20ac \u4e2d\u6587 \U0001f600"),
    ("str_control_chars", "nul\x00 tab\t nl\n cr\r esc\x1b quote' dquote\" backslash\\ del\x7f",
     "nul\x00 tab\t nl\n cr\r esc\x1b quote' dquote\" backslash\\ del\x7f"),
    ("bytes", b"\x00\x01\x02binary\xff\xfe", b"\x00\x01\x02binary\xff\xfe"),
    ("bytes_empty", b"", b""),
    ("bytearray", bytearray(b"ba\x00\xff"), b"ba\x00\xff"),
    ("list", [1, "two", 3.0, None, True], [1, "two", 3.0, None, True]),
    ("list_empty", [], []),
    ("list_long", list(range(1000)), list(range(1000))),
    ("tuple", (1, "a", False), (1, "a", False)),
    ("tuple_single", (5,), (5,)),
    ("tuple_empty", (), ()),
    ("tuple_long", tuple(range(300)), tuple(range(300))),
    ("dict", {"k": "v", "n": 1, "f": 0.5}, {"k": "v", "n": 1, "f": 0.5}),
    ("dict_empty", {}, {}),
    ("dict_int_keys", {1: "one", 2: "two", -3: "minus three"}, {1: "one", 2: "two", -3: "minus three"}),
    ("dict_tuple_keys", {(1, "a"): 1, (2, "b"): [2]}, {(1, "a"): 1, (2, "b"): [2]}),
    ("set_int", {1, 2, 3}, {1, 2, 3}),
    ("set_str", {"alpha", "beta"}, {"alpha", "beta"}),
    ("set_empty", set(), set()),
    ("frozenset", frozenset({7, 8}), {7, 8}),
    ("nested", {"list": [1, (2, 3), {"inner": [None, {"deep": "x"}]}], "tuple": ({"a": 1},),
                "empty": [[], {}, ()], "big": [2**64 - 1, -2**70], "set": {7, 8}},
     {"list": [1, (2, 3), {"inner": [None, {"deep": "x"}]}], "tuple": ({"a": 1},),
      "empty": [[], {}, ()], "big": [2**64 - 1, -2**70], "set": {7, 8}}),
]
SHARED = ["shared", "shared"]
VALUES.append(("shared_references", [SHARED, SHARED, (SHARED,)], [SHARED, SHARED, (SHARED,)]))


def patch_kwargs_none():
    """Pyro4's marshal serializer crashes on kwargs None (__getattr__, __setattr__, <batch>); write None instead."""
    original = Pyro4.util.MarshalSerializer.dumpsCall

    def dumpsCall(self, obj, method, vargs, kwargs):
        if kwargs is not None:
            return original(self, obj, method, vargs, kwargs)
        import marshal
        vargs = [self.convert_obj_into_marshallable(value) for value in vargs]
        return marshal.dumps((obj, method, vargs, None))
    Pyro4.util.MarshalSerializer.dumpsCall = dumpsCall


def client(uri):
    Pyro4.config.SERIALIZER = "marshal"
    checks = Checks()
    proxy = Pyro4.Proxy(uri)
    checks.run("bind", proxy._pyroBind)
    for name, value, expected in VALUES:
        checks.run("values." + name, lambda v=value, e=expected: same(proxy.echo(v), e))

    def uri_argument():
        u = Pyro4.core.URI("PYRO:some.object@127.0.0.1:47999")
        back = proxy.echo(u)
        same(type(back), Pyro4.core.URI)
        same(str(back), str(u))
    checks.run("values.uri", uri_argument)

    def proxy_argument():
        p = Pyro4.core.Proxy("PYRO:other.object@127.0.0.1:47998")
        back = proxy.echo(p)
        same(type(back), Pyro4.core.Proxy)
        same(str(back._pyroUri), "PYRO:other.object@127.0.0.1:47998")
    checks.run("values.proxy", proxy_argument)

    def add_with_kwargs():
        same(proxy.add(1, 2), 3)
        same(proxy.add(a=4, b=5), 9)
    checks.run("call.kwargs", add_with_kwargs)

    def exception():
        try:
            proxy.raiseValueError("bad value")
        except ValueError as x:
            if "bad value" not in str(x):
                raise AssertionError("message %r" % str(x))
            if not getattr(x, "_pyroTraceback", None):
                raise AssertionError("no remote traceback")
            return
        raise AssertionError("no ValueError")
    checks.run("exception", exception)

    def stream():
        same(list(proxy.count(4)), [0, 1, 2, 3])
    checks.run("stream", stream)

    def getattr_crashes_in_pyro():
        # the reference behaviour this interop relies on: Python's marshal client cannot send kwargs None
        try:
            proxy._pyroInvoke("__getattr__", ("value",), None)
        except AttributeError as x:
            if "items" not in str(x):
                raise
            return
        raise AssertionError("Pyro4's marshal client sent a kwargs None call: patched already?")
    checks.run("kwargs_none.client_crashes", getattr_crashes_in_pyro)
    proxy._pyroRelease()

    patch_kwargs_none()
    patched = Pyro4.Proxy(uri)

    def attributes():
        same(patched._pyroInvoke("__getattr__", ("value",), None), 42)
        patched._pyroInvoke("__setattr__", ("value", 1234), None)
        same(patched._pyroInvoke("__getattr__", ("value",), None), 1234)
        patched._pyroInvoke("__setattr__", ("value", 42), None)
    checks.run("kwargs_none.attributes", attributes)

    def batch():
        b = Pyro4.batch(patched)
        b.echo(1)
        b.add(2, 3)
        b.raiseValueError("in batch")
        b.echo("not reached")
        results = b()
        same(next(results), 1)
        same(next(results), 5)
        try:
            next(results)
        except ValueError as x:
            if "in batch" not in str(x):
                raise
        else:
            raise AssertionError("no ValueError in batch")
    checks.run("kwargs_none.batch", batch)

    def still_serving():
        same(patched.echo("still serving"), "still serving")
    checks.run("still_serving", still_serving)
    patched._pyroRelease()
    checks.done()


@Pyro4.expose
class MarshalService(object):
    def __init__(self):
        self._value = 42

    def echo(self, x):
        return x

    def add(self, a, b):
        return a + b

    def fail(self, message):
        raise ValueError(message, 42)

    def count(self, n):
        for i in range(n):
            yield i

    def type_name(self, x):
        return type(x).__name__

    def describe(self, x):
        return repr(x)

    def uri(self):
        return Pyro4.core.URI("PYRO:some.object@127.0.0.1:47999")

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, v):
        self._value = v


if __name__ == "__main__":
    main(client, MarshalService(), "marshal.service")

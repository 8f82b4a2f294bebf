"""Python Pyro4 client checks against a jpyro daemon (run by the jpyro itests).

usage:
  pyro4_client.py daemon <service uri> <echo server uri> <daemon location>
        everything against an in-JVM jpyro Daemon hosting the itests' InteropService and jpyro's EchoServer
  pyro4_client.py serializer <service uri> <available: 0|1>
        with PYRO_SERIALIZER set by the caller: values when jpyro has that serializer, else a clean refusal
  pyro4_client.py jar <echo server uri>
        against `java -jar jpyro.jar echoserver`
"""
import sys
import time

import Pyro4
import Pyro4.errors
import Pyro4.message
import Pyro4.util
import serpent

from pyrocheck import Checks, same, check_that, SERPENT_VALUES, JSON_VALUES, MARSHAL_VALUES

Pyro4.config.COMMTIMEOUT = 15.0     # nothing may hang: a silent daemon becomes a TimeoutError here

checks = Checks()

# Python -> Python behaviour that is not "the same type": serpent sends bytes as a base64 dict and an empty set
# as an empty tuple. For those the expectation is what a Python Pyro4 daemon would hand back.
NOT_TYPE_PRESERVING = {"serpent": ("bytes", "bytes_empty", "set_empty")}


def roundtrip(serializer_name, value):
    """What a Python Pyro4 daemon echoes back: the value serialized and deserialized twice."""
    ser = Pyro4.util.get_serializer(serializer_name)
    for _ in range(2):
        data, compressed = ser.serializeData(value)
        value = ser.deserializeData(data, compressed)
    return value


def check_echo(proxy, serializer_name, name, value):
    result = proxy.echo(value)
    same(result, roundtrip(serializer_name, value))
    if name in NOT_TYPE_PRESERVING.get(serializer_name, ()):
        if isinstance(value, bytes):
            check_that(serpent.tobytes(result) == value, "bytes content: %r" % (result,))
    elif serializer_name == "serpent":
        same(result, value)     # equal AND the same Python type as sent, at every level
    return repr(result)[:200]


def traceback_text():
    return "".join(Pyro4.util.getPyroTraceback())


def check_value_error(call, expected_text, java_method):
    try:
        call()
    except ValueError as x:
        check_that(expected_text in str(x), "message %r lacks %r" % (str(x), expected_text))
        remote_tb = getattr(x, "_pyroTraceback", None)
        check_that(remote_tb, "no _pyroTraceback on %r" % (x,))
        text = traceback_text()
        check_that(java_method in text, "remote traceback does not name %s:\n%s" % (java_method, text))
        check_that("Remote traceback" in text, "not a Pyro remote traceback:\n%s" % text)
        return text[-400:]
    raise AssertionError("no ValueError raised")


def timed(fn, *args):
    started = time.time()
    fn(*args)
    return time.time() - started


def batch_with_error(proxy, error_method, error_args, expected_text):
    batch = Pyro4.batch(proxy)
    batch.echo(1)
    batch.echo("two")
    getattr(batch, error_method)(*error_args)
    batch.echo("not reached")
    results = batch()
    got = [next(results), next(results)]
    same(got, [1, "two"])
    try:
        next(results)
        raise AssertionError("third batch result did not raise")
    except ValueError as x:
        check_that(expected_text in str(x), "batch exception %r" % (x,))
    try:
        extra = next(results)
        raise AssertionError("batch went on after the exception: %r" % (extra,))
    except StopIteration:
        pass
    return "results 1, 'two', then ValueError, then nothing"


def daemon_mode(service_uri, echo_uri, location):
    service = Pyro4.Proxy(service_uri)
    echo = Pyro4.Proxy(echo_uri)

    checks.run("bind", lambda: check_that(service._pyroBind() is True, "_pyroBind() did not return True"))
    checks.run("metadata.on_connect", lambda: (
        check_that({"echo", "add", "raiseValueError", "count", "sleepOneway"} <= set(service._pyroMethods),
                   "methods %r" % (service._pyroMethods,)),
        check_that("sleepOneway" in service._pyroOneway, "oneway %r" % (service._pyroOneway,)),
        check_that("value" in service._pyroAttrs, "attrs %r" % (service._pyroAttrs,))))

    def ping_message():
        Pyro4.message.Message.ping(service._pyroConnection)
        same(service.echo("after ping"), "after ping")
    checks.run("ping.message", ping_message)

    for name, value in SERPENT_VALUES:
        checks.run("values." + name, check_echo, service, "serpent", name, value)
    for name, value in SERPENT_VALUES[:3] + [v for v in SERPENT_VALUES if v[0] in ("str_non_ascii", "nested", "bytes")]:
        checks.run("echoserver.values." + name, check_echo, echo, "serpent", name, value)
    checks.run("values.two_args", lambda: same(service.add(40, 2), 42))

    checks.run("exception.value_error", check_value_error,
               lambda: service.raiseValueError("bad value"), "bad value", "raiseValueError")
    checks.run("exception.echoserver_error", check_value_error,
               echo.error, "expected error from echoserver error() method", "EchoServer")
    checks.run("exception.still_connected", lambda: same(service.echo("still connected"), "still connected"))

    def oneway_returns_immediately():
        before = service.onewayCount()
        took = timed(service.sleepOneway, 1000)
        check_that(took < 0.5, "oneway call of a 1 s method took %.3f s" % took)
        took = timed(service.echo, "while the oneway sleeps")
        check_that(took < 0.5, "connection blocked by the oneway call: %.3f s" % took)
        deadline = time.time() + 5
        while service.onewayCount() == before:
            check_that(time.time() < deadline, "the oneway method never ran")
            time.sleep(0.05)
        return "oneway call took %.4f s" % took
    checks.run("oneway.returns_immediately", oneway_returns_immediately)

    def echoserver_oneway():
        check_that(echo.oneway_echo("x") is None, "oneway_echo returned something")
        took = timed(echo.oneway_slow)
        check_that(took < 0.5, "oneway_slow took %.3f s" % took)
        same(echo.echo("after oneway"), "after oneway")
    checks.run("oneway.echoserver", echoserver_oneway)

    checks.run("batch.exception_in_middle", batch_with_error, service, "raiseValueError", ("in batch",), "in batch")

    def batch_without_exception():
        batch = Pyro4.batch(service)
        batch.echo(1)
        batch.add(2, 3)
        batch.echo((4, "four"))
        same(list(batch()), [1, 5, (4, "four")])
    checks.run("batch.no_exception", batch_without_exception)

    def stream():
        items = service.count(5)
        check_that(type(items).__name__ == "_StreamResultIterator", "not an item stream: %r" % (items,))
        same(list(items), [0, 1, 2, 3, 4])
        same(list(service.count(0)), [])
    checks.run("stream.count", stream)

    def stream_closed_early():
        items = service.count(1000)
        same([next(items), next(items)], [0, 1])
        items.close()
        same(service.echo("after close"), "after close")
    checks.run("stream.closed_early", stream_closed_early)
    checks.run("stream.echoserver_generator", lambda: same(list(echo.generator()), ["one", "two", "three"]))

    def attributes():
        same(service.value, 42)
        service.value = 1234
        same(service.value, 1234)
        same(echo.verbose, False)
        echo.verbose = True
        same(echo.verbose, True)
        echo.verbose = False
        same(echo.verbose, False)
    checks.run("attributes.get_set", attributes)

    def unknown_attribute():
        try:
            service._pyroInvoke("__getattr__", ("nonexistent",), None)
        except AttributeError:
            return
        raise AssertionError("no AttributeError")
    checks.run("attributes.unknown", unknown_attribute)

    daemon = Pyro4.Proxy("PYRO:" + Pyro4.constants.DAEMON_NAME + "@" + location)
    checks.run("daemon.ping", lambda: check_that(daemon.ping() is None, "ping() returned something"))

    def info():
        text = daemon.info()
        check_that(isinstance(text, str) and location in text, "info() %r does not name %s" % (text, location))
        return text
    checks.run("daemon.info", info)

    def registered():
        ids = daemon.registered()
        check_that(isinstance(ids, list), "registered() is a %s" % type(ids).__name__)
        check_that({"Pyro.Daemon", "test.service", "test.echoserver"} <= set(ids), "registered() %r" % (ids,))
    checks.run("daemon.registered", registered)

    def get_metadata():
        meta = daemon.get_metadata("test.service")
        check_that(set(meta) == {"methods", "oneway", "attrs"}, "keys %r" % (meta,))
        check_that({"echo", "add", "raiseValueError", "count", "sleepOneway", "onewayCount"} <= set(meta["methods"]),
                   "methods %r" % (meta["methods"],))
        check_that(set(meta["oneway"]) == {"sleepOneway"}, "oneway %r" % (meta["oneway"],))
        check_that(set(meta["attrs"]) == {"value"}, "attrs %r" % (meta["attrs"],))
        echo_meta = daemon.get_metadata("test.echoserver")
        check_that({"oneway_echo", "oneway_slow"} == set(echo_meta["oneway"]), "echo oneway %r" % (echo_meta,))
        check_that("verbose" in set(echo_meta["attrs"]), "echo attrs %r" % (echo_meta,))
        return repr(meta)
    checks.run("daemon.get_metadata", get_metadata)

    def unknown_object():
        try:
            daemon.get_metadata("no.such.object")
        except Pyro4.errors.DaemonError as x:
            return str(x)
        raise AssertionError("no DaemonError")
    checks.run("daemon.get_metadata_unknown", unknown_object)

    def connect_unknown_object():
        try:
            Pyro4.Proxy("PYRO:no.such.object@" + location)._pyroBind()
        except Pyro4.errors.CommunicationError as x:
            check_that("rejected" in str(x), "not a CONNECTFAIL: %s" % x)
            return str(x)
        raise AssertionError("connected to an unknown object")
    checks.run("handshake.unknown_object", connect_unknown_object)

    def daemon_bind_and_ping():
        p = Pyro4.Proxy("PYRO:Pyro.Daemon@" + location)
        check_that(p._pyroBind() is True, "bind")
        Pyro4.message.Message.ping(p._pyroConnection)
        p._pyroRelease()
    checks.run("ping.daemon_object", daemon_bind_and_ping)

    service._pyroRelease()
    echo._pyroRelease()
    daemon._pyroRelease()


def serializer_mode(service_uri, available):
    name = Pyro4.config.SERIALIZER
    values = {"json": JSON_VALUES, "marshal": MARSHAL_VALUES, "serpent": SERPENT_VALUES}[name]
    proxy = Pyro4.Proxy(service_uri)
    if available:
        for value_name, value in values:
            checks.run("%s.values.%s" % (name, value_name), check_echo, proxy, name, value_name, value)
        checks.run("%s.exception" % name, check_value_error,
                   lambda: proxy.raiseValueError("bad value"), "bad value", "raiseValueError")
    else:
        def refused():
            try:
                proxy.echo(1)
            except Pyro4.errors.CommunicationError as x:
                check_that("rejected" in str(x), "not a CONNECTFAIL refusal: %r" % (x,))
                return str(x)
            raise AssertionError("the daemon accepted serializer %s that jpyro does not have" % name)
        checks.run("%s.refused" % name, refused)

    def still_serving():
        other = Pyro4.Proxy(service_uri)
        other._pyroSerializer = "serpent"
        same(other.echo("still serving"), "still serving")
        other._pyroRelease()
    checks.run("%s.daemon_still_serving" % name, still_serving)


def jar_mode(echo_uri):
    echo = Pyro4.Proxy(echo_uri)
    checks.run("jar.bind", lambda: check_that(echo._pyroBind() is True, "_pyroBind() did not return True"))
    for name, value in SERPENT_VALUES:
        checks.run("jar.values." + name, check_echo, echo, "serpent", name, value)
    checks.run("jar.error", check_value_error, echo.error, "expected error from echoserver error() method", "EchoServer")
    checks.run("jar.error_with_text", check_value_error, echo.error_with_text, "the message of the error",
               "errorWithText")
    checks.run("jar.generator", lambda: same(list(echo.generator()), ["one", "two", "three"]))

    def oneway():
        check_that(echo.oneway_echo("hello") is None, "oneway_echo returned a value")
        took = timed(echo.oneway_slow)
        check_that(took < 0.5, "oneway_slow took %.3f s" % took)
        same(echo.echo("after oneway"), "after oneway")
    checks.run("jar.oneway_echo", oneway)
    checks.run("jar.batch", batch_with_error, echo, "error", (), "expected error from echoserver error() method")
    checks.run("jar.nan_inf", lambda: (same(echo.inf(), float("inf")), check_that(echo.nan() != echo.nan(), "nan")))
    checks.run("jar.dunder", lambda: same(echo.__dunder__(), "should be allowed (dunder)"))
    checks.run("jar.ping", lambda: Pyro4.message.Message.ping(echo._pyroConnection))
    echo._pyroRelease()


def main(argv):
    mode = argv[1]
    if mode == "daemon":
        daemon_mode(argv[2], argv[3], argv[4])
    elif mode == "serializer":
        serializer_mode(argv[2], argv[3] == "1")
    elif mode == "jar":
        jar_mode(argv[2])
    else:
        raise SystemExit("unknown mode " + mode)
    checks.done()


if __name__ == "__main__":
    main(sys.argv)

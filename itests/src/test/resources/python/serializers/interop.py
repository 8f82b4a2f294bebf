"""What the serializer interop scripts share (run by org.jpyro.itests.serializers.*InteropTest).

Every <serializer>_interop.py has two modes, chosen by its first argument:
  client <uri of the jpyro service> [more uris]
        a Pyro4 client with that serializer against jpyro daemons; prints one
        'CHECK {"name": ..., "ok": ..., "detail": ...}' line per check (see ../pyrocheck.py) and 'DONE <n>'
  daemon
        a Pyro4 daemon on 127.0.0.1 (OS-chosen port) serving the script's service object; prints
        'uri: <uri>' and serves until the process is ended or 120 s passed
"""
import math
import os
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import Pyro4  # noqa: E402

from pyrocheck import Checks, check_that  # noqa: E402,F401 - re-exported for the scripts

Pyro4.config.COMMTIMEOUT = 15.0

SERVE_SECONDS = 120


def same(actual, expected, path="value"):
    """Deep equality that also demands the same Python type at every level: nan equals nan, -0.0 is not 0.0,
    dict keys in the same order (compared by repr, which tells 1, 1.0, True and '1' apart)."""
    if type(actual) is not type(expected):
        raise AssertionError("%s: got %s %r, expected %s %r" % (
            path, type(actual).__name__, actual, type(expected).__name__, expected))
    if isinstance(expected, float):
        if math.isnan(expected) and math.isnan(actual):
            return
        if actual != expected or math.copysign(1, actual) != math.copysign(1, expected):
            raise AssertionError("%s: got %r, expected %r" % (path, actual, expected))
    elif isinstance(expected, (list, tuple)):
        if len(actual) != len(expected):
            raise AssertionError("%s: got %d items %r, expected %d items %r" % (
                path, len(actual), actual, len(expected), expected))
        for i, (a, e) in enumerate(zip(actual, expected)):
            same(a, e, "%s[%d]" % (path, i))
    elif isinstance(expected, dict):
        if list(map(repr, actual)) != list(map(repr, expected)):
            raise AssertionError("%s: keys %r, expected %r (in order)" % (path, list(actual), list(expected)))
        for key in expected:
            same(actual[key], expected[key], "%s[%r]" % (path, key))
    elif isinstance(expected, (set, frozenset)):
        if sorted(map(repr, actual)) != sorted(map(repr, expected)):
            raise AssertionError("%s: got %r, expected %r" % (path, actual, expected))
    elif actual != expected:
        raise AssertionError("%s: got %r, expected %r" % (path, actual, expected))


def serve(service, object_id):
    """Serves `service` (an object or an exposed class) as `object_id` on 127.0.0.1, an OS-chosen port: prints
    'uri: <uri>', then serves until the process is ended (the Java side destroys it) or SERVE_SECONDS passed."""
    daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
    uri = daemon.register(service, object_id)
    sys.stdout.write("uri: %s\n" % uri)
    sys.stdout.flush()
    deadline = threading.Timer(SERVE_SECONDS, daemon.shutdown)
    deadline.daemon = True
    deadline.start()
    daemon.requestLoop()
    daemon.close()


def main(client, service, object_id):
    """Runs the mode the command line names: client(*uris) or serve(service, object_id)."""
    mode = sys.argv[1] if len(sys.argv) > 1 else None
    if mode == "client":
        client(*sys.argv[2:])
    elif mode == "daemon":
        serve(service, object_id)
    else:
        raise SystemExit(__doc__)

"""Python Pyro4 client checks over TLS against a jpyro daemon (run by the jpyro ssl itests).

usage:
  pyro4_tls_client.py accepted <service uri> <expected server certificate CN>
        the calls must work over TLS (TLS 1.2 or 1.3) and the server certificate must be the expected one
  pyro4_tls_client.py echoserver <echo server uri> <expected server certificate CN>
        jpyro's (or Pyro's) echo server over TLS
  pyro4_tls_client.py refused <service uri> [text the refusal must contain]
        the connection must be refused (not time out)

The SSL settings come from the PYRO_SSL* environment variables, exactly as a Pyro4 user would give them.
"""
import os
import ssl
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import Pyro4  # noqa: E402
import Pyro4.errors  # noqa: E402

from pyrocheck import Checks, same, check_that  # noqa: E402

Pyro4.config.COMMTIMEOUT = 15.0     # nothing may hang: a silent daemon becomes a TimeoutError here

checks = Checks()


def accepted(uri, server_cn):
    check_that(Pyro4.config.SSL, "PYRO_SSL is not set")
    proxy = Pyro4.Proxy(uri)
    try:
        checks.run("tls.call", lambda: same(proxy.echo([1, "two", 3.5, None]), [1, "two", 3.5, None]))

        def tls_socket():
            sock = proxy._pyroConnection.sock
            check_that(isinstance(sock, ssl.SSLSocket), "not an SSL socket: %r" % (sock,))
            check_that(sock.version() in ("TLSv1.3", "TLSv1.2"), "TLS version %s" % sock.version())
            cert = sock.getpeercert()
            cn = dict(x[0] for x in cert["subject"])["commonName"]
            same(cn, server_cn)
            return "%s %s, server CN %s" % (sock.version(), sock.cipher()[0], cn)

        checks.run("tls.socket", tls_socket)
        checks.run("tls.second_call", lambda: same(proxy.add(2, 3), 5))
    finally:
        proxy._pyroRelease()


def echoserver(uri, server_cn):
    proxy = Pyro4.Proxy(uri)
    try:
        def echo():
            same(proxy.echo("over tls"), "over tls")
            sock = proxy._pyroConnection.sock
            cn = dict(x[0] for x in sock.getpeercert()["subject"])["commonName"]
            same(cn, server_cn)
            return sock.version()

        checks.run("tls.echoserver", echo)
    finally:
        proxy._pyroRelease()


def refused(uri, reason):
    def call():
        proxy = Pyro4.Proxy(uri)
        try:
            proxy.echo(1)
        except Pyro4.errors.TimeoutError as x:
            raise AssertionError("timed out instead of being refused: %r" % (x,))
        except (Pyro4.errors.CommunicationError, OSError) as x:
            if reason:
                check_that(reason in str(x), "refusal %r lacks %r" % (str(x), reason))
            return "%s: %s" % (type(x).__name__, x)
        finally:
            proxy._pyroRelease()
        raise AssertionError("the call was accepted")

    checks.run("tls.refused", call)


def main(args):
    if args[0] == "accepted":
        accepted(args[1], args[2])
    elif args[0] == "echoserver":
        echoserver(args[1], args[2])
    elif args[0] == "refused":
        refused(args[1], args[2] if len(args) > 2 else "")
    else:
        raise SystemExit("unknown mode " + args[0])
    checks.done()


if __name__ == "__main__":
    main(sys.argv[1:])

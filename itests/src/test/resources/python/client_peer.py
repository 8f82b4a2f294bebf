"""Pyro4 daemons for jpyro's client tests (itests/.../client/*).

Serves the object "svc" on three daemons and prints their uris:
  tcp uri: ...   a daemon on 127.0.0.1 whose validateHandshake admits only the handshake "secret" (answer "welcome")
  unix uri: ...  a plain daemon on the Unix domain socket given as first argument
  ipv6 uri: ...  a plain daemon on ::1 (only when IPv6 works here)
then "ready". Runs until killed.
"""
import sys
import threading
import time

import Pyro4

Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal"}
Pyro4.config.ITER_STREAM_LINGER = 30


class GuardedDaemon(Pyro4.Daemon):
    def validateHandshake(self, conn, data):
        if data != "secret":
            raise ValueError("bad token %r" % (data,))
        return "welcome"


@Pyro4.expose
@Pyro4.behavior(instance_mode="single")
class Service(object):
    def __init__(self):
        self.barrier = None

    def echo(self, x):
        return x

    def slow(self, x, seconds):
        time.sleep(seconds)
        return x

    def expect(self, parties):
        self.barrier = threading.Barrier(parties)

    def meet(self):
        self.barrier.wait(20)
        return True

    def count(self, n):
        for i in range(n):
            yield i

    def open_streams(self):
        return len(self._pyroDaemon.streaming_responses)

    def clients(self):
        return len(self._pyroDaemon.sockets) - 1


def serve(daemon, label):
    uri = daemon.register(Service(), "svc")
    threading.Thread(target=daemon.requestLoop, daemon=True).start()
    print("%s uri: %s" % (label, uri))


def main():
    serve(GuardedDaemon(host="127.0.0.1", port=0), "tcp")
    serve(Pyro4.Daemon(unixsocket=sys.argv[1]), "unix")
    try:
        serve(Pyro4.Daemon(host="::1", port=0), "ipv6")
    except Exception as x:
        print("no ipv6: %s" % x)
    print("ready")
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()

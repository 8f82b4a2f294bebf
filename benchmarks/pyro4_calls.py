"""Sequential Python Pyro4 call rate: N echo("hello") calls on one proxy, like CallBenchmark does in Java.

usage: /usr/bin/python3 pyro4_calls.py <label> <uri> [calls]
prints: <label>: <calls/s> calls/s (<microseconds> us/call, N calls)
"""
import sys
import time

import Pyro4

Pyro4.config.COMMTIMEOUT = 10.0


def main(label, uri, calls=5000):
    with Pyro4.Proxy(uri) as proxy:
        for _ in range(200):            # connect + warm up
            proxy.echo("hello")
        started = time.perf_counter()
        for _ in range(calls):
            proxy.echo("hello")
        took = time.perf_counter() - started
    print("%s: %.0f calls/s (%.0f us/call, %d calls)" % (label, calls / took, took / calls * 1e6, calls))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5000)

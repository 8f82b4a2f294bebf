"""Python Pyro4 client call rates: the modes of CallBenchmark in Python, one thread, one proxy.

usage: /usr/bin/python3 pyro4_calls.py <label> <uri> [calls] [mode]
  mode call:   echo("hello") calls, one after the other
  mode oneway: oneway_echo("hello") (a oneway method of Pyro's echo server), a normal echo call after every 100
  mode batch:  batches of 100 echo("hello") calls, one request each (Pyro4.batch)
prints: <label> <mode>: <calls/s> calls/s (<microseconds> us/call, N calls)
and a machine-readable line: RATE<TAB><label><TAB><mode><TAB><calls/s>
"""
import sys
import time

import Pyro4

Pyro4.config.COMMTIMEOUT = 10.0
BURST = 100


def run(proxy, mode, calls):
    if mode == "call":
        for _ in range(calls):
            proxy.echo("hello")
    elif mode == "oneway":
        for i in range(1, calls + 1):
            proxy.oneway_echo("hello")
            if i % BURST == 0:
                proxy.echo("hello")
        proxy.echo("hello")
    elif mode == "batch":
        left = calls
        while left > 0:
            n = min(left, BURST)
            batch = Pyro4.batch(proxy)
            for _ in range(n):
                batch.echo("hello")
            results = list(batch())
            if len(results) != n:
                raise RuntimeError("batch of %d returned %d results" % (n, len(results)))
            left -= n
    else:
        raise ValueError("unknown mode " + mode)


def main(label, uri, calls=5000, mode="call"):
    with Pyro4.Proxy(uri) as proxy:
        proxy._pyroBind()
        if "oneway_echo" not in proxy._pyroOneway:
            raise RuntimeError("oneway_echo is not a oneway method of " + uri)
        run(proxy, mode, max(calls // 10, BURST))   # connect + warm up
        started = time.perf_counter()
        run(proxy, mode, calls)
        took = time.perf_counter() - started
    rate = calls / took
    print("%s %s: %.0f calls/s (%.1f us/call, %d calls)" % (label, mode, rate, took / calls * 1e6, calls))
    print("RATE\t%s\t%s\t%.0f" % (label, mode, rate))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 5000,
         sys.argv[4] if len(sys.argv) > 4 else "call")

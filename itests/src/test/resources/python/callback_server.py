"""A Python Pyro4 daemon that calls back the callback objects its clients pass (Pyro's callback example).

Prints "uri: <uri>" once it serves; runs until killed.
"""
import sys

import Pyro4
import Pyro4.core

Pyro4.config.COMMTIMEOUT = 15.0


@Pyro4.expose
class Worker(object):
    def doWork(self, callback, count):
        kind = "proxy" if isinstance(callback, Pyro4.core.Proxy) else type(callback).__name__
        results = [callback.progress(i) for i in range(count)]
        callback._pyroRelease()
        return [kind, str(callback._pyroUri), results]

    def doFailingWork(self, callback):
        try:
            callback.fail("from python")
        except Exception as e:
            return "%s: %s" % (type(e).__name__, e)
        finally:
            callback._pyroRelease()
        return "no error"


daemon = Pyro4.Daemon(host="127.0.0.1", port=0)
uri = daemon.register(Worker(), "worker")
print("uri: %s" % uri)
sys.stdout.flush()
daemon.requestLoop()

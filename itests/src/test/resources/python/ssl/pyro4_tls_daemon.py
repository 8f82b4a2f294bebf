"""A Python Pyro4 daemon over TLS for the jpyro ssl itests.

usage: pyro4_tls_daemon.py [allowed client certificate CN]

The SSL settings come from the PYRO_SSL* environment variables. With an allowed CN, validateHandshake refuses
every client whose certificate has another CN (Pyro's own ssl example does the same). Prints
``echo uri: <uri>`` once it serves, then serves until it is killed.
"""
import sys

import Pyro4
import Pyro4.errors


def common_name(cert):
    if not cert:
        return None
    return dict(x[0] for x in cert["subject"]).get("commonName")


@Pyro4.expose
class Echo(object):
    def echo(self, value):
        return value

    def peer_cn(self):
        """The CN of the calling client's certificate, as this daemon sees it."""
        return common_name(Pyro4.current_context.client.getpeercert())


class CheckingDaemon(Pyro4.Daemon):
    def __init__(self, allowed, **kwargs):
        super(CheckingDaemon, self).__init__(**kwargs)
        self.allowed = allowed

    def validateHandshake(self, conn, data):
        cn = common_name(conn.getpeercert())
        if self.allowed and cn != self.allowed:
            raise Pyro4.errors.CommunicationError("client certificate CN %r is not allowed" % (cn,))
        return super(CheckingDaemon, self).validateHandshake(conn, data)


def main(args):
    if not Pyro4.config.SSL:
        raise SystemExit("PYRO_SSL is not set")
    daemon = CheckingDaemon(args[0] if args else None, host="127.0.0.1", port=0)
    uri = daemon.register(Echo(), "test.echo")
    print("echo uri: %s" % uri, flush=True)
    daemon.requestLoop()


if __name__ == "__main__":
    main(sys.argv[1:])

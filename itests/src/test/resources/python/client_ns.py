"""A Pyro4 name server on 127.0.0.1 and an OS-chosen port, without broadcast, for jpyro's client tests.

Prints "ns uri: PYRO:Pyro.NameServer@127.0.0.1:port" once it serves; runs until killed.
"""
import Pyro4
import Pyro4.naming

Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal"}


def main():
    uri, daemon, broadcast = Pyro4.naming.startNS(host="127.0.0.1", port=0, enableBroadcast=False)
    print("ns uri: %s" % uri)
    daemon.requestLoop()


if __name__ == "__main__":
    main()

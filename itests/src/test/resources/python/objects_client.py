"""Python Pyro4 client checks of jpyro's object features (run by itests/objects/PythonClientObjectsTest).

usage: objects_client.py <shop uri> <session uri> <percall uri> <single uri>
"""
import sys

import Pyro4
import Pyro4.core
import Pyro4.errors

from pyrocheck import Checks, same, check_that

Pyro4.config.COMMTIMEOUT = 15.0

checks = Checks()
shop_uri, session_uri, percall_uri, single_uri = sys.argv[1:5]


def autoproxy_result():
    with Pyro4.Proxy(shop_uri) as shop:
        cart = shop.newCart()
        check_that(isinstance(cart, Pyro4.core.Proxy), "not a proxy: %r" % (cart,))
        check_that({"add", "items"} <= set(cart._pyroMethods), "metadata %r" % (cart._pyroMethods,))
        cart.add("apple")
        cart.add("pear")
        same(cart.items(), ["apple", "pear"])
        cart._pyroRelease()
        return str(cart._pyroUri)


def autoproxy_in_containers():
    with Pyro4.Proxy(shop_uri) as shop:
        carts = shop.carts()
        check_that(isinstance(carts, list) and len(carts) >= 1, "carts %r" % (carts,))
        for c in carts:
            check_that(isinstance(c, Pyro4.core.Proxy), "not a proxy: %r" % (c,))
        same(carts[0].items(), ["apple", "pear"])
        for c in carts:
            c._pyroRelease()


def session_mode():
    p1 = Pyro4.Proxy(session_uri)
    p2 = Pyro4.Proxy(session_uri)
    a = p1.number()
    same(p1.number(), a)
    b = p2.number()
    check_that(a != b, "two connections share instance %r" % a)
    p1._pyroReconnect()
    c = p1.number()
    check_that(c not in (a, b), "a new connection gets a new instance, got %r (had %r, %r)" % (c, a, b))
    p1._pyroRelease()
    p2._pyroRelease()
    return [a, b, c]


def percall_mode():
    with Pyro4.Proxy(percall_uri) as p:
        numbers = [p.number() for _ in range(3)]
    check_that(len(set(numbers)) == 3, "not new per call: %r" % (numbers,))
    return numbers


def single_mode():
    with Pyro4.Proxy(single_uri) as p1, Pyro4.Proxy(single_uri) as p2:
        same(p1.number(), p2.number())
        same(p1.number(), p1.number())


class Shop(object):
    """The Python twin of the Java Shop's signatures: what Python itself says for bad calls."""
    def newCart(self):
        pass

    def find(self, name):
        pass


def python_type_error(call):
    try:
        call()
    except TypeError as e:
        return str(e)
    raise AssertionError("no TypeError")


def type_error(remote, local):
    try:
        remote()
    except TypeError as e:
        same(str(e), python_type_error(local))
        return str(e)
    raise AssertionError("no TypeError from jpyro")


def stream_resume():
    with Pyro4.Proxy(shop_uri) as shop:
        it = shop.letters()
        same(next(it), "a")
        shop._pyroReconnect()      # new connection: the stream lingers on the daemon and is resumed
        same(next(it), "b")
        same(list(it), ["c", "d"])


checks.run("autoproxy.result_is_proxy", autoproxy_result)
checks.run("autoproxy.in_containers", autoproxy_in_containers)
checks.run("instancemode.session", session_mode)
checks.run("instancemode.percall", percall_mode)
checks.run("instancemode.single", single_mode)
with Pyro4.Proxy(shop_uri) as shop_proxy:
    checks.run("typeerror.too_many", type_error, lambda: shop_proxy.newCart(1, 2), lambda: Shop().newCart(1, 2))
    checks.run("typeerror.missing", type_error, lambda: shop_proxy.find(), lambda: Shop().find())
    checks.run("typeerror.keyword", type_error, lambda: shop_proxy.find(nam="x"), lambda: Shop().find(nam="x"))
checks.run("stream.resume_after_reconnect", stream_resume)
checks.done()

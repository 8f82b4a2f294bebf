package org.jpyro.itests.objects;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jpyro.api.Expose;
import org.jpyro.daemon.Daemon;

/** Hands out carts it registers in its own daemon: they reach clients as proxies (autoproxy). */
@Expose
public class Shop {
    private final Daemon daemon;
    private final List<Cart> carts = new CopyOnWriteArrayList<>();

    public Shop(Daemon daemon) {
        this.daemon = daemon;
    }

    /** A new cart, registered: the client gets a proxy to it. */
    public Cart newCart() {
        Cart c = new Cart();
        daemon.register(c);
        carts.add(c);
        return c;
    }

    /** All carts handed out, as proxies inside a list. */
    public List<Cart> carts() {
        return List.copyOf(carts);
    }

    /** A signature for the TypeError checks. */
    public String find(String name) {
        return name;
    }

    /** An item stream. */
    public Iterator<String> letters() {
        return List.of("a", "b", "c", "d").iterator();
    }

    /** A cart. */
    @Expose
    public static class Cart {
        private final List<String> items = new CopyOnWriteArrayList<>();

        public void add(String item) {
            items.add(item);
        }

        public List<String> items() {
            return List.copyOf(items);
        }
    }
}

package org.jpyro.serializer.pickle.internal;

import java.util.List;

/**
 * A Python object under construction while unpickling: made by NEWOBJ, {@code copyreg._reconstructor} or
 * REDUCE of an exception class, completed by BUILD. The memo and containers refer to it until the reader's
 * final pass turns it into its Java value ({@code PyroURI}, {@code ProxyState}, an exception...).
 */
final class PendingObject {
    final PyGlobal type;
    final List<Object> args;
    Object state;

    PendingObject(PyGlobal type, List<Object> args) {
        this.type = type;
        this.args = args;
    }

    @Override
    public String toString() {
        return "<pending " + type.qualifiedName() + ">";
    }
}

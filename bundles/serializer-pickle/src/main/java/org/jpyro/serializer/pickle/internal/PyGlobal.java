package org.jpyro.serializer.pickle.internal;

/**
 * A whitelisted Python global ({@code module.name}) as it sits on the unpickling stack, waiting to be called
 * (REDUCE), instantiated (NEWOBJ) or passed as an argument. Made only by {@link PickleGlobals#lookup}.
 *
 * @param module the module, Python 3 spelling ({@code builtins}, not {@code __builtin__})
 * @param name   the attribute name
 * @param kind   what jpyro does with it
 */
record PyGlobal(String module, String name, Kind kind) {

    /** What a whitelisted global stands for. */
    enum Kind {
        SET, FROZENSET, BYTEARRAY, BYTES, COMPLEX, OBJECT, LIST, DICT, TUPLE,
        /** a builtin type usable only as an argument (a defaultdict factory) */
        TYPE_ONLY,
        BUILTIN_EXCEPTION, PYRO_ERROR,
        CODECS_ENCODE, RECONSTRUCTOR,
        DATETIME, DATE, TIME, TIMEDELTA, TIMEZONE,
        DECIMAL, UUID,
        ORDERED_DICT, COUNTER, DEFAULT_DICT, DEQUE,
        ARRAY, ARRAY_RECONSTRUCTOR,
        PYRO_URI, PYRO_PROXY, PYRO_EXCEPTION_WRAPPER
    }

    /** The qualified name, e.g. {@code builtins.ValueError}. */
    String qualifiedName() {
        return module + "." + name;
    }

    @Override
    public String toString() {
        return "<global " + qualifiedName() + ">";
    }
}

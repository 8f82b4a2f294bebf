package org.jpyro.serializer.pickle.internal;

import java.util.LinkedHashSet;

/** A Python frozenset while unpickling: a set that may be a dict key or a set member (it is hashable). */
final class FrozenSet extends LinkedHashSet<Object> {
    private static final long serialVersionUID = 1L;
}

package org.jpyro.serializer.marshal.internal;

/** The type codes and limits of CPython's marshal format (version 4), as named in CPython's marshal.c. */
final class MarshalCodes {
    static final int NULL = '0';
    static final int NONE = 'N';
    static final int FALSE = 'F';
    static final int TRUE = 'T';
    static final int STOPITER = 'S';
    static final int ELLIPSIS = '.';
    static final int INT = 'i';
    static final int INT64 = 'I';
    static final int FLOAT = 'f';
    static final int BINARY_FLOAT = 'g';
    static final int COMPLEX = 'x';
    static final int BINARY_COMPLEX = 'y';
    static final int LONG = 'l';
    static final int STRING = 's';
    static final int INTERNED = 't';
    static final int REF = 'r';
    static final int TUPLE = '(';
    static final int LIST = '[';
    static final int DICT = '{';
    static final int CODE = 'c';
    static final int UNICODE = 'u';
    static final int SET = '<';
    static final int FROZENSET = '>';
    static final int ASCII = 'a';
    static final int ASCII_INTERNED = 'A';
    static final int SMALL_TUPLE = ')';
    static final int SHORT_ASCII = 'z';
    static final int SHORT_ASCII_INTERNED = 'Z';

    /** Bit set on a type code when the object is entered in the reference table. */
    static final int FLAG_REF = 0x80;

    /** CPython's long digits are 15 bits in marshal. */
    static final int LONG_SHIFT = 15;
    static final int LONG_MASK = (1 << LONG_SHIFT) - 1;

    /** Nesting limit for reading and writing (CPython's own limit is 2000). */
    static final int MAX_DEPTH = 1000;

    private MarshalCodes() {
    }
}

package org.jpyro.protocol;

/** Pyro message types; the same numbers in Pyro4 and Pyro5. */
public final class MessageType {
    public static final int CONNECT = 1;
    public static final int CONNECTOK = 2;
    public static final int CONNECTFAIL = 3;
    public static final int INVOKE = 4;
    public static final int RESULT = 5;
    public static final int PING = 6;

    private MessageType() {
    }

    /** Whether the number is a known message type. */
    public static boolean isValid(int type) {
        return type >= CONNECT && type <= PING;
    }

    /** The Pyro name of a message type, e.g. {@code INVOKE}. */
    public static String name(int type) {
        switch (type) {
            case CONNECT: return "CONNECT";
            case CONNECTOK: return "CONNECTOK";
            case CONNECTFAIL: return "CONNECTFAIL";
            case INVOKE: return "INVOKE";
            case RESULT: return "RESULT";
            case PING: return "PING";
            default: return "UNKNOWN(" + type + ")";
        }
    }
}

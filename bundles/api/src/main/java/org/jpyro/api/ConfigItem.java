package org.jpyro.api;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every Pyro configuration item, with Pyro4's and Pyro5's defaults where they differ, plus jpyro's own
 * {@link #PROTOCOL_VERSION}. Names are Pyro's, so {@code PYRO_<NAME>} environment variables mean the same.
 */
public enum ConfigItem {
    HOST(Type.STRING, "localhost", "localhost"),
    NS_HOST(Type.STRING, "localhost", "localhost"),
    NS_PORT(Type.INT, 9090, 9090),
    NS_BCPORT(Type.INT, 9091, 9091),
    NS_BCHOST(Type.STRING, null, null),
    NS_AUTOCLEAN(Type.FLOAT, 0.0, 0.0),
    NS_LOOKUP_DELAY(Type.FLOAT, 0.0, 0.0),
    NATHOST(Type.STRING, null, null),
    NATPORT(Type.INT, 0, 0),
    COMPRESSION(Type.BOOL, false, false),
    SERVERTYPE(Type.STRING, "thread", "thread"),
    COMMTIMEOUT(Type.FLOAT, 0.0, 0.0),
    POLLTIMEOUT(Type.FLOAT, 2.0, 2.0),
    MAX_RETRIES(Type.INT, 0, 0),
    SOCK_REUSE(Type.BOOL, true, true),
    SOCK_NODELAY(Type.BOOL, false, false),
    ONEWAY_THREADED(Type.BOOL, true, true),
    DETAILED_TRACEBACK(Type.BOOL, false, false),
    THREADPOOL_SIZE(Type.INT, 40, 80),
    THREADPOOL_SIZE_MIN(Type.INT, 4, 4),
    AUTOPROXY(Type.BOOL, true, true),
    /** Bytes of data plus annotations per message; 0 means unlimited. */
    MAX_MESSAGE_SIZE(Type.INT, 0, 1024 * 1024 * 1024),
    BROADCAST_ADDRS(Type.STRING_LIST, List.of("<broadcast>", "0.0.0.0"), List.of("<broadcast>", "0.0.0.0")),
    FLAME_ENABLED(Type.BOOL, false, false),
    PREFER_IP_VERSION(Type.INT, 4, 0),
    SERIALIZER(Type.STRING, "serpent", "serpent"),
    /** Pyro4 semantics; a Pyro5 daemon accepts every installed serializer that is not pickle. */
    SERIALIZERS_ACCEPTED(Type.STRING_SET, Set.of("serpent", "marshal", "json"), Set.of("serpent", "marshal", "json", "msgpack")),
    SERPENT_BYTES_REPR(Type.BOOL, false, false),
    PICKLE_PROTOCOL_VERSION(Type.INT, 2, 2),
    DILL_PROTOCOL_VERSION(Type.INT, -1, -1),
    JSON_MODULE(Type.STRING, "json", "json"),
    LOGWIRE(Type.BOOL, false, false),
    LOGFILE(Type.STRING, null, null),
    LOGLEVEL(Type.STRING, null, null),
    METADATA(Type.BOOL, true, true),
    REQUIRE_EXPOSE(Type.BOOL, true, true),
    USE_MSG_WAITALL(Type.BOOL, true, true),
    ITER_STREAMING(Type.BOOL, true, true),
    ITER_STREAM_LIFETIME(Type.FLOAT, 0.0, 0.0),
    ITER_STREAM_LINGER(Type.FLOAT, 30.0, 30.0),
    SSL(Type.BOOL, false, false),
    SSL_SERVERCERT(Type.STRING, "", ""),
    SSL_SERVERKEY(Type.STRING, "", ""),
    SSL_SERVERKEYPASSWD(Type.STRING, "", ""),
    SSL_REQUIRECLIENTCERT(Type.BOOL, false, false),
    SSL_CLIENTCERT(Type.STRING, "", ""),
    SSL_CLIENTKEY(Type.STRING, "", ""),
    SSL_CLIENTKEYPASSWD(Type.STRING, "", ""),
    SSL_CACERTS(Type.STRING, "", ""),
    /** jpyro: the protocol proxies speak, 502 (Pyro5) or 48 (Pyro4). Daemons always serve both. */
    PROTOCOL_VERSION(Type.INT, 48, 502);

    /** The kinds of values config items hold, and how text (environment variables) converts to them. */
    public enum Type {
        BOOL, INT, FLOAT, STRING, STRING_SET, STRING_LIST;

        /** Converts text as Pyro converts environment variables; {@link IllegalArgumentException} when it can't. */
        public Object parse(String text) {
            switch (this) {
                case BOOL:
                    switch (text.trim().toLowerCase(Locale.ROOT)) {
                        case "1": case "yes": case "on": case "true": return Boolean.TRUE;
                        case "0": case "no": case "off": case "false": return Boolean.FALSE;
                        default: throw new IllegalArgumentException("invalid boolean value: " + text);
                    }
                case INT:
                    return Integer.valueOf(text.trim());
                case FLOAT:
                    return Double.valueOf(text.trim());
                case STRING:
                    return text;
                case STRING_SET:
                    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                            .collect(Collectors.toCollection(LinkedHashSet::new));
                case STRING_LIST:
                    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                            .collect(Collectors.toUnmodifiableList());
                default:
                    throw new AssertionError(this);
            }
        }
    }

    private final Type type;
    private final Object pyro4Default;
    private final Object pyro5Default;

    ConfigItem(Type type, Object pyro4Default, Object pyro5Default) {
        this.type = type;
        this.pyro4Default = pyro4Default;
        this.pyro5Default = pyro5Default;
    }

    public Type type() {
        return type;
    }

    /** Pyro's default for this item in the given protocol generation. */
    public Object defaultValue(ProtocolVersion version) {
        return version == ProtocolVersion.PYRO4 ? pyro4Default : pyro5Default;
    }
}

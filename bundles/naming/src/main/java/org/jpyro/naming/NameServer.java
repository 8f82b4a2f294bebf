package org.jpyro.naming;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jpyro.api.Expose;
import org.jpyro.api.NamingException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;
import org.jpyro.daemon.CurrentCall;
import org.jpyro.naming.impl.GuardedRegex;
import org.jpyro.naming.impl.MemoryStorage;
import org.jpyro.naming.impl.PyArgs;

/**
 * The Pyro name server object, served under {@value #NAMESERVER_NAME} to Pyro4 and Pyro5 clients at once: each
 * remote method answers in the dialect of the caller's protocol version ({@link CurrentCall#protocolVersion()}):
 * Pyro5 gets metadata as sets and has {@code yplookup}, Pyro4 gets lists and filters metadata with
 * {@code list(metadata_all=..., metadata_any=...)}; Java callers (no remote call) get the default version's.
 * <p>
 * The remote methods take Python's parameters positionally or by keyword; their Java overloads only fix the
 * number of positional arguments. Errors are Pyro's: {@code NamingError("unknown name: X")},
 * {@code NamingError("name already registered: X")}, {@code ValueError}/{@code TypeError} for bad arguments.
 * The entry {@value #NAMESERVER_NAME} itself can not be removed.
 * <p>
 * Limits Pyro does not have, so that hostile input gets a clear {@code ValueError} and the name server keeps
 * serving: names of at most {@value #MAX_NAME_CHARS} characters without NUL characters (PostgreSQL text can not
 * hold NUL; refused in every store alike), URIs of at most {@value #MAX_URI_CHARS} characters, at most
 * {@value #MAX_METADATA_TAGS} metadata tags of {@value #MAX_METADATA_CHARS} characters in all, regular
 * expressions of at most 1000 characters and {@value #REGEX_BUDGET_MILLIS} ms of matching per request.
 */
public class NameServer {
    /** The object id and registered name of the name server. */
    public static final String NAMESERVER_NAME = "Pyro.NameServer";
    /** Most metadata tags one entry may carry. */
    public static final int MAX_METADATA_TAGS = 1000;
    /** Most characters all tags of one entry may have together. */
    public static final int MAX_METADATA_CHARS = 64 * 1024;
    /** Longest name that can be registered (characters). */
    public static final int MAX_NAME_CHARS = 1024;
    /** Longest URI text that can be registered (characters). */
    public static final int MAX_URI_CHARS = 4096;
    /** Time one regex filter may take. */
    public static final long REGEX_BUDGET_MILLIS = 1000;

    private static final String P4_CLASS_TAG = "class:Pyro4.naming.NameServer";
    private static final String P5_CLASS_TAG = "class:Pyro5.nameserver.NameServer";
    private static final String[] LOOKUP = {"name", "return_metadata"};
    private static final String[] REGISTER = {"name", "uri", "safe", "metadata"};
    private static final String[] REMOVE = {"name", "prefix", "regex"};
    private static final String[] LIST5 = {"prefix", "regex", "return_metadata"};
    private static final String[] LIST4 = {"prefix", "regex", "metadata_all", "metadata_any", "return_metadata"};
    private static final String[] YPLOOKUP = {"meta_all", "meta_any", "return_metadata"};
    private static final String[] SETMETA = {"name", "metadata"};
    private static final Object R = PyArgs.REQUIRED;

    private final NameServerStorage storage;
    private final ProtocolVersion defaultVersion;
    private final Object lock = new Object();

    /** A name server on the in-memory store answering Java callers like Pyro5. */
    public NameServer() {
        this(new MemoryStorage(), ProtocolVersion.PYRO5);
    }

    /** A name server on that store; {@code defaultVersion} decides the dialect for Java (non-remote) callers. */
    public NameServer(NameServerStorage storage, ProtocolVersion defaultVersion) {
        this.storage = storage;
        this.defaultVersion = defaultVersion;
    }

    /** Registers the name server itself under {@value #NAMESERVER_NAME} (done by {@link NameServers#start}). */
    public void registerSelf(PyroURI uri) {
        storage.put(NAMESERVER_NAME, new Registration(uri.toString(), Set.of(P5_CLASS_TAG)));
    }

    /** The store. */
    public NameServerStorage storage() {
        return storage;
    }

    // ------------------------------------------------------------------ typed Java API

    /** The URI registered under the name; NamingException "unknown name: X" if none. */
    public PyroURI lookupUri(String name) {
        return PyroURI.parse(entry(name).uri());
    }

    /** Registers (or replaces unless {@code safe}) a name. */
    public void register(String name, PyroURI uri, boolean safe, Collection<?> metadata) {
        doRegister(name, uri, safe, metadata);
    }

    /** Removes one name; whether it was removed. */
    public boolean removeName(String name) {
        return doRemove(version(), name, null, null) == 1;
    }

    /**
     * Removes the name only if it is still registered with that URI text (the auto-cleaner's removal: a name
     * registered again meanwhile stays); whether it was removed. {@value #NAMESERVER_NAME} is never removed.
     */
    public boolean removeIfUnchanged(String name, String uri) {
        if (NAMESERVER_NAME.equals(name)) {
            return false;
        }
        synchronized (lock) {
            Registration now = storage.get(name);
            return now != null && now.uri().equals(uri) && storage.remove(name);
        }
    }

    /** All entries, name to URI text. */
    public Map<String, Object> listAll() {
        return filter(version(), null, null, null, null, false);
    }

    // ------------------------------------------------------------------ remote API

    /** {@code ping()}. */
    @Expose
    public void ping() {
    }

    /** {@code count()}. */
    @Expose
    public int count() {
        return storage.size();
    }

    /** {@code lookup(name, return_metadata=False)}. */
    @Expose(name = "lookup")
    public Object lookupRemote(Map<String, Object> kwargs) {
        return lookupRemote(List.of(), kwargs);
    }

    /** {@code lookup(name, return_metadata=False)}. */
    @Expose(name = "lookup")
    public Object lookupRemote(Object p0, Map<String, Object> kwargs) {
        return lookupRemote(args(p0), kwargs);
    }

    /** {@code lookup(name, return_metadata=False)}. */
    @Expose(name = "lookup")
    public Object lookupRemote(Object p0, Object p1, Map<String, Object> kwargs) {
        return lookupRemote(args(p0, p1), kwargs);
    }

    /** {@code register(name, uri, safe=False, metadata=None)}. */
    @Expose(name = "register")
    public void registerRemote(Map<String, Object> kwargs) {
        registerRemote(List.of(), kwargs);
    }

    /** {@code register(name, uri, safe=False, metadata=None)}. */
    @Expose(name = "register")
    public void registerRemote(Object p0, Map<String, Object> kwargs) {
        registerRemote(args(p0), kwargs);
    }

    /** {@code register(name, uri, safe=False, metadata=None)}. */
    @Expose(name = "register")
    public void registerRemote(Object p0, Object p1, Map<String, Object> kwargs) {
        registerRemote(args(p0, p1), kwargs);
    }

    /** {@code register(name, uri, safe=False, metadata=None)}. */
    @Expose(name = "register")
    public void registerRemote(Object p0, Object p1, Object p2, Map<String, Object> kwargs) {
        registerRemote(args(p0, p1, p2), kwargs);
    }

    /** {@code register(name, uri, safe=False, metadata=None)}. */
    @Expose(name = "register")
    public void registerRemote(Object p0, Object p1, Object p2, Object p3, Map<String, Object> kwargs) {
        registerRemote(args(p0, p1, p2, p3), kwargs);
    }

    /** {@code set_metadata(name, metadata)}. */
    @Expose(name = "set_metadata")
    public void updateMetadataRemote(Map<String, Object> kwargs) {
        updateMetadataRemote(List.of(), kwargs);
    }

    /** {@code set_metadata(name, metadata)}. */
    @Expose(name = "set_metadata")
    public void updateMetadataRemote(Object p0, Map<String, Object> kwargs) {
        updateMetadataRemote(args(p0), kwargs);
    }

    /** {@code set_metadata(name, metadata)}. */
    @Expose(name = "set_metadata")
    public void updateMetadataRemote(Object p0, Object p1, Map<String, Object> kwargs) {
        updateMetadataRemote(args(p0, p1), kwargs);
    }

    /** {@code remove(name=None, prefix=None, regex=None)}. */
    @Expose(name = "remove")
    public int removeRemote(Map<String, Object> kwargs) {
        return removeRemote(List.of(), kwargs);
    }

    /** {@code remove(name=None, prefix=None, regex=None)}. */
    @Expose(name = "remove")
    public int removeRemote(Object p0, Map<String, Object> kwargs) {
        return removeRemote(args(p0), kwargs);
    }

    /** {@code remove(name=None, prefix=None, regex=None)}. */
    @Expose(name = "remove")
    public int removeRemote(Object p0, Object p1, Map<String, Object> kwargs) {
        return removeRemote(args(p0, p1), kwargs);
    }

    /** {@code remove(name=None, prefix=None, regex=None)}. */
    @Expose(name = "remove")
    public int removeRemote(Object p0, Object p1, Object p2, Map<String, Object> kwargs) {
        return removeRemote(args(p0, p1, p2), kwargs);
    }

    /** Pyro5 {@code list(prefix, regex, return_metadata)} / Pyro4 {@code list(prefix, regex, metadata_all, metadata_any, return_metadata)}. */
    @Expose(name = "list")
    public Map<String, Object> listRemote(Map<String, Object> kwargs) {
        return listRemote(List.of(), kwargs);
    }

    /** See {@link #listRemote(Map)}. */
    @Expose(name = "list")
    public Map<String, Object> listRemote(Object p0, Map<String, Object> kwargs) {
        return listRemote(args(p0), kwargs);
    }

    /** See {@link #listRemote(Map)}. */
    @Expose(name = "list")
    public Map<String, Object> listRemote(Object p0, Object p1, Map<String, Object> kwargs) {
        return listRemote(args(p0, p1), kwargs);
    }

    /** See {@link #listRemote(Map)}. */
    @Expose(name = "list")
    public Map<String, Object> listRemote(Object p0, Object p1, Object p2, Map<String, Object> kwargs) {
        return listRemote(args(p0, p1, p2), kwargs);
    }

    /** See {@link #listRemote(Map)}. */
    @Expose(name = "list")
    public Map<String, Object> listRemote(Object p0, Object p1, Object p2, Object p3, Map<String, Object> kwargs) {
        return listRemote(args(p0, p1, p2, p3), kwargs);
    }

    /** See {@link #listRemote(Map)}. */
    @Expose(name = "list")
    public Map<String, Object> listRemote(Object p0, Object p1, Object p2, Object p3, Object p4,
            Map<String, Object> kwargs) {
        return listRemote(args(p0, p1, p2, p3, p4), kwargs);
    }

    /** Pyro5 {@code yplookup(meta_all=None, meta_any=None, return_metadata=True)}. */
    @Expose(name = "yplookup")
    public Map<String, Object> yplookupRemote(Map<String, Object> kwargs) {
        return yplookupRemote(List.of(), kwargs);
    }

    /** See {@link #yplookupRemote(Map)}. */
    @Expose(name = "yplookup")
    public Map<String, Object> yplookupRemote(Object p0, Map<String, Object> kwargs) {
        return yplookupRemote(args(p0), kwargs);
    }

    /** See {@link #yplookupRemote(Map)}. */
    @Expose(name = "yplookup")
    public Map<String, Object> yplookupRemote(Object p0, Object p1, Map<String, Object> kwargs) {
        return yplookupRemote(args(p0, p1), kwargs);
    }

    /** See {@link #yplookupRemote(Map)}. */
    @Expose(name = "yplookup")
    public Map<String, Object> yplookupRemote(Object p0, Object p1, Object p2, Map<String, Object> kwargs) {
        return yplookupRemote(args(p0, p1, p2), kwargs);
    }

    // ------------------------------------------------------------------ implementation

    private Object lookupRemote(List<Object> args, Map<String, Object> kwargs) {
        Object[] v = PyArgs.bind("lookup", LOOKUP, new Object[] {R, false}, args, kwargs);
        String name = requireName(v[0]);
        Registration entry = entry(name);
        PyroURI uri = PyroURI.parse(entry.uri());
        if (PyArgs.truthy(v[1])) {
            ProtocolVersion version = version();
            return Tuple.of(uri, metadataOut(version, name, entry));
        }
        return uri;
    }

    private void registerRemote(List<Object> args, Map<String, Object> kwargs) {
        Object[] v = PyArgs.bind("register", REGISTER, new Object[] {R, R, false, null}, args, kwargs);
        doRegister(v[0], v[1], PyArgs.truthy(v[2]), v[3]);
    }

    private void doRegister(Object name, Object uri, boolean safe, Object metadata) {
        String uriText;
        if (uri instanceof PyroURI u) {
            uriText = u.toString();
        } else if (uri instanceof String s) {
            if (s.length() > MAX_URI_CHARS) {
                throw new IllegalArgumentException("uri too long (max " + MAX_URI_CHARS + " characters)");
            }
            PyroURI.parse(s);
            uriText = s;
        } else {
            throw PyArgs.typeError("only URIs or strings can be registered");
        }
        if (!(name instanceof String n)) {
            throw PyArgs.typeError("name must be a str");
        }
        checkName(n);
        if (uriText.length() > MAX_URI_CHARS) {
            throw new IllegalArgumentException("uri too long (max " + MAX_URI_CHARS + " characters)");
        }
        Set<Object> tags = metadataIn(metadata, "metadata");
        Registration registration = new Registration(uriText, tags);
        synchronized (lock) {
            if (safe) {
                if (!storage.putIfAbsent(n, registration)) {
                    throw new NamingException("name already registered: " + n);
                }
            } else {
                storage.put(n, registration);
            }
        }
    }

    private void updateMetadataRemote(List<Object> args, Map<String, Object> kwargs) {
        Object[] v = PyArgs.bind("set_metadata", SETMETA, new Object[] {R, R}, args, kwargs);
        if (!(v[0] instanceof String name)) {
            throw PyArgs.typeError("name must be a str");
        }
        Set<Object> tags = metadataIn(v[1], "metadata");
        synchronized (lock) {
            if (storage.updateMetadata(name, tags) == null) {
                throw new NamingException("unknown name: " + name);
            }
        }
    }

    private int removeRemote(List<Object> args, Map<String, Object> kwargs) {
        Object[] v = PyArgs.bind("remove", REMOVE, new Object[] {null, null, null}, args, kwargs);
        return doRemove(version(), v[0], v[1], v[2]);
    }

    private int doRemove(ProtocolVersion version, Object name, Object prefix, Object regex) {
        synchronized (lock) {
            if (PyArgs.truthy(name) && !NAMESERVER_NAME.equals(name)) {
                if (!(name instanceof String n)) {
                    throw PyArgs.typeError("name must be a str");
                }
                if (storage.remove(n)) {
                    return 1;
                }
                if (version == ProtocolVersion.PYRO5) {
                    return 0;
                }
            }
            if (PyArgs.truthy(prefix) || PyArgs.truthy(regex)) {
                Map<String, Object> found = PyArgs.truthy(prefix)
                        ? filter(version, prefix, null, null, null, false)
                        : filter(version, null, regex, null, null, false);
                List<String> names = new ArrayList<>(found.keySet());
                names.remove(NAMESERVER_NAME);
                storage.removeAll(names);
                return names.size();
            }
            return 0;
        }
    }

    private Map<String, Object> listRemote(List<Object> args, Map<String, Object> kwargs) {
        ProtocolVersion version = version();
        if (version == ProtocolVersion.PYRO4) {
            Object[] v = PyArgs.bind("list", LIST4, new Object[] {null, null, null, null, false}, args, kwargs);
            int filters = 0;
            for (int i = 0; i < 4; i++) {
                filters += v[i] != null ? 1 : 0;
            }
            if (filters > 1) {
                throw new IllegalArgumentException("you can only filter on one thing at a time");
            }
            return filter(version, v[0], v[1], v[2], v[3], PyArgs.truthy(v[4]));
        }
        Object[] v = PyArgs.bind("list", LIST5, new Object[] {null, null, false}, args, kwargs);
        if (PyArgs.truthy(v[0]) && PyArgs.truthy(v[1])) {
            throw new IllegalArgumentException("you can only filter on one thing at a time");
        }
        return filter(version, v[0], v[1], null, null, PyArgs.truthy(v[2]));
    }

    private Map<String, Object> yplookupRemote(List<Object> args, Map<String, Object> kwargs) {
        Object[] v = PyArgs.bind("yplookup", YPLOOKUP, new Object[] {null, null, true}, args, kwargs);
        if (PyArgs.truthy(v[0]) && PyArgs.truthy(v[1])) {
            throw new IllegalArgumentException("you can't use meta_all or meta_any at the same time");
        }
        if (!PyArgs.truthy(v[0]) && !PyArgs.truthy(v[1])) {
            return new LinkedHashMap<>();
        }
        return filter(version(), null, null, v[0], v[1], PyArgs.truthy(v[2]));
    }

    /** The shared filter of list/yplookup/remove: at most one of the filters is truthy-checked in Pyro's order. */
    private Map<String, Object> filter(ProtocolVersion version, Object prefix, Object regex, Object metaAll,
            Object metaAny, boolean returnMetadata) {
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Registration> all = storage.everything();
        if (PyArgs.truthy(prefix)) {
            String p = requireString(prefix, "prefix");
            all.forEach((name, reg) -> {
                if (name.startsWith(p)) {
                    result.put(name, out(version, name, reg, returnMetadata));
                }
            });
        } else if (PyArgs.truthy(regex)) {
            GuardedRegex.Session matcher = GuardedRegex.compile(requireString(regex, "regex"), REGEX_BUDGET_MILLIS)
                    .session();
            all.forEach((name, reg) -> {
                if (matcher.matches(name)) {
                    result.put(name, out(version, name, reg, returnMetadata));
                }
            });
        } else if (PyArgs.truthy(metaAll)) {
            Set<Object> wanted = metadataFilter(metaAll, "metadata_all");
            all.forEach((name, reg) -> {
                if (tags(version, name, reg).containsAll(wanted)) {
                    result.put(name, out(version, name, reg, returnMetadata));
                }
            });
        } else if (PyArgs.truthy(metaAny)) {
            Set<Object> wanted = metadataFilter(metaAny, "metadata_any");
            all.forEach((name, reg) -> {
                Set<Object> tags = tags(version, name, reg);
                for (Object w : wanted) {
                    if (tags.contains(w)) {
                        result.put(name, out(version, name, reg, returnMetadata));
                        break;
                    }
                }
            });
        } else {
            all.forEach((name, reg) -> result.put(name, out(version, name, reg, returnMetadata)));
        }
        return result;
    }

    private Object out(ProtocolVersion version, String name, Registration reg, boolean returnMetadata) {
        return returnMetadata ? Tuple.of(reg.uri(), metadataOut(version, name, reg)) : reg.uri();
    }

    /** The tags as the caller's version shows them: Pyro4 lists, Pyro5 sets. */
    private Object metadataOut(ProtocolVersion version, String name, Registration reg) {
        Set<Object> tags = tags(version, name, reg);
        return version == ProtocolVersion.PYRO4 ? new ArrayList<>(tags) : new LinkedHashSet<>(tags);
    }

    /** The entry's tags, with the name server's own class tag in the caller's version. */
    private static Set<Object> tags(ProtocolVersion version, String name, Registration reg) {
        if (version == ProtocolVersion.PYRO4 && NAMESERVER_NAME.equals(name) && reg.metadata().contains(P5_CLASS_TAG)) {
            Set<Object> swapped = new LinkedHashSet<>(reg.metadata());
            swapped.remove(P5_CLASS_TAG);
            swapped.add(P4_CLASS_TAG);
            return swapped;
        }
        return reg.metadata();
    }

    private Registration entry(String name) {
        // names that can never be registered are not worth a store round trip (nor a database error)
        Registration r = name.length() > MAX_NAME_CHARS || name.indexOf('\0') >= 0 ? null : storage.get(name);
        if (r == null) {
            throw new NamingException("unknown name: " + name);
        }
        return r;
    }

    private ProtocolVersion version() {
        ProtocolVersion v = CurrentCall.protocolVersion();
        return v == null ? defaultVersion : v;
    }

    private static Set<Object> metadataIn(Object metadata, String what) {
        if (!PyArgs.truthy(metadata)) {
            if (metadata instanceof String || metadata == null || metadata instanceof Collection
                    || metadata instanceof Object[] || metadata instanceof Map) {
                return Set.of();
            }
            throw PyArgs.typeError("'" + metadata.getClass().getSimpleName() + "' object is not iterable");
        }
        Set<Object> tags = metadataFilter(metadata, what);
        if (tags.size() > MAX_METADATA_TAGS) {
            throw new IllegalArgumentException("too many metadata tags (max " + MAX_METADATA_TAGS + ")");
        }
        long chars = 0;
        for (Object t : tags) {
            chars += String.valueOf(t).length();
        }
        if (chars > MAX_METADATA_CHARS) {
            throw new IllegalArgumentException("metadata too large (max " + MAX_METADATA_CHARS + " characters)");
        }
        return tags;
    }

    private static Set<Object> metadataFilter(Object metadata, String what) {
        if (metadata instanceof String) {
            throw PyArgs.typeError(what + " should not be a str, but another iterable (set, list, etc)");
        }
        if (metadata instanceof Collection<?> c) {
            return new LinkedHashSet<>(c);
        }
        if (metadata instanceof Object[] a) {
            return new LinkedHashSet<>(List.of(a));
        }
        if (metadata instanceof Map<?, ?> m) {
            return new LinkedHashSet<>(m.keySet());
        }
        throw PyArgs.typeError("'" + metadata.getClass().getSimpleName() + "' object is not iterable");
    }

    private static void checkName(String name) {
        if (name.length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException("name too long (max " + MAX_NAME_CHARS + " characters)");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("name must not contain NUL characters");
        }
    }

    private static String requireName(Object name) {
        if (!(name instanceof String s)) {
            throw PyArgs.typeError("name must be a str");
        }
        return s;
    }

    private static String requireString(Object v, String what) {
        if (!(v instanceof String s)) {
            throw PyArgs.typeError(what + " must be a str");
        }
        return s;
    }

    private static List<Object> args(Object... values) {
        return java.util.Arrays.asList(values);
    }
}

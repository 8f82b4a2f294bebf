package org.jpyro.serializer.pickle.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.Pickler;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.HasProxyState;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroURI;
import org.jpyro.api.SerializeException;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.ExceptionWrapper;
import org.jpyro.api.serializer.PythonExceptions;
import org.jpyro.api.serializer.PythonValues;

/**
 * Writes pickle protocol 2 (what Python 2 and 3 both read) for jpyro's value model: a subclass of the pickle
 * library's {@link Pickler} whose {@link #save} writes every value itself, without the library's static custom
 * pickler registry, memo or JavaBean reflection. Python receives real objects: {@code bytes} (as Python itself
 * writes them at protocol 2, {@code _codecs.encode(text, 'latin1')}), sets, {@code complex}, {@code datetime}
 * values, {@code Decimal}, {@code UUID}, and Pyro4's {@code URI}, {@code Proxy}, {@code _ExceptionWrapper} and
 * exceptions built with the state their {@code __setstate__} takes. Values outside the value model go through
 * {@link PythonValues#normalize}. Containers nest at most {@link PickleReader#MAX_DEPTH} levels.
 * One instance writes one pickle: not thread-safe, cheap to create.
 */
public final class PickleWriter extends Pickler {
    private static final int BATCH = 1000;
    private static final byte[] LATIN1 = "latin1".getBytes(StandardCharsets.US_ASCII);

    private final Buffer buf = new Buffer();
    private int depth;

    /** A writer for one pickle. */
    public PickleWriter() {
        super(false);
    }

    /** The pickle of a value. */
    public static byte[] write(Object value) {
        PickleWriter w = new PickleWriter();
        try {
            w.dump(value, w.buf);
        } catch (IOException e) {
            throw new SerializeException("cannot pickle: " + e, e);
        }
        return w.buf.toByteArray();
    }

    /** The pickle of a call: the 4-tuple {@code (objectId, method, vargs, kwargs)}. */
    public static byte[] writeCall(Call call) {
        PickleWriter w = new PickleWriter();
        w.buf.write(Opcodes.PROTO);
        w.buf.write(2);
        w.buf.write(Opcodes.MARK);
        w.saveValue(call.objectId());
        w.saveValue(call.method());
        List<Object> args = call.args();
        if (args instanceof java.util.ArrayList) {
            w.saveValue(args);
        } else {
            w.tuple(args);
        }
        w.saveValue(call.kwargs());
        w.buf.write(Opcodes.TUPLE);
        w.buf.write(Opcodes.STOP);
        return w.buf.toByteArray();
    }

    @Override
    public void save(Object o) {
        saveValue(o);
    }

    private void saveValue(Object o) {
        if (o == null) {
            buf.write(Opcodes.NONE);
        } else if (o instanceof String) {
            string((String) o);
        } else if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            integer(((Number) o).longValue());
        } else if (o instanceof Boolean) {
            buf.write((Boolean) o ? Opcodes.NEWTRUE : Opcodes.NEWFALSE);
        } else if (o instanceof Double || o instanceof Float) {
            floating(((Number) o).doubleValue());
        } else if (o instanceof BigInteger) {
            bigInteger((BigInteger) o);
        } else if (o instanceof byte[]) {
            bytes((byte[]) o);
        } else {
            enter();
            try {
                container(o);
            } finally {
                depth--;
            }
        }
    }

    private void enter() {
        if (++depth > PickleReader.MAX_DEPTH) {
            throw new SerializeException("value nested deeper than " + PickleReader.MAX_DEPTH
                    + " levels (or recursive)");
        }
    }

    private void container(Object o) {
        if (o instanceof Tuple) {
            tuple((Tuple) o);
        } else if (o instanceof Map) {
            dict((Map<?, ?>) o);
        } else if (o instanceof Set) {
            set((Set<?>) o);
        } else if (o instanceof Collection) {
            list((Collection<?>) o);
        } else if (o instanceof Object[]) {
            tuple(Arrays.asList((Object[]) o));
        } else if (o instanceof char[]) {
            string(new String((char[]) o));
        } else if (o.getClass().isArray()) {
            primitiveArray(o);
        } else if (o instanceof ComplexNumber) {
            ComplexNumber c = (ComplexNumber) o;
            global("__builtin__", "complex");
            floating(c.real());
            floating(c.imaginary());
            buf.write(Opcodes.TUPLE2);
            buf.write(Opcodes.REDUCE);
        } else if (o instanceof BigDecimal) {
            callWithString("decimal", "Decimal", o.toString());
        } else if (o instanceof UUID) {
            callWithString("uuid", "UUID", o.toString());
        } else if (o instanceof PyroURI) {
            uri((PyroURI) o);
        } else if (o instanceof HasProxyState) {
            proxy(((HasProxyState) o).proxyState());
        } else if (o instanceof ProxyState) {
            proxy((ProxyState) o);
        } else if (o instanceof ExceptionWrapper) {
            global("Pyro4.futures", "_ExceptionWrapper");
            buf.write(Opcodes.EMPTY_TUPLE);
            buf.write(Opcodes.NEWOBJ);
            buf.write(Opcodes.EMPTY_DICT);
            string("exception");
            saveValue(((ExceptionWrapper) o).exception());
            buf.write(Opcodes.SETITEM);
            buf.write(Opcodes.BUILD);
        } else if (o instanceof Throwable) {
            exception((Throwable) o);
        } else if (!time(o)) {
            Object normalized = PythonValues.normalize(o, ProtocolVersion.PYRO4);
            if (normalized == o) {
                throw new SerializeException("pickle cannot serialize a value of type " + o.getClass().getName());
            }
            saveValue(normalized);
        }
    }

    // ------------------------------------------------------------------ scalars

    private void integer(long v) {
        if (v >= 0 && v <= 0xff) {
            buf.write(Opcodes.BININT1);
            buf.write((int) v);
        } else if (v >= 0 && v <= 0xffff) {
            buf.write(Opcodes.BININT2);
            buf.write((int) v & 0xff);
            buf.write((int) (v >> 8) & 0xff);
        } else if (v == (int) v) {
            buf.write(Opcodes.BININT);
            buf.int32((int) v);
        } else {
            bigInteger(BigInteger.valueOf(v));
        }
    }

    private void bigInteger(BigInteger v) {
        if (v.bitLength() < 32) {
            integer(v.intValue());
            return;
        }
        byte[] be = v.toByteArray();
        int n = be.length;
        if (n <= 0xff) {
            buf.write(Opcodes.LONG1);
            buf.write(n);
        } else {
            buf.write(Opcodes.LONG4);
            buf.int32(n);
        }
        for (int i = n - 1; i >= 0; i--) {
            buf.write(be[i]);
        }
    }

    private void floating(double d) {
        buf.write(Opcodes.BINFLOAT);
        long bits = Double.doubleToLongBits(d);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf.write((int) (bits >>> shift) & 0xff);
        }
    }

    private void string(String s) {
        buf.write(Opcodes.BINUNICODE);
        int lengthAt = buf.size;
        buf.int32(0);
        int start = buf.size;
        buf.utf8SurrogatePass(s);
        buf.patchInt32(lengthAt, buf.size - start);
    }

    private void bytes(byte[] b) {
        if (b.length == 0) {
            global("__builtin__", "bytes");
            buf.write(Opcodes.EMPTY_TUPLE);
            buf.write(Opcodes.REDUCE);
            return;
        }
        // protocol 2 has no bytes opcode: Python itself writes _codecs.encode(latin-1 text, 'latin1')
        global("_codecs", "encode");
        buf.write(Opcodes.BINUNICODE);
        int lengthAt = buf.size;
        buf.int32(0);
        int start = buf.size;
        for (byte x : b) {
            int c = x & 0xff;
            if (c < 0x80) {
                buf.write(c);
            } else {
                buf.write(0xc0 | (c >> 6));
                buf.write(0x80 | (c & 0x3f));
            }
        }
        buf.patchInt32(lengthAt, buf.size - start);
        buf.write(Opcodes.BINUNICODE);
        buf.int32(LATIN1.length);
        buf.write(LATIN1, 0, LATIN1.length);
        buf.write(Opcodes.TUPLE2);
        buf.write(Opcodes.REDUCE);
    }

    // ------------------------------------------------------------------ containers

    private void tuple(List<?> items) {
        switch (items.size()) {
            case 0:
                buf.write(Opcodes.EMPTY_TUPLE);
                return;
            case 1:
                saveValue(items.get(0));
                buf.write(Opcodes.TUPLE1);
                return;
            case 2:
                saveValue(items.get(0));
                saveValue(items.get(1));
                buf.write(Opcodes.TUPLE2);
                return;
            case 3:
                saveValue(items.get(0));
                saveValue(items.get(1));
                saveValue(items.get(2));
                buf.write(Opcodes.TUPLE3);
                return;
            default:
                buf.write(Opcodes.MARK);
                for (Object item : items) {
                    saveValue(item);
                }
                buf.write(Opcodes.TUPLE);
        }
    }

    private void list(Collection<?> items) {
        buf.write(Opcodes.EMPTY_LIST);
        appendItems(items);
    }

    private void appendItems(Collection<?> items) {
        Iterator<?> it = items.iterator();
        while (it.hasNext()) {
            buf.write(Opcodes.MARK);
            for (int n = 0; n < BATCH && it.hasNext(); n++) {
                saveValue(it.next());
            }
            buf.write(Opcodes.APPENDS);
        }
    }

    private void set(Set<?> items) {
        global("__builtin__", "set");
        buf.write(Opcodes.EMPTY_LIST);
        appendItems(items);
        buf.write(Opcodes.TUPLE1);
        buf.write(Opcodes.REDUCE);
    }

    private void dict(Map<?, ?> map) {
        buf.write(Opcodes.EMPTY_DICT);
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            buf.write(Opcodes.MARK);
            for (int n = 0; n < BATCH && it.hasNext(); n++) {
                Map.Entry<?, ?> e = it.next();
                saveValue(e.getKey());
                saveValue(e.getValue());
            }
            buf.write(Opcodes.SETITEMS);
        }
    }

    private void primitiveArray(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        buf.write(Opcodes.MARK);
        for (int i = 0; i < n; i++) {
            saveValue(java.lang.reflect.Array.get(array, i));
        }
        buf.write(Opcodes.TUPLE);
    }

    // ------------------------------------------------------------------ objects

    private void global(String module, String name) {
        buf.write(Opcodes.GLOBAL);
        buf.ascii(module);
        buf.write('\n');
        buf.ascii(name);
        buf.write('\n');
    }

    private void callWithString(String module, String name, String arg) {
        global(module, name);
        string(arg);
        buf.write(Opcodes.TUPLE1);
        buf.write(Opcodes.REDUCE);
    }

    private void uri(PyroURI u) {
        global("Pyro4.core", "URI");
        buf.write(Opcodes.EMPTY_TUPLE);
        buf.write(Opcodes.NEWOBJ);
        buf.write(Opcodes.MARK);
        string(u.protocol());
        string(u.object());
        saveValue(u.sockname());
        saveValue(u.host());
        if (u.port() == 0) {
            buf.write(Opcodes.NONE);
        } else {
            integer(u.port());
        }
        buf.write(Opcodes.TUPLE);
        buf.write(Opcodes.BUILD);
    }

    private void proxy(ProxyState p) {
        // Pyro4 Proxy.__setstate__: (URI, oneway set, methods set, attrs set, timeout, hmac key bytes,
        // handshake, max retries, serializer)
        global("Pyro4.core", "Proxy");
        buf.write(Opcodes.EMPTY_TUPLE);
        buf.write(Opcodes.NEWOBJ);
        buf.write(Opcodes.MARK);
        uri(p.uri());
        set(p.oneway());
        set(p.methods());
        set(p.attrs());
        floating(p.timeout());
        saveValue(p.hmacKey());
        saveValue(p.handshake());
        integer(p.maxRetries());
        saveValue(p.serializer());
        buf.write(Opcodes.TUPLE);
        buf.write(Opcodes.BUILD);
    }

    private void exception(Throwable t) {
        String type = PythonExceptions.pythonType(t, ProtocolVersion.PYRO4);
        int dot = type.lastIndexOf('.');
        String module = dot < 0 ? "builtins" : type.substring(0, dot);
        String name = type.substring(dot + 1);
        if (!identifier(module, true) || !identifier(name, false)) {
            throw new SerializeException("not a valid Python exception class name: " + type);
        }
        global(module.equals("builtins") ? "__builtin__" : module, name);
        tuple(PythonExceptions.args(t));
        buf.write(Opcodes.REDUCE);
        // BaseException.__setstate__ sets the instance attributes, Pyro's remote traceback among them
        buf.write(Opcodes.EMPTY_DICT);
        buf.write(Opcodes.MARK);
        if (t instanceof PyroRemoteException) {
            for (Map.Entry<String, Object> e : ((PyroRemoteException) t).attributes().entrySet()) {
                if (!e.getKey().equals("_pyroTraceback")) {
                    saveValue(e.getKey());
                    saveValue(e.getValue());
                }
            }
        }
        string("_pyroTraceback");
        list(PythonExceptions.traceback(t));
        buf.write(Opcodes.SETITEMS);
        buf.write(Opcodes.BUILD);
    }

    /** Whether a class or module name can go into a GLOBAL opcode line safely. */
    private static boolean identifier(String s, boolean dotted) {
        if (s.isEmpty() || s.length() > 200) {
            return false;
        }
        boolean start = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (dotted && c == '.' && !start) {
                start = true;
                continue;
            }
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
            if (!letter && !(c >= '0' && c <= '9' && !start)) {
                return false;
            }
            start = false;
        }
        return !start;
    }

    /** java.time values as Python's datetime types; false if the value is none of them. */
    private boolean time(Object o) {
        if (o instanceof LocalDateTime) {
            datetime((LocalDateTime) o, null);
        } else if (o instanceof OffsetDateTime) {
            datetime(((OffsetDateTime) o).toLocalDateTime(), ((OffsetDateTime) o).getOffset());
        } else if (o instanceof ZonedDateTime) {
            datetime(((ZonedDateTime) o).toLocalDateTime(), ((ZonedDateTime) o).getOffset());
        } else if (o instanceof Instant) {
            datetime(LocalDateTime.ofInstant((Instant) o, ZoneOffset.UTC), ZoneOffset.UTC);
        } else if (o instanceof LocalDate) {
            LocalDate d = (LocalDate) o;
            checkYear(d.getYear());
            global("datetime", "date");
            integer(d.getYear());
            integer(d.getMonthValue());
            integer(d.getDayOfMonth());
            buf.write(Opcodes.TUPLE3);
            buf.write(Opcodes.REDUCE);
        } else if (o instanceof LocalTime) {
            time((LocalTime) o, null);
        } else if (o instanceof OffsetTime) {
            time(((OffsetTime) o).toLocalTime(), ((OffsetTime) o).getOffset());
        } else if (o instanceof Duration) {
            Duration d = (Duration) o;
            long days = Math.floorDiv(d.getSeconds(), 86_400L);
            if (Math.abs(days) > 999_999_999L) {
                throw new SerializeException("duration out of Python's timedelta range: " + d);
            }
            global("datetime", "timedelta");
            integer(days);
            integer(Math.floorMod(d.getSeconds(), 86_400L));
            integer(d.getNano() / 1000);
            buf.write(Opcodes.TUPLE3);
            buf.write(Opcodes.REDUCE);
        } else {
            return false;
        }
        return true;
    }

    private void datetime(LocalDateTime t, ZoneOffset zone) {
        checkYear(t.getYear());
        global("datetime", "datetime");
        buf.write(Opcodes.MARK);
        integer(t.getYear());
        integer(t.getMonthValue());
        integer(t.getDayOfMonth());
        integer(t.getHour());
        integer(t.getMinute());
        integer(t.getSecond());
        integer(t.getNano() / 1000);
        if (zone != null) {
            timezone(zone);
        }
        buf.write(Opcodes.TUPLE);
        buf.write(Opcodes.REDUCE);
    }

    private void time(LocalTime t, ZoneOffset zone) {
        global("datetime", "time");
        buf.write(Opcodes.MARK);
        integer(t.getHour());
        integer(t.getMinute());
        integer(t.getSecond());
        integer(t.getNano() / 1000);
        if (zone != null) {
            timezone(zone);
        }
        buf.write(Opcodes.TUPLE);
        buf.write(Opcodes.REDUCE);
    }

    private void timezone(ZoneOffset zone) {
        global("datetime", "timezone");
        global("datetime", "timedelta");
        int seconds = zone.getTotalSeconds();
        integer(Math.floorDiv(seconds, 86_400));
        integer(Math.floorMod(seconds, 86_400));
        integer(0);
        buf.write(Opcodes.TUPLE3);
        buf.write(Opcodes.REDUCE);
        buf.write(Opcodes.TUPLE1);
        buf.write(Opcodes.REDUCE);
    }

    private static void checkYear(int year) {
        if (year < 1 || year > 9999) {
            throw new SerializeException("year " + year + " is out of Python's datetime range 1..9999");
        }
    }

    /** An unsynchronized growable byte buffer. */
    private static final class Buffer extends OutputStream {
        private byte[] bytes = new byte[256];
        private int size;

        private void ensure(int extra) {
            if (size + extra > bytes.length) {
                long wanted = Math.max((long) bytes.length * 2, (long) size + extra);
                if (wanted > Integer.MAX_VALUE - 16) {
                    throw new SerializeException("pickle too large");
                }
                bytes = Arrays.copyOf(bytes, (int) wanted);
            }
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        void int32(int v) {
            ensure(4);
            bytes[size++] = (byte) v;
            bytes[size++] = (byte) (v >> 8);
            bytes[size++] = (byte) (v >> 16);
            bytes[size++] = (byte) (v >> 24);
        }

        void patchInt32(int at, int v) {
            bytes[at] = (byte) v;
            bytes[at + 1] = (byte) (v >> 8);
            bytes[at + 2] = (byte) (v >> 16);
            bytes[at + 3] = (byte) (v >> 24);
        }

        void ascii(String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                bytes[size++] = (byte) s.charAt(i);
            }
        }

        /** UTF-8 as Python's pickle writes str: lone surrogates encoded as themselves ('surrogatepass'). */
        void utf8SurrogatePass(String s) {
            int n = s.length();
            ensure(n);
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                bytes[size++] = (byte) c;
                i++;
            }
            for (; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    write(c);
                } else if (c < 0x800) {
                    ensure(2);
                    bytes[size++] = (byte) (0xc0 | (c >> 6));
                    bytes[size++] = (byte) (0x80 | (c & 0x3f));
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    ensure(4);
                    bytes[size++] = (byte) (0xf0 | (cp >> 18));
                    bytes[size++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    bytes[size++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    bytes[size++] = (byte) (0x80 | (cp & 0x3f));
                } else {
                    ensure(3);
                    bytes[size++] = (byte) (0xe0 | (c >> 12));
                    bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                    bytes[size++] = (byte) (0x80 | (c & 0x3f));
                }
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}

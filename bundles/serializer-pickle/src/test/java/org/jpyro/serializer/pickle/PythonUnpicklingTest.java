package org.jpyro.serializer.pickle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.ComplexNumber;
import org.jpyro.api.DaemonException;
import org.jpyro.api.ProtocolVersion;
import org.jpyro.api.ProxyState;
import org.jpyro.api.PyroRemoteException;
import org.jpyro.api.PyroURI;
import org.jpyro.api.Tuple;
import org.jpyro.api.serializer.Call;
import org.jpyro.api.serializer.ExceptionWrapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What jpyro writes is what Python builds: each pickle is loaded by the real {@code pickle.loads} of Debian's
 * Python with Pyro4 4.82, and a Python expression checks the object it made (real {@code Pyro4.core.URI},
 * {@code Proxy}, exceptions with {@code _pyroTraceback}, datetime values...). Skipped when that Python or Pyro4
 * is missing, unless the environment variable CI is "true".
 */
class PythonUnpicklingTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final ProtocolVersion P4 = ProtocolVersion.PYRO4;
    private static final PickleSerializer SER = new PickleSerializer();

    @Test
    @Timeout(60)
    void pythonUnpicklesRealObjects() throws Exception {
        Map<String, String> checks = new LinkedHashMap<>();
        Map<String, byte[]> pickles = new LinkedHashMap<>();
        add(pickles, checks, "ints", List.of(0, 255, 256, 65536, -1, Long.MIN_VALUE, new BigInteger("1" + "0".repeat(40))),
                "v == [0, 255, 256, 65536, -1, -2**63, 10**40]");
        add(pickles, checks, "str", "h\u00e9llo \u20ac \uD83D\uDE00 \u0000", "v == 'h\\xe9llo \\u20ac \\U0001f600 \\x00'");
        add(pickles, checks, "bytes", new byte[] {0, (byte) 0xff, 'a'}, "type(v) is bytes and v == b'\\x00\\xffa'");
        add(pickles, checks, "empty bytes", new byte[0], "type(v) is bytes and v == b''");
        add(pickles, checks, "containers", Tuple.of(new ArrayList<>(List.of(1)), Set.of("s"), Map.of(1, 2.5)),
                "v == ([1], {'s'}, {1: 2.5}) and type(v[1]) is set");
        add(pickles, checks, "floats", List.of(Double.NaN, Double.NEGATIVE_INFINITY, -0.0),
                "math.isnan(v[0]) and v[1] == -math.inf and math.copysign(1, v[2]) < 0");
        add(pickles, checks, "complex", new ComplexNumber(1.5, -2), "v == complex(1.5, -2)");
        add(pickles, checks, "decimal", new BigDecimal("12345.678901234567890123456789"),
                "v == decimal.Decimal('12345.678901234567890123456789')");
        add(pickles, checks, "uuid", UUID.fromString("12345678-1234-5678-1234-567812345678"),
                "v == uuid.UUID('12345678-1234-5678-1234-567812345678')");
        add(pickles, checks, "datetime", LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000),
                "v == datetime.datetime(2024, 1, 2, 3, 4, 5, 600000)");
        add(pickles, checks, "aware datetime", OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(-2)),
                "v == datetime.datetime(2024, 1, 2, 5, 4, 5, tzinfo=datetime.timezone.utc) and v.utcoffset() == datetime.timedelta(hours=-2)");
        add(pickles, checks, "date", LocalDate.of(2024, 1, 2), "v == datetime.date(2024, 1, 2)");
        add(pickles, checks, "time", LocalTime.of(3, 4, 5, 6000), "v == datetime.time(3, 4, 5, 6)");
        add(pickles, checks, "timedelta", Duration.ofDays(-1).plusSeconds(2).plusNanos(3000),
                "v == datetime.timedelta(days=-1, seconds=2, microseconds=3)");
        add(pickles, checks, "uri", PyroURI.parse("PYRO:obj@127.0.0.1:9999"),
                "type(v) is Pyro4.core.URI and str(v) == 'PYRO:obj@127.0.0.1:9999' and v.port == 9999");
        add(pickles, checks, "pyroname uri", PyroURI.parse("PYRONAME:my.name"),
                "type(v) is Pyro4.core.URI and str(v) == 'PYRONAME:my.name'");
        add(pickles, checks, "proxy", new ProxyState(PyroURI.parse("PYRO:obj@127.0.0.1:9999"), Set.of("o"),
                        Set.of("m", "o"), Set.of("a"), "hello", null, 0.0, null, 0),
                "type(v) is Pyro4.core.Proxy and str(v._pyroUri) == 'PYRO:obj@127.0.0.1:9999' and "
                        + "v._pyroMethods == {'m', 'o'} and v._pyroOneway == {'o'} and v._pyroAttrs == {'a'} "
                        + "and v._pyroHandshake == 'hello' and v._pyroConnection is None");
        PyroRemoteException remote = new PyroRemoteException("builtins.ValueError", List.of("bad value", 42),
                Map.of("extra", "x"));
        remote.withRemoteTraceback(List.of("Traceback (most recent call last):\n", "ValueError: bad\n"));
        add(pickles, checks, "exception", remote,
                "type(v) is ValueError and v.args == ('bad value', 42) and v.extra == 'x' and "
                        + "v._pyroTraceback == ['Traceback (most recent call last):\\n', 'ValueError: bad\\n']");
        add(pickles, checks, "pyro error", new DaemonException("unknown object"),
                "type(v) is Pyro4.errors.DaemonError and v.args == ('unknown object',) and "
                        + "isinstance(v._pyroTraceback, list)");
        add(pickles, checks, "java exception", new IllegalStateException("state"),
                "type(v) is RuntimeError and v.args == ('state',) and 'IllegalStateException' in v._pyroTraceback[-1]");
        add(pickles, checks, "exception wrapper", new ExceptionWrapper(new UnsupportedOperationException()),
                "type(v) is Pyro4.futures._ExceptionWrapper and type(v.exception) is NotImplementedError");
        pickles.put("call", SER.serializeCall(new Call("obj", "m", List.of(1, "a"), Map.of("k", 2)), P4));
        checks.put("call", "v == ('obj', 'm', (1, 'a'), {'k': 2})");
        pickles.put("batch call", SER.serializeCall(new Call("obj", "<batch>",
                new ArrayList<>(List.of(Tuple.of("m", Tuple.of(), Map.of()))), null), P4));
        checks.put("batch call", "v == ('obj', '<batch>', [('m', (), {})], None)");

        StringBuilder script = new StringBuilder("import pickle, math, decimal, uuid, datetime, sys\n"
                + "import Pyro4, Pyro4.core, Pyro4.errors, Pyro4.futures\n"
                + "cases = [\n");
        for (Map.Entry<String, String> c : checks.entrySet()) {
            script.append("  (").append(pyString(c.getKey())).append(", '")
                    .append(HexFormat.of().formatHex(pickles.get(c.getKey()))).append("', lambda v: ")
                    .append(c.getValue()).append("),\n");
        }
        script.append("]\nfor name, h, check in cases:\n"
                + "    try:\n"
                + "        data = bytes.fromhex(h)\n"
                + "        assert data[:2] == b'\\x80\\x02', 'not protocol 2'\n"
                + "        v = pickle.loads(data)\n"
                + "        print(('OK ' if check(v) else 'FAIL ') + name + ' ' + repr(v)[:300])\n"
                + "    except Exception as e:\n"
                + "        print('FAIL ' + name + ' raised ' + repr(e))\n");
        List<String> lines = runPython(script.toString());
        List<String> failures = new ArrayList<>();
        int ok = 0;
        for (String line : lines) {
            if (line.startsWith("OK ")) {
                ok++;
            } else {
                failures.add(line);
            }
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
        assertEquals(checks.size(), ok, String.join("\n", lines));
    }

    private static void add(Map<String, byte[]> pickles, Map<String, String> checks, String name, Object value,
                            String check) {
        pickles.put(name, SER.serializeData(value, P4));
        checks.put(name, check);
    }

    private static String pyString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static List<String> runPython(String script) throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON)) || !pyro4Available()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(PYTHON + " with Pyro4 is required when CI=true");
            }
            Assumptions.abort(PYTHON + " with Pyro4 is not available");
        }
        Path file = Files.createTempFile("jpyro-pickle-check", ".py");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(PYTHON, file.toString()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("python did not finish");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), text);
            return text.lines().toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static boolean pyro4Available() throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-c", "import Pyro4").redirectErrorStream(true).start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}

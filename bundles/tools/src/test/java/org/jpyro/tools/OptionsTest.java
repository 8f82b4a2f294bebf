package org.jpyro.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OptionsTest {
    private static Options options() {
        return new Options("test").value("H", "host", "h").value("p", "port", "p").flag("v", "verbose", "v")
                .flag("q", "quiet", "q");
    }

    @Test
    void shortLongAndAttachedForms() {
        Options o = options().parse(new String[] {"-H", "::1", "--port=9090", "-vq", "rest"}, 0);
        assertEquals("::1", o.get("host", null));
        assertEquals(9090, o.getInt("port", 0));
        assertTrue(o.has("verbose"));
        assertTrue(o.has("quiet"));
        assertEquals(List.of("rest"), o.positional());
        Options attached = options().parse(new String[] {"-p9999", "--host", "x"}, 0);
        assertEquals(9999, attached.getInt("port", 0));
        assertEquals("x", attached.get("host", null));
        assertFalse(attached.has("verbose"));
        assertEquals(7, attached.getInt("missing-is-default", 7));
    }

    @Test
    void errorsNameTheOption() {
        assertThrows(Options.UsageException.class, () -> options().parse(new String[] {"-x"}, 0));
        assertThrows(Options.UsageException.class, () -> options().parse(new String[] {"--port"}, 0));
        assertThrows(Options.UsageException.class, () -> options().parse(new String[] {"--verbose=1"}, 0));
        Options.UsageException e = assertThrows(Options.UsageException.class,
                () -> options().parse(new String[] {"-p", "abc"}, 0).getInt("port", 0));
        assertTrue(e.getMessage().contains("port"));
    }

    @Test
    void helpIsRecognisedBeforeParsing() {
        assertTrue(Options.wantsHelp(new String[] {"-p", "1", "-h"}));
        assertTrue(Options.wantsHelp(new String[] {"--help"}));
        assertFalse(Options.wantsHelp(new String[] {"--", "-h"}));
        assertTrue(options().help().contains("--port=PORT"));
    }
}

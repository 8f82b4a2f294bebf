package org.jpyro.naming.impl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jpyro.naming.Registration;

/**
 * How the persistent stores write metadata tags: one JSON array of strings ({@code ["a","b"]}), readable with
 * {@code psql} or any JSON tool. Pyro documents metadata as "a collection of strings"; the persistent stores keep
 * exactly that and refuse other tag types with a {@code ValueError} rather than change them silently.
 */
public final class StoredEntry {
    private StoredEntry() {
    }

    /** The tags as a JSON array of strings. */
    public static String encodeTags(Set<Object> tags) {
        StringBuilder sb = new StringBuilder(2 + tags.size() * 16).append('[');
        appendTags(sb, tags, true);
        return sb.append(']').toString();
    }

    /** A whole entry as one JSON array: the URI, then the tags (the embedded store's value format). */
    public static String encodeEntry(Registration registration) {
        StringBuilder sb = new StringBuilder(64).append('[');
        quote(sb, registration.uri());
        appendTags(sb, registration.metadata(), false);
        return sb.append(']').toString();
    }

    /** An entry written by {@link #encodeEntry}. */
    public static Registration decodeEntry(String json) {
        List<Object> items = decodeList(json);
        if (items.isEmpty()) {
            throw corrupt(json);
        }
        return new Registration((String) items.get(0), new LinkedHashSet<>(items.subList(1, items.size())));
    }

    /** The tags of a JSON array of strings written by {@link #encodeTags}. */
    public static Set<Object> decodeTags(String json) {
        List<Object> tags = decodeList(json);
        return tags.isEmpty() ? Set.of() : new LinkedHashSet<>(tags);
    }

    private static void appendTags(StringBuilder sb, Set<Object> tags, boolean first) {
        for (Object tag : tags) {
            if (!(tag instanceof String s)) {
                throw new IllegalArgumentException("metadata tags must be strings for a persistent name server store, got "
                        + (tag == null ? "None" : tag.getClass().getSimpleName()));
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            quote(sb, s);
        }
    }

    private static List<Object> decodeList(String json) {
        List<Object> tags = new ArrayList<>();
        int i = skip(json, 0);
        expect(json, i++, '[');
        i = skip(json, i);
        if (i < json.length() && json.charAt(i) == ']') {
            return tags;
        }
        while (true) {
            i = skip(json, i);
            expect(json, i++, '"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = charAt(json, i++);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    char e = charAt(json, i++);
                    switch (e) {
                        case '"', '\\', '/' -> sb.append(e);
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            if (i + 4 > json.length()) {
                                throw corrupt(json);
                            }
                            sb.append((char) Integer.parseInt(json, i, i + 4, 16));
                            i += 4;
                        }
                        default -> throw corrupt(json);
                    }
                } else {
                    sb.append(c);
                }
            }
            tags.add(sb.toString());
            i = skip(json, i);
            char c = charAt(json, i++);
            if (c == ']') {
                break;
            }
            if (c != ',') {
                throw corrupt(json);
            }
        }
        return tags;
    }

    /** A registration from stored columns. */
    public static Registration registration(String uri, String tagsJson) {
        return new Registration(uri, tagsJson == null || tagsJson.isEmpty() ? Set.of() : decodeTags(tagsJson));
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validSurrogateAt(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean validSurrogateAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static int skip(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static void expect(String s, int i, char c) {
        if (charAt(s, i) != c) {
            throw corrupt(s);
        }
    }

    private static char charAt(String s, int i) {
        if (i >= s.length()) {
            throw corrupt(s);
        }
        return s.charAt(i);
    }

    private static IllegalStateException corrupt(String s) {
        return new IllegalStateException("corrupt metadata in the name server store: "
                + (s.length() > 80 ? s.substring(0, 80) + "..." : s));
    }
}

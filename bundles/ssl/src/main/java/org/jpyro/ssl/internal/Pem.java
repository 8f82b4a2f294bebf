package org.jpyro.ssl.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PEM text as OpenSSL writes and reads it: {@code -----BEGIN TYPE-----}, optional RFC 1421 headers
 * ({@code Proc-Type}, {@code DEK-Info}) up to a blank line, base64 body, {@code -----END TYPE-----}. Text outside
 * the blocks (comments, "Bag Attributes") is ignored, as OpenSSL does.
 */
public final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private Pem() {
    }

    /**
     * One PEM block.
     *
     * @param type    the label, e.g. {@code CERTIFICATE}, {@code PRIVATE KEY}, {@code RSA PRIVATE KEY}
     * @param headers the RFC 1421 headers, in order (empty for most blocks)
     * @param der     the decoded body
     */
    public record Block(String type, Map<String, String> headers, byte[] der) {
    }

    /**
     * Every block in {@code text}.
     *
     * @throws IllegalArgumentException a block is not terminated or its body is not base64
     */
    public static List<Block> parse(String text) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r");
        int i = 0;
        while (i < lines.length) {
            String line = lines[i++].strip();
            if (!line.startsWith(BEGIN) || !line.endsWith(DASHES) || line.length() < BEGIN.length() + DASHES.length()) {
                continue;
            }
            String type = line.substring(BEGIN.length(), line.length() - DASHES.length());
            String endLine = END + type + DASHES;
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder body = new StringBuilder();
            boolean inHeaders = true;
            boolean ended = false;
            while (i < lines.length) {
                String l = lines[i++].strip();
                if (l.equals(endLine)) {
                    ended = true;
                    break;
                }
                int colon = l.indexOf(':');
                if (inHeaders && colon > 0) {
                    headers.put(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
                    continue;
                }
                inHeaders = false;
                body.append(l);
            }
            if (!ended) {
                throw new IllegalArgumentException("PEM block " + type + " has no END line");
            }
            try {
                blocks.add(new Block(type, headers, Base64.getMimeDecoder().decode(body.toString())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PEM block " + type + " is not valid base64", e);
            }
        }
        return blocks;
    }
}

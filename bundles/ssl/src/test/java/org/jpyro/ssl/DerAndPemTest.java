package org.jpyro.ssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.jpyro.ssl.internal.Der;
import org.jpyro.ssl.internal.Names;
import org.jpyro.ssl.internal.Pem;
import org.junit.jupiter.api.Test;

/** The DER and PEM primitives against known encodings. */
class DerAndPemTest {

    @Test
    void objectIdentifiersEncodeAsInTheStandard() {
        // rsaEncryption and prime256v1, as openssl asn1parse shows them
        assertEquals("06092a864886f70d010101", HexFormat.of().formatHex(Der.encodeOid("1.2.840.113549.1.1.1")));
        assertEquals("06082a8648ce3d030107", HexFormat.of().formatHex(Der.encodeOid("1.2.840.10045.3.1.7")));
        assertEquals("1.2.840.10045.3.1.7", new Der.Reader(HexFormat.of().parseHex("06082a8648ce3d030107")).oid());
        assertEquals("2.5.4.3", new Der.Reader(Der.encodeOid("2.5.4.3")).oid());
    }

    @Test
    void longLengthsRoundTrip() {
        byte[] content = new byte[300];
        content[299] = 7;
        byte[] encoded = Der.encode(Der.OCTET_STRING, content);
        assertEquals("0482012c", HexFormat.of().formatHex(encoded, 0, 4));
        assertArrayEquals(content, new Der.Reader(encoded).octetString());
    }

    @Test
    void truncatedOrWrongDataIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Der.Reader(new byte[] {0x30, 0x05, 0x02}).sequence());
        assertThrows(IllegalArgumentException.class, () -> new Der.Reader(new byte[] {0x02, 0x01, 0x01}).sequence());
        assertThrows(IllegalArgumentException.class, () -> new Der.Reader(new byte[] {0x30, (byte) 0x85, 1, 1, 1, 1, 1}).next());
    }

    @Test
    void lastCommonNameWins() {
        X500Principal name = new X500Principal("CN=most specific, OU=unit, CN=general, O=org");
        // RFC 2253 text lists the RDNs in reverse: the first written is the last (most specific) in DER
        assertEquals("most specific", Names.lastAttribute(name, Names.COMMON_NAME));
        assertEquals("h\u00e9llo", Names.lastAttribute(new X500Principal("CN=h\u00e9llo"), Names.COMMON_NAME));
        assertNull(Names.lastAttribute(new X500Principal("O=no cn"), Names.COMMON_NAME));
    }

    @Test
    void pemBlocksWithHeadersAndNoise() {
        String text = "Bag Attributes\n    friendlyName: x\n-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAEC\nAw==\n-----END RSA PRIVATE KEY-----\n"
                + "junk\r\n-----BEGIN CERTIFICATE-----\r\nBAU=\r\n-----END CERTIFICATE-----\r\n";
        List<Pem.Block> blocks = Pem.parse(text);
        assertEquals(2, blocks.size());
        assertEquals("RSA PRIVATE KEY", blocks.get(0).type());
        assertEquals("4,ENCRYPTED", blocks.get(0).headers().get("Proc-Type"));
        assertArrayEquals(new byte[] {0, 1, 2, 3}, blocks.get(0).der());
        assertEquals("CERTIFICATE", blocks.get(1).type());
        assertArrayEquals(new byte[] {4, 5}, blocks.get(1).der());
        assertThrows(IllegalArgumentException.class, () -> Pem.parse("-----BEGIN CERTIFICATE-----\nAAAA\n"));
    }
}

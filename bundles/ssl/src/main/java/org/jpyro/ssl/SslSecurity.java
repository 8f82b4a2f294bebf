package org.jpyro.ssl;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jpyro.api.ConfigItem;
import org.jpyro.api.PyroConfig;
import org.jpyro.api.SecurityException;
import org.jpyro.ssl.internal.Names;
import org.jpyro.ssl.internal.PemFiles;
import org.jpyro.transport.Connection;
import org.jpyro.transport.SocketSecurity;

/**
 * TLS for jpyro daemons and proxies: a {@link SocketSecurity} over one {@link SSLContext}.
 *
 * <p>A server ({@link #secureAccepted}) layers a server-mode {@link SSLSocket} over each accepted socket; the TLS
 * handshake runs on the connection's worker thread at its first read, never on the accept thread. With
 * {@linkplain SslSecurityBuilder#requireClientCert(boolean) 2-way TLS} it demands a client certificate signed by a trusted CA
 * ({@code setNeedClientAuth}), otherwise it asks for none. A client ({@link #secureConnected}) handshakes at once,
 * sends the host name as SNI (not for IP addresses) and, unless {@linkplain SslSecurityBuilder#checkHostname(boolean) told
 * otherwise}, checks that the server certificate is valid for the host of the uri (DNS or IP subject alternative
 * names, as Python's {@code check_hostname} does). TLS 1.3 and 1.2 are enabled, as in Python 3.10+.
 *
 * <p>Three ways to make one:
 * <ul>
 * <li>{@link #server(PyroConfig)} / {@link #client(PyroConfig)}: from Pyro's SSL_* config items with the exact
 * semantics of Pyro's {@code socketutil.get_ssl_context} (what {@code SSL=true} does through
 * {@link SslSocketSecurityProvider});</li>
 * <li>{@link #builder()}: PEM files or Java key stores (PKCS12, JKS) and explicit trust;</li>
 * <li>{@link #server(SSLContext, boolean)} / {@link #client(SSLContext, boolean)}: an {@code SSLContext} you built.</li>
 * </ul>
 *
 * <p>A daemon learns who the client is in its handshake check: {@link #peerCertificate(Connection)} in an
 * override of {@code Daemon.validateHandshake(Connection, Object)}, e.g. with {@link #commonName}.
 * Instances are immutable and thread-safe.
 */
public final class SslSecurity implements SocketSecurity {
    /** The TLS versions enabled by default (Python 3.10+ refuses anything older too). */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final SSLContext context;
    private final SSLSocketFactory factory;
    private final boolean requireClientCert;
    private final boolean checkHostname;
    private final String[] protocols;

    SslSecurity(SSLContext context, boolean requireClientCert, boolean checkHostname, List<String> protocols) {
        this.context = context;
        this.factory = context.getSocketFactory();
        this.requireClientCert = requireClientCert;
        this.checkHostname = checkHostname;
        List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
        this.protocols = protocols.stream().filter(supported::contains).toArray(String[]::new);
        if (this.protocols.length == 0) {
            throw new SecurityException("none of the TLS versions " + protocols + " is supported here (" + supported + ")");
        }
    }

    /** A builder for PEM files, key stores and trust settings. */
    public static SslSecurityBuilder builder() {
        return new SslSecurityBuilder();
    }

    /**
     * Server security from Pyro's config, as Pyro's {@code get_ssl_context(servercert=...)}: the certificate
     * chain of SSL_SERVERCERT with the key of SSL_SERVERKEY (or from the SSL_SERVERCERT file when that is empty),
     * decrypted with SSL_SERVERKEYPASSWD; client certificates are required when SSL_REQUIRECLIENTCERT is true and
     * are then checked against SSL_CACERTS only (a file or a directory of PEM files; Python's server context does
     * not load the system CAs, so without SSL_CACERTS no client certificate is accepted).
     *
     * @throws SecurityException SSL_SERVERCERT is not set, a file is missing or unreadable, the password is wrong
     *                           or the key does not belong to the certificate
     */
    public static SslSecurity server(PyroConfig config) {
        String cert = config.getString(ConfigItem.SSL_SERVERCERT);
        if (blank(cert)) {
            throw new SecurityException("SSL is on but no server certificate is configured (SSL_SERVERCERT)");
        }
        SslSecurityBuilder b = builder().trustSystemCAs(false)
                .requireClientCert(config.getBoolean(ConfigItem.SSL_REQUIRECLIENTCERT));
        b.keyPem(Path.of(cert), path(config.getString(ConfigItem.SSL_SERVERKEY)),
                password(config.getString(ConfigItem.SSL_SERVERKEYPASSWD)), PemFiles.Labels.configItems("SERVER"));
        String ca = config.getString(ConfigItem.SSL_CACERTS);
        if (!blank(ca)) {
            b.trustPem(Path.of(ca), "SSL_CACERTS");
        }
        return b.buildServer();
    }

    /**
     * Client security from Pyro's config, as Pyro's {@code get_ssl_context(clientcert=...)}: the server certificate
     * must chain to a system CA (the JDK's default trust store) or to one of SSL_CACERTS and be valid for the
     * host name of the uri; SSL_CLIENTCERT / SSL_CLIENTKEY / SSL_CLIENTKEYPASSWD, when set, are the client's own
     * certificate for servers that require one.
     *
     * @throws SecurityException a file is missing or unreadable, the password is wrong or the key does not belong
     *                           to the certificate
     */
    public static SslSecurity client(PyroConfig config) {
        SslSecurityBuilder b = builder().trustSystemCAs(true).checkHostname(true);
        String cert = config.getString(ConfigItem.SSL_CLIENTCERT);
        if (!blank(cert)) {
            b.keyPem(Path.of(cert), path(config.getString(ConfigItem.SSL_CLIENTKEY)),
                    password(config.getString(ConfigItem.SSL_CLIENTKEYPASSWD)), PemFiles.Labels.configItems("CLIENT"));
        }
        String ca = config.getString(ConfigItem.SSL_CACERTS);
        if (!blank(ca)) {
            b.trustPem(Path.of(ca), "SSL_CACERTS");
        }
        return b.buildClient();
    }

    /** Server security over your own context; {@code requireClientCert} for 2-way TLS. */
    public static SslSecurity server(SSLContext context, boolean requireClientCert) {
        return new SslSecurity(context, requireClientCert, true, DEFAULT_PROTOCOLS);
    }

    /** Client security over your own context; {@code checkHostname}: verify the server certificate's names. */
    public static SslSecurity client(SSLContext context, boolean checkHostname) {
        return new SslSecurity(context, false, checkHostname, DEFAULT_PROTOCOLS);
    }

    /** The context the sockets are made with. */
    public SSLContext context() {
        return context;
    }

    /** Whether accepted connections must present a trusted client certificate (2-way TLS). */
    public boolean requiresClientCert() {
        return requireClientCert;
    }

    /** Whether client connections check the server certificate against the host name. */
    public boolean checksHostname() {
        return checkHostname;
    }

    /** The enabled TLS versions. */
    public List<String> protocols() {
        return List.of(protocols);
    }

    @Override
    public Socket secureAccepted(Socket accepted) throws IOException {
        SSLSocket ssl = (SSLSocket) factory.createSocket(accepted, null, true);
        ssl.setUseClientMode(false);
        SSLParameters p = ssl.getSSLParameters();
        p.setProtocols(protocols);
        p.setNeedClientAuth(requireClientCert);
        ssl.setSSLParameters(p);
        return ssl;
    }

    @Override
    public Socket secureConnected(Socket connected, String host, int port) throws IOException {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        SSLSocket ssl = (SSLSocket) factory.createSocket(connected, h, port, true);
        try {
            ssl.setUseClientMode(true);
            SSLParameters p = ssl.getSSLParameters();
            p.setProtocols(protocols);
            if (checkHostname) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!isIpLiteral(h)) {
                try {
                    p.setServerNames(List.of(new SNIHostName(h)));
                } catch (IllegalArgumentException notAnSniName) {
                    // a name SNI cannot carry: send none (as Python does for addresses)
                }
            }
            ssl.setSSLParameters(p);
            ssl.startHandshake();
            return ssl;
        } catch (IOException | RuntimeException e) {
            ssl.close();
            throw e;
        }
    }

    /**
     * The certificate chain the peer of {@code connection} presented (leaf first): empty for a plain or Unix
     * domain socket connection and for a TLS client that sent no certificate (1-way TLS). Call it from the
     * daemon's {@code validateHandshake}, after the TLS handshake.
     */
    public static List<X509Certificate> peerCertificates(Connection connection) {
        Socket s = connection.socket();
        if (!(s instanceof SSLSocket ssl)) {
            return List.of();
        }
        try {
            Certificate[] certs = ssl.getSession().getPeerCertificates();
            List<X509Certificate> x509 = new ArrayList<>(certs.length);
            for (Certificate c : certs) {
                if (c instanceof X509Certificate x) {
                    x509.add(x);
                }
            }
            return List.copyOf(x509);
        } catch (SSLPeerUnverifiedException noCertificate) {
            return List.of();
        }
    }

    /** The peer's own certificate (see {@link #peerCertificates}), or {@code null} when it presented none. */
    public static X509Certificate peerCertificate(Connection connection) {
        List<X509Certificate> chain = peerCertificates(connection);
        return chain.isEmpty() ? null : chain.get(0);
    }

    /**
     * The subject's common name (CN) of {@code certificate}, or {@code null} when it has none; of several, the
     * last (most specific) one, as Python's {@code dict(x[0] for x in cert["subject"])["commonName"]}.
     */
    public static String commonName(X509Certificate certificate) {
        return Names.lastAttribute(certificate.getSubjectX500Principal(), Names.COMMON_NAME);
    }

    @Override
    public String toString() {
        return "SslSecurity[" + String.join(",", protocols) + (requireClientCert ? ", client cert required" : "")
                + (checkHostname ? ", hostname checked" : "") + "]";
    }

    private static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Path path(String s) {
        return blank(s) ? null : Path.of(s);
    }

    private static char[] password(String s) {
        return s == null || s.isEmpty() ? null : s.toCharArray();
    }
}

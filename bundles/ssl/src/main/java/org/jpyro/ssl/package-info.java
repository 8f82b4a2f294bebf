/**
 * TLS for jpyro daemons and proxies: builds {@link javax.net.ssl.SSLContext}s from Pyro's SSL_* configuration
 * (PEM files) or Java key stores and plugs them into the transport's {@link org.jpyro.transport.SocketSecurity} SPI.
 *
 * <p><b>Pyro's way.</b> With the config item {@code SSL=true} (e.g. {@code PYRO_SSL=true}) every daemon and proxy
 * uses TLS through {@link org.jpyro.ssl.SslSocketSecurityProvider} (found by {@link java.util.ServiceLoader}, or
 * a DS component in OSGi), with the semantics of Pyro's {@code socketutil.get_ssl_context}:
 * <ul>
 * <li>a daemon presents SSL_SERVERCERT (certificate chain, PEM) with the key of SSL_SERVERKEY (or of the
 * certificate file when that is empty), decrypted with SSL_SERVERKEYPASSWD; with SSL_REQUIRECLIENTCERT it
 * demands a client certificate signed by one of SSL_CACERTS (2-way TLS; the system CAs are not used here, as in
 * Python), otherwise it asks for none;</li>
 * <li>a proxy checks the daemon's certificate against the JDK's default CAs plus SSL_CACERTS and against the host
 * name or address of the uri (Python's {@code check_hostname}); it presents SSL_CLIENTCERT / SSL_CLIENTKEY /
 * SSL_CLIENTKEYPASSWD when set;</li>
 * <li>TLS 1.3 and 1.2 only; the multiplex server type refuses TLS when it is bound (use SERVERTYPE thread).</li>
 * </ul>
 * PEM private keys may be PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}),
 * PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}), the last two also with OpenSSL's legacy
 * encryption. A missing file, a wrong password or a key that does not belong to the certificate is a
 * {@link org.jpyro.api.SecurityException} naming the file and the config item.
 *
 * <p><b>Java's way.</b> {@link org.jpyro.ssl.SslSecurity#builder()} takes PEM files or key stores (PKCS12, JKS)
 * and explicit trust; hand the result to {@code Daemon.Builder.socketSecurity} or {@code Proxy.socketSecurity}.
 *
 * <p><b>Who is the client?</b> In an override of {@code Daemon.validateHandshake(Connection, Object)},
 * {@link org.jpyro.ssl.SslSecurity#peerCertificate(org.jpyro.transport.Connection)} and
 * {@link org.jpyro.ssl.SslSecurity#commonName(java.security.cert.X509Certificate)} tell; throw to refuse the
 * connection, and the client gets the message as its CONNECTFAIL reason.
 */
@Export
@Version("1.0.0")
package org.jpyro.ssl;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

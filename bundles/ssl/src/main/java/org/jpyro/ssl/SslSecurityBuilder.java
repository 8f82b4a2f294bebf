package org.jpyro.ssl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.jpyro.api.SecurityException;
import org.jpyro.ssl.internal.PemFiles;

/**
 * Builds {@link SslSecurity} from PEM files or Java key stores. The own certificate and key come from
 * {@link #keyPem} (PEM, as Python's {@code load_cert_chain}) or {@link #keyStore} (PKCS12 or JKS); the peers'
 * CAs from {@link #trustPem} (a PEM file or a directory of them), {@link #trustStore} or {@link #trust}, plus the
 * JDK's default CAs when {@link #trustSystemCAs} (by default on for clients, off for servers, as in Python).
 * Every problem with a file (missing, unreadable, wrong password, key not matching the certificate) is a
 * {@link SecurityException} at the call that names the file.
 *
 * <pre>{@code
 * SslSecurity server = SslSecurity.builder()
 *         .keyStore(Path.of("server.p12"), "secret".toCharArray())
 *         .trustPem(Path.of("clients-ca.pem"))
 *         .requireClientCert(true)
 *         .buildServer();
 * SslSecurity client = SslSecurity.builder()
 *         .keyPem(Path.of("client.pem"), Path.of("client.key"), null)
 *         .trustStore(Path.of("truststore.jks"), "changeit".toCharArray())
 *         .buildClient();
 * }</pre>
 * Not thread-safe; use one builder per thread.
 */
public final class SslSecurityBuilder {
    private static final char[] INTERNAL_PASSWORD = "jpyro".toCharArray();

    private KeyStore keyStore;
    private char[] keyPassword;
    private final Set<X509Certificate> trusted = new LinkedHashSet<>();
    private Boolean systemCAs;
    private boolean requireClientCert;
    private boolean checkHostname = true;
    private List<String> protocols = SslSecurity.DEFAULT_PROTOCOLS;

    SslSecurityBuilder() {
    }

    /**
     * The own certificate chain and private key from PEM files ({@code load_cert_chain(certFile, keyFile,
     * password)}): the certificates of {@code certFile}, leaf first, and the first private key of {@code keyFile}
     * (PKCS#8, encrypted PKCS#8, PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}).
     *
     * @param keyFile  {@code null} when the key is in {@code certFile}
     * @param password the key's password, {@code null} when it is not encrypted
     */
    public SslSecurityBuilder keyPem(Path certFile, Path keyFile, char[] password) {
        return keyPem(certFile, keyFile, password, PemFiles.Labels.PLAIN);
    }

    SslSecurityBuilder keyPem(Path certFile, Path keyFile, char[] password, PemFiles.Labels labels) {
        PemFiles.KeyMaterial m = PemFiles.keyMaterial(certFile, keyFile, password, labels);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("jpyro", m.key(), INTERNAL_PASSWORD, m.chain().toArray(new Certificate[0]));
            this.keyStore = store;
            this.keyPassword = INTERNAL_PASSWORD;
            return this;
        } catch (GeneralSecurityException | IOException e) {
            throw new SecurityException("cannot use the key of " + certFile + ": " + e, e);
        }
    }

    /**
     * The own certificate and key from a key store file (PKCS12 or JKS, recognised by content) whose key
     * entries are protected by the store password.
     */
    public SslSecurityBuilder keyStore(Path file, char[] password) {
        return keyStore(file, password, password, null);
    }

    /**
     * The own certificate and key from a key store file (PKCS12 or JKS).
     *
     * @param keyPassword the key entry's password (JKS entries may have their own); {@code null}: the store's
     * @param alias       the entry to use, {@code null} to let the TLS engine choose a fitting one
     */
    public SslSecurityBuilder keyStore(Path file, char[] storePassword, char[] keyPassword, String alias) {
        KeyStore store = load(file, storePassword, "key store");
        if (keyPassword == null) {
            keyPassword = storePassword == null ? new char[0] : storePassword;
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String a : Collections.list(store.aliases())) {
                if (store.isKeyEntry(a)) {
                    keyAliases.add(a);
                }
            }
            if (keyAliases.isEmpty()) {
                throw new SecurityException("no private key entry in the key store " + file);
            }
            if (alias != null) {
                if (!store.isKeyEntry(alias)) {
                    throw new SecurityException("no private key entry '" + alias + "' in the key store " + file
                            + " (it has " + keyAliases + ")");
                }
                KeyStore only = KeyStore.getInstance("PKCS12");
                only.load(null, null);
                only.setKeyEntry(alias, store.getKey(alias, keyPassword), INTERNAL_PASSWORD, store.getCertificateChain(alias));
                store = only;
                keyPassword = INTERNAL_PASSWORD;
            } else {
                for (String a : keyAliases) {
                    store.getKey(a, keyPassword); // wrong key password: fail here, naming the file
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new SecurityException("cannot read the private key in " + file + ": wrong key password", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new SecurityException("cannot read the key store " + file + ": " + e, e);
        }
        return keyStore(store, keyPassword);
    }

    /** The own certificate and key from a loaded key store. */
    public SslSecurityBuilder keyStore(KeyStore store, char[] keyPassword) {
        this.keyStore = store;
        this.keyPassword = keyPassword == null ? new char[0] : keyPassword.clone();
        return this;
    }

    /** Trusts the CA certificates of a PEM file, or of every PEM file in a directory. */
    public SslSecurityBuilder trustPem(Path fileOrDirectory) {
        return trustPem(fileOrDirectory, "trusted certificates");
    }

    SslSecurityBuilder trustPem(Path fileOrDirectory, String label) {
        trusted.addAll(PemFiles.caCertificates(fileOrDirectory, label));
        return this;
    }

    /** Trusts every certificate in a key store file (PKCS12 or JKS). */
    public SslSecurityBuilder trustStore(Path file, char[] password) {
        return trustStore(load(file, password, "trust store"));
    }

    /** Trusts every certificate in a loaded key store. */
    public SslSecurityBuilder trustStore(KeyStore store) {
        try {
            for (String a : Collections.list(store.aliases())) {
                Certificate c = store.getCertificate(a);
                if (c instanceof X509Certificate x) {
                    trusted.add(x);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new SecurityException("cannot read the trust store: " + e, e);
        }
        return this;
    }

    /** Trusts these CA certificates. */
    public SslSecurityBuilder trust(Collection<X509Certificate> certificates) {
        trusted.addAll(certificates);
        return this;
    }

    /**
     * Whether the JDK's default CAs (its default trust store: {@code javax.net.ssl.trustStore} or {@code cacerts};
     * Python: the system CAs) are trusted as well. Default:
     * {@code true} for {@link #buildClient()}, {@code false} for {@link #buildServer()}, as in Python.
     */
    public SslSecurityBuilder trustSystemCAs(boolean trust) {
        this.systemCAs = trust;
        return this;
    }

    /** Server: demand a client certificate signed by a trusted CA (2-way TLS). Default {@code false}. */
    public SslSecurityBuilder requireClientCert(boolean require) {
        this.requireClientCert = require;
        return this;
    }

    /**
     * Client: check that the server certificate is valid for the host name (or IP address) of the uri. Default
     * {@code true}, as Python's client context.
     */
    public SslSecurityBuilder checkHostname(boolean check) {
        this.checkHostname = check;
        return this;
    }

    /** The TLS versions to enable; default {@link SslSecurity#DEFAULT_PROTOCOLS}. */
    public SslSecurityBuilder protocols(String... protocols) {
        this.protocols = List.of(protocols);
        return this;
    }

    /**
     * Security for a daemon: needs the own certificate and key.
     *
     * @throws SecurityException no certificate was given, or the context cannot be made
     */
    public SslSecurity buildServer() {
        if (keyStore == null) {
            throw new SecurityException("a TLS server needs a certificate and private key (keyPem or keyStore)");
        }
        if (requireClientCert && trusted.isEmpty() && !Boolean.TRUE.equals(systemCAs)) {
            System.getLogger(SslSecurityBuilder.class.getName()).log(System.Logger.Level.WARNING,
                    "client certificates are required but no CA is trusted (SSL_CACERTS): every client will be refused");
        }
        return new SslSecurity(context(Boolean.TRUE.equals(systemCAs)), requireClientCert, checkHostname, protocols);
    }

    /** Security for proxies; the own certificate is optional (needed by servers that require one). */
    public SslSecurity buildClient() {
        return new SslSecurity(context(systemCAs == null || systemCAs), requireClientCert, checkHostname, protocols);
    }

    private SSLContext context(boolean withSystemCAs) {
        try {
            KeyManager[] keyManagers = null;
            if (keyStore != null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keyStore, keyPassword);
                keyManagers = kmf.getKeyManagers();
            }
            Set<X509Certificate> anchors = new LinkedHashSet<>(trusted);
            if (withSystemCAs) {
                anchors.addAll(systemCAs());
            }
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            int n = 0;
            for (X509Certificate c : anchors) {
                trustStore.setCertificateEntry("ca-" + n++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, tmf.getTrustManagers(), null);
            return context;
        } catch (UnrecoverableKeyException e) {
            throw new SecurityException("cannot read the private key: wrong key password", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new SecurityException("cannot create the TLS context: " + e, e);
        }
    }

    private static List<X509Certificate> systemCAs() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        List<X509Certificate> all = new ArrayList<>();
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                all.addAll(List.of(x.getAcceptedIssuers()));
            }
        }
        return all;
    }

    private static KeyStore load(Path file, char[] password, String what) {
        if (!Files.isRegularFile(file)) {
            throw new SecurityException(what + " file not found: " + file);
        }
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new SecurityException("cannot open the " + what + " " + file + ": wrong password", e);
            }
            throw new SecurityException("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecurityException("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}

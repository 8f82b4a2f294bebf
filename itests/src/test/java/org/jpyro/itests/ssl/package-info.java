/**
 * TLS interop: Python Pyro4 clients over TLS to jpyro daemons and jpyro proxies to a Python Pyro4 TLS daemon,
 * 1-way and 2-way, with untrusted certificates refused in both directions. Certificates are made at test time
 * by the ssl bundle's {@code TestCertificates} (from its test jar).
 */
package org.jpyro.itests.ssl;

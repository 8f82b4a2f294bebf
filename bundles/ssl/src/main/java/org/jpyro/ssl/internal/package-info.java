/**
 * Implementation of the ssl bundle: a small DER reader/encoder, a PEM parser, private key decoding (PKCS#8 plain
 * and encrypted, PKCS#1, SEC1, OpenSSL's legacy PEM encryption) and PEM file loading with Python's semantics.
 * Not exported.
 */
package org.jpyro.ssl.internal;

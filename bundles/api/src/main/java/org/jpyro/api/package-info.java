/**
 * What jpyro users touch: {@link org.jpyro.api.PyroURI}, the Pyro exception hierarchy, the
 * {@link org.jpyro.api.Expose}/{@link org.jpyro.api.Oneway} annotations, {@link org.jpyro.api.PyroConfig}
 * and the Python value types ({@link org.jpyro.api.Tuple}, {@link org.jpyro.api.ComplexNumber}).
 *
 * <h2>Python values in Java</h2>
 * Every serializer decodes Python values into the same Java types, and accepts them back:
 * <table>
 * <caption>Python to Java</caption>
 * <tr><th>Python</th><th>Java</th></tr>
 * <tr><td>None</td><td>{@code null}</td></tr>
 * <tr><td>bool</td><td>{@link java.lang.Boolean}</td></tr>
 * <tr><td>int</td><td>the smallest of {@link java.lang.Integer}, {@link java.lang.Long}, {@link java.math.BigInteger}</td></tr>
 * <tr><td>float</td><td>{@link java.lang.Double}</td></tr>
 * <tr><td>complex</td><td>{@link org.jpyro.api.ComplexNumber}</td></tr>
 * <tr><td>str</td><td>{@link java.lang.String}</td></tr>
 * <tr><td>bytes</td><td>{@code byte[]} (serpent carries bytes as a base64 dict, which stays a Map, as in Python)</td></tr>
 * <tr><td>tuple</td><td>{@link org.jpyro.api.Tuple} (an immutable {@link java.util.List}); Java arrays are sent as tuples</td></tr>
 * <tr><td>list</td><td>{@link java.util.List}</td></tr>
 * <tr><td>set, frozenset</td><td>{@link java.util.Set}</td></tr>
 * <tr><td>dict</td><td>{@link java.util.Map} (insertion ordered)</td></tr>
 * <tr><td>Pyro URI / Proxy</td><td>{@link org.jpyro.api.PyroURI} / {@link org.jpyro.api.ProxyState}</td></tr>
 * <tr><td>exception</td><td>a {@link org.jpyro.api.PyroException} (Pyro errors) or {@link org.jpyro.api.PyroRemoteException}</td></tr>
 * </table>
 */
@Export
@Version("1.1.0")
package org.jpyro.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

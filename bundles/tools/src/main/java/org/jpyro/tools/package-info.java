/**
 * jpyro's command line tools, all in one runnable jar whose first argument names the tool, as Pyro's command
 * line does: {@code java -jar jpyro.jar echoserver -H 127.0.0.1}. {@link org.jpyro.tools.EchoServer} is Pyro's
 * test echo server object in Java.
 */
@Export
@Version("1.0.0")
package org.jpyro.tools;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

package org.jpyro.tools;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import org.jpyro.api.Expose;
import org.jpyro.api.Oneway;

/**
 * Pyro's test echo server object, member for member: {@code echo}, {@code error}, {@code error_with_text},
 * {@code oneway_echo} (oneway), {@code slow}, {@code generator}, {@code nan}, {@code inf}, {@code oneway_slow}
 * (oneway), {@code shutdown}, {@code __dunder__} and the {@code verbose} attribute. Registered as
 * {@value #OBJECT_ID}.
 */
@Expose
public class EchoServer {
    /** The object id Pyro's echo server uses. */
    public static final String OBJECT_ID = "test.echoserver";

    private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    private final PrintStream out;
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private volatile boolean verbose;
    private final long slowMillis;

    /** An echo server that prints verbose output to standard out. */
    public EchoServer() {
        this(System.out, 5000);
    }

    /** An echo server printing to {@code out}, whose {@code slow} calls take {@code slowMillis}. */
    public EchoServer(PrintStream out, long slowMillis) {
        this.out = out;
        this.slowMillis = slowMillis;
    }

    /** Returns the message. */
    public Object echo(Object message) {
        log("echo: " + message);
        return message;
    }

    /** Raises a ValueError (an {@link IllegalArgumentException}) without text of its own. */
    public void error() {
        log("error: generating exception");
        throw new IllegalArgumentException("expected error from echoserver error() method");
    }

    /** Raises a ValueError (an {@link IllegalArgumentException}) with a message. */
    @Expose(name = "error_with_text")
    public void errorWithText() {
        log("error: generating exception");
        throw new IllegalArgumentException("the message of the error");
    }

    /** Like echo, but oneway: the client does not wait for the response. */
    @Oneway
    @Expose(name = "oneway_echo")
    public String onewayEcho(Object message) {
        log("oneway_echo: " + message);
        return "bogus return value";
    }

    /** Returns a message after a delay. */
    public String slow() throws InterruptedException {
        log("slow: waiting a bit...");
        Thread.sleep(slowMillis);
        log("slow: returning result");
        return "Finally, an answer!";
    }

    /** A remote generator: streams three items. */
    public Iterator<String> generator() {
        return List.of("one", "two", "three").iterator();
    }

    /** Returns NaN. */
    public double nan() {
        return Double.NaN;
    }

    /** Returns infinity. */
    public double inf() {
        return Double.POSITIVE_INFINITY;
    }

    /** Prints a message after a delay; the client does not wait for it. */
    @Oneway
    @Expose(name = "oneway_slow")
    public String onewaySlow() throws InterruptedException {
        log("oneway_slow: waiting a bit...");
        Thread.sleep(slowMillis);
        log("oneway_slow: returning result");
        return "bogus return value";
    }

    /** A double-underscore method that is accessible like in Pyro's echo server. */
    @Expose(name = "__dunder__")
    public String dunder() {
        return "should be allowed (dunder)";
    }

    /** Asks the server to shut down. */
    public void shutdown() {
        log("shutting down");
        shutdown.countDown();
    }

    /** The remote attribute {@code verbose}. */
    public boolean isVerbose() {
        return verbose;
    }

    /** Sets the remote attribute {@code verbose}. */
    public void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    /** Whether {@link #shutdown()} was called. Not exposed: static-like server control. */
    boolean mustShutdown() {
        return shutdown.getCount() == 0;
    }

    private void log(String text) {
        if (verbose) {
            out.println(ASCTIME.format(LocalDateTime.now()) + " - " + text);
        }
    }
}

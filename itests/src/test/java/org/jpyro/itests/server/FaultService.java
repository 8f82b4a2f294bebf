package org.jpyro.itests.server;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jpyro.api.Expose;

/** The object the server fault tests call. */
public class FaultService {
    final CountDownLatch slowStarted = new CountDownLatch(1);

    @Expose
    public Object echo(Object value) {
        return value;
    }

    /** A string of {@code length} characters. */
    @Expose
    public String big(int length) {
        return "x".repeat(length);
    }

    /** Sleeps, then answers; tells the test when it started. */
    @Expose
    public String slow(int millis) throws InterruptedException {
        slowStarted.countDown();
        TimeUnit.MILLISECONDS.sleep(millis);
        return "slept";
    }
}

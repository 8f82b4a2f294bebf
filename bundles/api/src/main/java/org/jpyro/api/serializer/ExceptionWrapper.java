package org.jpyro.api.serializer;

/**
 * Pyro's {@code _ExceptionWrapper}: an exception standing in a batch result list, where the batch stopped.
 *
 * @param exception the exception the call raised
 */
public record ExceptionWrapper(Throwable exception) {
}

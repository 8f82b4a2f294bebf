package org.jpyro.api.serializer;

import java.util.List;
import java.util.Map;

/**
 * A method call as carried by an INVOKE message.
 *
 * @param objectId the target object id
 * @param method   the method name ({@code __getattr__}, {@code __setattr__}, {@code <batch>} are special)
 * @param args     positional arguments (Python's vargs)
 * @param kwargs   keyword arguments, or {@code null} (Pyro sends None for attribute access and batches)
 */
public record Call(String objectId, String method, List<Object> args, Map<String, Object> kwargs) {
    public Call {
        args = args == null ? List.of() : args;
    }
}

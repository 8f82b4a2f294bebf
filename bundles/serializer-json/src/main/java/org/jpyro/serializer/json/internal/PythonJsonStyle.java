package org.jpyro.serializer.json.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;

/**
 * The layout of Python's {@code json.dumps(obj)} for Jackson's generator: the default separators {@code ", "}
 * between items and {@code ": "} after a key, nothing else (no indentation, no line breaks). Stateless: one
 * instance serves every generator.
 */
public final class PythonJsonStyle implements PrettyPrinter {
    /** The one instance. */
    public static final PythonJsonStyle INSTANCE = new PythonJsonStyle();

    private PythonJsonStyle() {
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator gen) throws IOException {
        // one root value per payload: nothing to separate
    }

    @Override
    public void writeStartObject(JsonGenerator gen) throws IOException {
        gen.writeRaw('{');
    }

    @Override
    public void writeEndObject(JsonGenerator gen, int nrOfEntries) throws IOException {
        gen.writeRaw('}');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(", ");
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(": ");
    }

    @Override
    public void writeStartArray(JsonGenerator gen) throws IOException {
        gen.writeRaw('[');
    }

    @Override
    public void writeEndArray(JsonGenerator gen, int nrOfValues) throws IOException {
        gen.writeRaw(']');
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator gen) throws IOException {
        gen.writeRaw(", ");
    }

    @Override
    public void beforeArrayValues(JsonGenerator gen) throws IOException {
        // no line break or indentation
    }

    @Override
    public void beforeObjectEntries(JsonGenerator gen) throws IOException {
        // no line break or indentation
    }
}

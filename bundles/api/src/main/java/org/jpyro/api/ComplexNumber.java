package org.jpyro.api;

/** A Python {@code complex} value. */
public record ComplexNumber(double real, double imaginary) {
    @Override
    public String toString() {
        return "(" + real + (imaginary < 0 || Double.isNaN(imaginary) ? "" : "+") + imaginary + "j)";
    }
}

package org.jpyro.itests.mapping;

/** A public JavaBean for {@link ClassDictMappingTest}. */
public class Gauge {
    private final String unit;
    private final double level;

    public Gauge(String unit, double level) {
        this.unit = unit;
        this.level = level;
    }

    public String getUnit() {
        return unit;
    }

    public double getLevel() {
        return level;
    }

    public boolean isEmpty() {
        return level == 0;
    }
}

package org.jpyro.api.serializer.beans;

/** A public JavaBean for PythonValuesBeansTest. */
public class Point {
    private final int x;
    private final int y;
    private final boolean visible;

    public Point(int x, int y, boolean visible) {
        this.x = x;
        this.y = y;
        this.visible = visible;
    }

    public int getY() {
        return y;
    }

    public int getX() {
        return x;
    }

    public boolean isVisible() {
        return visible;
    }

    public String getURL() {
        return "u";
    }

    public static int getStaticThing() {
        return 1;
    }

    public int getWithArg(int a) {
        return a;
    }

    public void getNothing() {
    }

    public String isNotBoolean() {
        return "no";
    }
}

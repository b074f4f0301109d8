package org.citycard.portal.shell;

/** For pictures the server draws as SVG markup (charts): text made safe inside an attribute or an element. */
public final class Svg {

    private Svg() {
    }

    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

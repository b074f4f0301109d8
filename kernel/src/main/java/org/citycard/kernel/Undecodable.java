package org.citycard.kernel;

import java.util.OptionalInt;

/**
 * A query or form the servlet container refused to read: not decodable (an invalid %-escape, bytes that are not
 * UTF-8; a 400) or too large (a form past its size limit; a 413). The client's fault, wherever the parameters were
 * first read. Recognised by the container's exception name, so that modules need not depend on the container.
 */
public final class Undecodable {

    private static final String TOMCAT = "org.apache.tomcat.util.http.InvalidParameterException";

    private Undecodable() {
    }

    public static boolean in(Throwable failure) {
        return status(failure).isPresent();
    }

    /** The HTTP status the container gave the refusal (400 or 413), if the failure is one. */
    public static OptionalInt status(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(TOMCAT)) {
                try {
                    Object code = t.getClass().getMethod("getErrorCode").invoke(t);
                    return OptionalInt.of(code instanceof Integer status && status >= 400 && status < 500 ? status : 400);
                } catch (ReflectiveOperationException e) {
                    return OptionalInt.of(400);
                }
            }
        }
        return OptionalInt.empty();
    }
}

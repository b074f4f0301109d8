package org.citycard.kernel;

import java.io.IOException;

/** A request body that went past its route's limit while it was read; nothing beyond the limit was kept. */
public final class BodyTooLarge extends IOException {

    private final long limit;

    public BodyTooLarge(long limit) {
        super("request body over " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** Whether this, or anything that caused it, is a body that was too large. */
    public static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyTooLarge) {
                return true;
            }
        }
        return false;
    }
}

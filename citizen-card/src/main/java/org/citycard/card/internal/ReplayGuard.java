package org.citycard.card.internal;

import java.time.Duration;

/** Remembers which codes were used, for as long as they could still verify: a code is accepted once. */
interface ReplayGuard {

    /** True the first time a key is seen within {@code ttl}; false for a replay. */
    boolean firstUse(String key, Duration ttl);
}

package org.citycard.card.internal;

import java.time.Duration;

/** Counters by key that every node shares (Redis) or that this node keeps (in process): Bucket4j buckets. */
interface RateLimits {

    /** Takes one from the key's allowance of {@code capacity} per {@code period}; false when none is left. */
    boolean tryTake(String key, long capacity, Duration period);
}

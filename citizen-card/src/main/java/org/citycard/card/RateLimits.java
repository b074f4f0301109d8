package org.citycard.card;

import java.time.Duration;

/**
 * Allowances by key that every node shares (Redis, when the card keeps its shared state there) or that this node
 * keeps (in process): Bucket4j buckets. Other modules limit what a citizen may try with it (binding bill accounts).
 */
public interface RateLimits {

    /** Takes one from the key's allowance of {@code capacity} per {@code period}; false when none is left. */
    boolean tryTake(String key, long capacity, Duration period);
}

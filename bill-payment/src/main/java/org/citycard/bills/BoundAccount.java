package org.citycard.bills;

import java.time.Instant;
import java.util.UUID;

/**
 * An account a citizen bound: the number masked, the citizen's nickname for it, and the holder and address as the
 * biller returned them (masked by the biller).
 */
public record BoundAccount(UUID id, Biller biller, String accountNoMasked, String nickname, String holderMasked,
                           String addressMasked, Instant boundAt) {
}

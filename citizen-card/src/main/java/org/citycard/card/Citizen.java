package org.citycard.card;

import java.time.Instant;
import java.util.Set;
import java.util.SortedSet;

/**
 * A citizen as the front ends see one: personal data only masked, never in the clear. {@code roles} are the
 * administrative roles of staff accounts (empty for citizens).
 */
public record Citizen(CitizenId id, String username, String phoneMasked, String nameMasked, String idNumberMasked,
                      VerificationLevel level, SortedSet<String> roles, Instant createdAt) {

    public Citizen {
        roles = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(roles));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public Set<String> authorities() {
        return roles;
    }
}

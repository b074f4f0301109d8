package org.citycard.catalog;

import java.time.Instant;
import java.util.List;

/** One administrative change to the catalog: who, when, what, and each field before and after. */
public record AuditEntry(long id, Instant at, String actor, String action, String targetType, String targetId,
                         String reason, List<FieldChange> changes) {

    public AuditEntry {
        changes = List.copyOf(changes);
    }
}

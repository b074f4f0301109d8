package org.citycard.catalog;

import java.time.Instant;
import java.util.Set;

/**
 * A service as administrators see it: the working content (the draft if there is one, else the live version),
 * where it stands, and who edited the draft (they may not approve it).
 */
public record ServiceRecord(ServiceCode code, ServiceStatus status, ServiceDefinition working, Integer liveVersion,
                            boolean hasDraft, Set<String> draftEditors, Instant updatedAt) {

    public ServiceRecord {
        draftEditors = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(draftEditors));
    }
}

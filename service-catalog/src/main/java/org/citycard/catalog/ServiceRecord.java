package org.citycard.catalog;

import java.time.Instant;
import java.util.Set;

/**
 * A service as administrators see it: the working content (the draft if there is one, else the live version),
 * where it stands, who edited the draft (they may not approve it), and the revision that every change bumps.
 */
public record ServiceRecord(ServiceCode code, int revision, ServiceStatus status, ServiceDefinition working,
                            Integer liveVersion, boolean hasDraft, Set<String> draftEditors, Instant updatedAt) {

    public ServiceRecord {
        draftEditors = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(draftEditors));
    }
}

package org.citycard.catalog;

import java.time.Instant;

/** A service as citizens see it: its live, immutable published version. */
public record PublishedService(ServiceDefinition definition, int version, Instant publishedAt) {

    public ServiceCode code() {
        return definition.code();
    }
}

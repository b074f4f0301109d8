package org.citycard.catalog;

import java.time.Instant;

/** One line of the admin console's catalog grid. */
public record AdminServiceRow(ServiceCode code, LocalizedText name, String categoryCode, ServiceKind kind,
                              ServiceStatus status, Integer liveVersion, Instant updatedAt) {
}

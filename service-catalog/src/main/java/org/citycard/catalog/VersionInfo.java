package org.citycard.catalog;

import java.time.Instant;
import java.util.Set;

/** One immutable published version of a service. */
public record VersionInfo(int version, Instant publishedAt, String publishedBy, Set<String> editedBy,
                          boolean live) {
}

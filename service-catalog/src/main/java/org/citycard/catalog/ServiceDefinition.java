package org.citycard.catalog;

import java.util.List;
import java.util.Set;

/**
 * Everything a service item says about itself: the content that is edited as a draft and frozen as a
 * published version.
 */
public record ServiceDefinition(
        ServiceCode code,
        LocalizedText name,
        LocalizedText summary,
        ServiceKind kind,
        Set<Audience> audiences,
        LocalizedText competentDepartment,
        LocalizedText implementingBody,
        LocalizedText legalBasis,
        String categoryCode,
        List<String> keywords,
        ServiceHandler handler,
        Set<Channel> channels,
        List<String> regions,
        boolean featured,
        int sortOrder,
        ServiceGuide guide) {

    public static final int NAME_MAX_LENGTH = 100;
    public static final int SUMMARY_MAX_LENGTH = 500;

    public ServiceDefinition {
        audiences = sorted(audiences);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        channels = sorted(channels);
        regions = regions == null ? List.of() : List.copyOf(regions);
        handler = handler == null ? ServiceHandler.infoOnly() : handler;
    }

    /** Sets in a fixed order, so the same content always serialises (and diffs, and hashes) the same way. */
    private static <E extends Enum<E>> Set<E> sorted(Set<E> values) {
        return values == null ? Set.of() : java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(values));
    }

    public boolean offeredOn(Channel channel) {
        return channels.contains(channel);
    }
}

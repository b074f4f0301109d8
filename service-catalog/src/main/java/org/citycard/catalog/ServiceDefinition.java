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
        audiences = audiences == null ? Set.of() : Set.copyOf(audiences);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        channels = channels == null ? Set.of() : Set.copyOf(channels);
        regions = regions == null ? List.of() : List.copyOf(regions);
        handler = handler == null ? ServiceHandler.infoOnly() : handler;
    }

    public boolean offeredOn(Channel channel) {
        return channels.contains(channel);
    }
}

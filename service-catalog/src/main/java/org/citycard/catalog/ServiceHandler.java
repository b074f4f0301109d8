package org.citycard.catalog;

import java.util.List;

/**
 * The handler of a service. {@code url} is the external site for {@link HandlerType#EXTERNAL_LINK}, and for
 * {@link HandlerType#CITIZEN_CARD} which of the card's own pages the service opens ({@link #CARD_PAGES}; none means
 * the card itself), for {@link HandlerType#VACCINATION_BOOKING} booking or the certificates
 * ({@link #VACCINATION_PAGES}); other handlers take none.
 */
public record ServiceHandler(HandlerType type, String url) {

    /** The card's own pages a {@link HandlerType#CITIZEN_CARD} service may open; the first is the default. */
    public static final List<String> CARD_PAGES = List.of("/me/card", "/me/codes", "/me/wallet", "/me/wallet/top-up");

    public static ServiceHandler infoOnly() {
        return new ServiceHandler(HandlerType.INFO_ONLY, null);
    }

    /** The vaccination pages a {@link HandlerType#VACCINATION_BOOKING} service may open: booking, or the certificates. */
    public static final List<String> VACCINATION_PAGES = List.of("/vaccination", "/me/vaccination/certificates");

    /** The card page a {@link HandlerType#CITIZEN_CARD} service opens. */
    public String cardPage() {
        return url == null ? CARD_PAGES.getFirst() : url;
    }

    /** The pages of its own a built-in service may open, the first being the default; empty for the others. */
    public static List<String> pages(HandlerType type) {
        return switch (type) {
            case CITIZEN_CARD -> CARD_PAGES;
            case VACCINATION_BOOKING -> VACCINATION_PAGES;
            default -> List.of();
        };
    }

    /** The page a built-in service with pages of its own opens. */
    public String page() {
        return url == null ? pages(type).getFirst() : url;
    }
}

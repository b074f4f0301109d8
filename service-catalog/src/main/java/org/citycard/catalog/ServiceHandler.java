package org.citycard.catalog;

import java.util.List;

/**
 * The handler of a service. {@code url} is the external site for {@link HandlerType#EXTERNAL_LINK}, and for
 * {@link HandlerType#CITIZEN_CARD} which of the card's own pages the service opens ({@link #CARD_PAGES}; none means
 * the card itself); other handlers take none.
 */
public record ServiceHandler(HandlerType type, String url) {

    /** The card's own pages a {@link HandlerType#CITIZEN_CARD} service may open; the first is the default. */
    public static final List<String> CARD_PAGES = List.of("/me/card", "/me/codes", "/me/wallet", "/me/wallet/top-up");

    public static ServiceHandler infoOnly() {
        return new ServiceHandler(HandlerType.INFO_ONLY, null);
    }

    /** The card page a {@link HandlerType#CITIZEN_CARD} service opens. */
    public String cardPage() {
        return url == null ? CARD_PAGES.getFirst() : url;
    }
}

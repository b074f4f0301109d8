package org.citycard.catalog;

/** The handler of a service; {@code url} is set only for {@link HandlerType#EXTERNAL_LINK}. */
public record ServiceHandler(HandlerType type, String url) {

    public static ServiceHandler infoOnly() {
        return new ServiceHandler(HandlerType.INFO_ONLY, null);
    }
}

package org.citycard.catalog;

/** What starting a service does: show the guide only, open an external site, or run a built-in capability. */
public enum HandlerType {
    INFO_ONLY, EXTERNAL_LINK, BILL_PAYMENT, PARKING, VACCINATION_BOOKING, EHEALTH_CARD, CITIZEN_CARD;

    public boolean builtIn() {
        return this != INFO_ONLY && this != EXTERNAL_LINK;
    }
}

package org.citycard.catalog;

/** How a service is handled: online, in person at an office, or either. */
public enum HandlingMode {
    ONLINE, IN_PERSON, BOTH;

    public boolean online() {
        return this != IN_PERSON;
    }

    public boolean inPerson() {
        return this != ONLINE;
    }
}

package org.citycard.card;

/** A card's state. Only an ACTIVE card's codes verify; REPLACED and CANCELLED are final. */
public enum CardStatus {
    ACTIVE, FROZEN, REPLACED, CANCELLED;

    public boolean live() {
        return this == ACTIVE || this == FROZEN;
    }
}

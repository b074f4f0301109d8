package org.citycard.card;

import java.util.Set;

/** A physical card's production: queued → produced → mailed → activated, or withdrawn before it is mailed. */
public enum PhysicalCardStatus {
    QUEUED, PRODUCED, MAILED, ACTIVATED, WITHDRAWN;

    public Set<PhysicalCardStatus> next() {
        return switch (this) {
            case QUEUED -> Set.of(PRODUCED, WITHDRAWN);
            case PRODUCED -> Set.of(MAILED, WITHDRAWN);
            case MAILED -> Set.of(ACTIVATED);
            case ACTIVATED, WITHDRAWN -> Set.of();
        };
    }

    public boolean open() {
        return this != ACTIVATED && this != WITHDRAWN;
    }
}

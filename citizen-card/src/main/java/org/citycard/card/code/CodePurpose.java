package org.citycard.card.code;

/** What a dynamic code is for; a terminal accepts only the purpose it serves. */
public enum CodePurpose {
    RIDE(1), HEALTH(2), PAYMENT(3);

    final int wire;

    CodePurpose(int wire) {
        this.wire = wire;
    }

    static CodePurpose fromWire(int wire) {
        for (CodePurpose p : values()) {
            if (p.wire == wire) {
                return p;
            }
        }
        return null;
    }
}

package org.citycard.health.vaccination.internal;

import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * The fast gate in front of a slot's conditional update: a place is set aside here before the database is asked.
 * The database's conditional update decides who gets a place, so a gate that forgot everything (Redis restarted) or
 * counts too high can let too many through to the database, never too many into the slot. When the gate says none
 * are left, the caller asks the database before turning anyone away (the gate may be short by places in flight), and
 * a gate that counts too few (a give-back cut off with its connection) is set right with {@link #recount}.
 */
interface SlotGate {

    /** False when the slot is known to be full; true to go on to the database (a place set aside here). */
    boolean take(UUID slot, IntSupplier placesLeftInTheDatabase);

    /** The place set aside was not used (the database refused for another reason), or a booking gave its place back. */
    void giveBack(UUID slot);

    /** The database says the slot is full. */
    void full(UUID slot);

    /** The gate says full, but the database has had places left for a while: it learns the database's count. */
    void recount(UUID slot, int placesLeftInTheDatabase);

    /** In one process the database alone decides: nothing to keep. */
    SlotGate NONE = new SlotGate() {
        @Override
        public boolean take(UUID slot, IntSupplier placesLeftInTheDatabase) {
            return true;
        }

        @Override
        public void giveBack(UUID slot) {
        }

        @Override
        public void full(UUID slot) {
        }

        @Override
        public void recount(UUID slot, int placesLeftInTheDatabase) {
        }
    };
}

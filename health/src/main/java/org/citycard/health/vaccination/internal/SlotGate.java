package org.citycard.health.vaccination.internal;

import java.util.UUID;
import java.util.function.IntSupplier;

/**
 * The fast gate in front of a slot's conditional update: when a slot is known to be full, say so without asking the
 * database. It only ever turns people away early; the database's conditional update decides who gets a place, so a
 * gate that forgot everything (Redis restarted) can let too many through to the database, never too many into the
 * slot. A gate that counts too few (a give-back cut off with its connection) is set right with {@link #recount}.
 */
interface SlotGate {

    /** Whether the slot is known to be full (nothing set aside: a look). */
    boolean knownFull(UUID slot);

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
        public boolean knownFull(UUID slot) {
            return false;
        }

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

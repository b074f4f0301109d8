package org.citycard.parking;

import java.util.UUID;

/** A stay's fee was set (once): published with the billing, heard after it commits. */
public record ParkingSessionBilled(UUID session, String lotId, Plate plate, long feeFen) {
}

package org.citycard.parking;

import java.util.UUID;

/**
 * A stay's fee was set (once), for a plate whose holder pays seamlessly: published with the billing, heard after it
 * commits. Other stays publish nothing (a feed of thousands of events a second need not fill the event log).
 */
public record ParkingSessionBilled(UUID session, String lotId, Plate plate, long feeFen) {
}

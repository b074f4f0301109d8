package org.citycard.parking;

import java.util.List;
import java.util.Optional;

/** Finding parking: lots near a place with their free spaces and price, for anyone. */
public interface ParkingLots {

    int MAX_RADIUS_METRES = 20_000;
    int MAX_RESULTS = 50;

    /**
     * Open and closed lots within the radius, nearest first, each with its free spaces as last counted.
     *
     * @param from GCJ-02
     */
    List<Nearby> nearby(GeoPoint from, int radiusMetres, int limit);

    Optional<Lot> lot(String id);

    /** Free spaces now (never below 0), as gate events and the lot's reports counted them. */
    int free(String lotId);

    /**
     * @param freeSpaces the offered spaces not taken, as last counted
     * @param openNow    whether it is within its opening hours now
     */
    record Nearby(Lot lot, String operatorName, int distanceMetres, int freeSpaces, boolean openNow) {
    }
}

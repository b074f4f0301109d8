package org.citycard.card;

import java.util.List;

/** A citizen's favourite services and the services they viewed lately (service codes, newest first). */
public interface Favourites {

    int MAX_FAVOURITES = 50;
    int RECENT_KEPT = 10;

    /** False when the list is full. */
    boolean add(CitizenId citizen, String serviceCode);

    void remove(CitizenId citizen, String serviceCode);

    List<String> favourites(CitizenId citizen);

    void viewed(CitizenId citizen, String serviceCode);

    List<String> recentlyViewed(CitizenId citizen);
}

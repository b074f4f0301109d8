package org.citycard.kernel;

import java.time.ZoneId;

/** China Standard Time: the city's days, the channels' statement days, and every time shown to people. */
public final class ChinaTime {

    /** The zone's id, for annotations that take a constant string ({@code @Scheduled(zone = ...)}). */
    public static final String ID = "Asia/Shanghai";
    public static final ZoneId ZONE = ZoneId.of(ID);

    private ChinaTime() {
    }
}

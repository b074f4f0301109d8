package org.citycard.parking;

/**
 * A place in GCJ-02 (the coordinates WeChat's and Alipay's maps use in China), in degrees. Device positions in
 * WGS-84 (a browser's geolocation, a GPS) are converted with {@link #fromWgs84} first; see ADR 008.
 */
public record GeoPoint(double lat, double lng) {

    private static final double EARTH_RADIUS_METRES = 6_371_008.8;
    // the Krasovsky 1940 ellipsoid the published GCJ-02 offset is defined on
    private static final double A = 6_378_245.0;
    private static final double EE = 0.006_693_421_622_965_943;

    public GeoPoint {
        if (!(lat >= -90 && lat <= 90) || !(lng >= -180 && lng <= 180)) {
            throw new IllegalArgumentException("latitude -90..90 and longitude -180..180");
        }
    }

    /** Whether these are coordinates a caller may give (finite, in range). */
    public static boolean valid(double lat, double lng) {
        return lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180;
    }

    /** Great-circle distance in metres (haversine; GCJ-02's offset shifts nearby points alike, so distances hold). */
    public double metresTo(GeoPoint other) {
        double dLat = Math.toRadians(other.lat - lat);
        double dLng = Math.toRadians(other.lng - lng);
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat))
                * Math.cos(Math.toRadians(other.lat)) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    /** A WGS-84 position as GCJ-02: the published offset inside mainland China, unchanged outside it. */
    public static GeoPoint fromWgs84(double lat, double lng) {
        if (outsideChina(lat, lng)) {
            return new GeoPoint(lat, lng);
        }
        double dLat = latOffset(lng - 105.0, lat - 35.0);
        double dLng = lngOffset(lng - 105.0, lat - 35.0);
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLng = (dLng * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new GeoPoint(lat + dLat, lng + dLng);
    }

    private static boolean outsideChina(double lat, double lng) {
        return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    private static double latOffset(double x, double y) {
        double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double lngOffset(double x, double y) {
        double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }
}

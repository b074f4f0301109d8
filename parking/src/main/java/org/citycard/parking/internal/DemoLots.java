package org.citycard.parking.internal;

import java.time.LocalTime;
import java.util.List;

import org.citycard.parking.GeoPoint;
import org.citycard.parking.Lot;
import org.citycard.parking.ParkingAdministration;
import org.citycard.parking.fees.FeeRule;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Two operators and eight lots around 黄石广场 (the demo catalog's city; positions GCJ-02, near the real places),
 * loaded into an empty database once. Only when {@code citycard.parking.demo-data} is on, as on the default profile.
 */
@Component
@ConditionalOnProperty(name = "citycard.parking.demo-data", havingValue = "true")
class DemoLots {

    private static final ParkingAdministration.Staff SYSTEM = new ParkingAdministration.Staff("system", true);

    private final ParkingAdministration administration;

    DemoLots(ParkingAdministration administration) {
        this.administration = administration;
    }

    /** Loads the demo operators and lots into an empty database (run by {@link ConfiguredOperatorKeys} first thing). */
    void run(ApplicationArguments args) {
        if (!administration.operators(SYSTEM).isEmpty()) {
            return;
        }
        administration.saveOperator(SYSTEM, new ParkingAdministration.Operator("hs-city", "黄石城市停车", true));
        administration.saveOperator(SYSTEM, new ParkingAdministration.Operator("cihu-mall", "磁湖商业管理", true));
        FeeRule centre = FeeRule.typical();
        FeeRule street = new FeeRule(15, LocalTime.of(8, 0), LocalTime.of(20, 0), 0, 0, 30, 150, 60, 0, 0, 2_000, 200, 50,
                15);
        FeeRule mall = new FeeRule(30, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, 120, 600, 60, 300, 60, 300, 0, 3_000, 200,
                50, 20);
        LocalTime always = LocalTime.MIDNIGHT;
        List<Lot> lots = List.of(
                new Lot("hs-square", "hs-city", "黄石广场地下停车场", Lot.Kind.OFF_STREET, "黄石港区黄石广场地下一层",
                        new GeoPoint(30.2006, 115.0389), 620, 40, always, always, centre, Lot.ExitWithoutEntry.FIRST_PERIOD),
                new Lot("central-hospital", "hs-city", "市中心医院停车场", Lot.Kind.OFF_STREET, "黄石港区天津路 141 号",
                        new GeoPoint(30.2042, 115.0456), 380, 30, always, always, centre, Lot.ExitWithoutEntry.STAFF),
                new Lot("railway-station", "hs-city", "黄石火车站停车场", Lot.Kind.OFF_STREET, "下陆区火车站广场东侧",
                        new GeoPoint(30.2141, 114.9806), 450, 0, always, always, centre, Lot.ExitWithoutEntry.FIRST_PERIOD),
                new Lot("tuancheng-park", "hs-city", "团城山公园停车场", Lot.Kind.OFF_STREET, "下陆区杭州西路团城山公园南门",
                        new GeoPoint(30.2195, 115.0142), 210, 10, LocalTime.of(6, 0), LocalTime.of(22, 0), centre,
                        Lot.ExitWithoutEntry.FIRST_PERIOD),
                new Lot("yiyang-road", "hs-city", "颐阳路路侧泊位", Lot.Kind.ON_STREET, "黄石港区颐阳路（交通路至天津路段）",
                        new GeoPoint(30.2019, 115.0418), 48, 2, LocalTime.of(8, 0), LocalTime.of(20, 0), street,
                        Lot.ExitWithoutEntry.STAFF),
                new Lot("cihu-road", "hs-city", "磁湖路路侧泊位", Lot.Kind.ON_STREET, "黄石港区磁湖路（湖滨大道至武汉路段）",
                        new GeoPoint(30.1978, 115.0352), 36, 0, LocalTime.of(8, 0), LocalTime.of(20, 0), street,
                        Lot.ExitWithoutEntry.STAFF),
                new Lot("wanda-plaza", "cihu-mall", "万达广场停车场", Lot.Kind.OFF_STREET, "下陆区杭州西路 158 号地下一、二层",
                        new GeoPoint(30.2137, 115.0062), 1_200, 100, always, always, mall, Lot.ExitWithoutEntry.FIRST_PERIOD),
                new Lot("tianfang", "cihu-mall", "天方百货停车场", Lot.Kind.OFF_STREET, "黄石港区交通路 8 号",
                        new GeoPoint(30.2011, 115.0435), 260, 20, LocalTime.of(9, 0), LocalTime.of(22, 30), mall,
                        Lot.ExitWithoutEntry.FIRST_PERIOD));
        for (Lot lot : lots) {
            if (!(administration.saveLot(SYSTEM, lot) instanceof ParkingAdministration.Result.Done)) {
                throw new IllegalStateException("demo lot " + lot.id() + " does not save");
            }
        }
        administration.assignStaff(SYSTEM, "parking-op", "hs-city");
        // a plausible morning: most central lots fairly full
        int[] taken = {510, 300, 120, 60, 40, 36, 640, 150};
        for (int i = 0; i < lots.size(); i++) {
            administration.reportOccupied(SYSTEM, lots.get(i).id(), Math.min(taken[i], lots.get(i).offered()));
        }
    }
}

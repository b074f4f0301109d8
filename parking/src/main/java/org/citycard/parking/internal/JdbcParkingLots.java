package org.citycard.parking.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citycard.kernel.ChinaTime;
import org.citycard.parking.GeoPoint;
import org.citycard.parking.Lot;
import org.citycard.parking.ParkingLots;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Lots near a place: every lot's position is held in memory (a few thousand at most; read again within
 * {@link #FRESHNESS} of a change on any node), distances computed there, and only the nearest lots' taken spaces read
 * from the database, in one query, so that free spaces are as fresh as the last gate event.
 */
@Service
class JdbcParkingLots implements ParkingLots {

    /** How long a node goes on with the lots it last read before asking whether any changed. */
    static final Duration FRESHNESS = Duration.ofSeconds(2);

    private record Snapshot(List<Lot> lots, Map<String, Lot> byId, Map<String, String> operatorNames, String stamp,
                            Instant checkedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();
    private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of(), Map.of(), "", Instant.MIN);

    JdbcParkingLots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Nearby> nearby(GeoPoint from, int radiusMetres, int limit) {
        Snapshot s = current();
        int radius = Math.clamp(radiusMetres, 1, MAX_RADIUS_METRES);
        record Candidate(Lot lot, double metres) {
        }
        List<Candidate> near = new ArrayList<>();
        for (Lot lot : s.lots()) {
            double metres = from.metresTo(lot.position());
            if (metres <= radius) {
                near.add(new Candidate(lot, metres));
            }
        }
        List<Candidate> nearest = near.stream().sorted(Comparator.comparingDouble(Candidate::metres))
                .limit(Math.clamp(limit, 1, MAX_RESULTS)).toList();
        if (nearest.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> occupied = occupied(nearest.stream().map(c -> c.lot().id()).toList());
        LocalTime now = LocalTime.now(ChinaTime.ZONE);
        return nearest.stream().map(c -> new Nearby(c.lot(), s.operatorNames().getOrDefault(c.lot().operatorId(), ""),
                (int) Math.round(c.metres()), free(c.lot(), occupied.getOrDefault(c.lot().id(), 0)), c.lot().openAt(now)))
                .toList();
    }

    @Override
    public Optional<Lot> lot(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(current().byId().get(id));
    }

    @Override
    public int free(String lotId) {
        return lot(lotId).map(l -> free(l, occupied(List.of(lotId)).getOrDefault(lotId, 0))).orElse(0);
    }

    private static int free(Lot lot, int occupied) {
        return Math.max(0, lot.offered() - occupied);
    }

    private Map<String, Integer> occupied(List<String> ids) {
        Map<String, Integer> taken = new HashMap<>();
        jdbc.sql("select id, occupied from parking_lot where id in (:ids)").param("ids", ids)
                .query(rs -> {
                    taken.put(rs.getString(1), rs.getInt(2));
                });
        return taken;
    }

    /** Forgets what it read: the next question reads the lots again (after a change on this node). */
    void changed() {
        snapshot = new Snapshot(List.of(), Map.of(), Map.of(), "", Instant.MIN);
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s.checkedAt().isAfter(now.minus(FRESHNESS))) {
            return s;
        }
        String stamp = jdbc.sql("""
                        select concat(cast(count(*) as varchar(12)), '/', coalesce(cast(max(changed_at) as varchar(40)), ''))
                        from parking_lot""").query(String.class).single()
                + "|" + jdbc.sql("select concat(cast(count(*) as varchar(12)), '/', coalesce(cast(max(changed_at) as varchar(40)), ''))"
                + " from parking_operator").query(String.class).single();
        if (stamp.equals(s.stamp())) {
            s = new Snapshot(s.lots(), s.byId(), s.operatorNames(), stamp, now);
        } else {
            List<Lot> lots = jdbc.sql("select " + LotRows.COLUMNS + " from parking_lot l where exists "
                            + "(select 1 from parking_operator o where o.id = l.operator_id and o.enabled) order by id")
                    .query((rs, n) -> LotRows.lot(rs)).list();
            Map<String, String> names = new HashMap<>();
            jdbc.sql("select id, name from parking_operator").query(rs -> {
                names.put(rs.getString(1), rs.getString(2));
            });
            Map<String, Lot> byId = new HashMap<>();
            lots.forEach(l -> byId.put(l.id(), l));
            s = new Snapshot(List.copyOf(lots), Map.copyOf(byId), Map.copyOf(names), stamp, now);
        }
        snapshot = s;
        return s;
    }
}

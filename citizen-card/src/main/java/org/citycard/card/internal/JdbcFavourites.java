package org.citycard.card.internal;

import java.time.Clock;
import java.util.List;

import org.citycard.card.CitizenId;
import org.citycard.card.Favourites;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Favourites and recently viewed services on JDBC; only service codes are kept. */
@Service
@Transactional
class JdbcFavourites implements Favourites {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcFavourites(JdbcClient jdbc, Clock cardClock) {
        this.jdbc = jdbc;
        this.clock = cardClock;
    }

    @Override
    public boolean add(CitizenId citizen, String serviceCode) {
        if (favourites(citizen).contains(serviceCode)) {
            return true;
        }
        if (count("card_favourite", citizen) >= MAX_FAVOURITES) {
            return false;
        }
        jdbc.sql("insert into card_favourite (citizen_id, service_code, added_at) values (:id, :code, :now)")
                .param("id", citizen.value()).param("code", serviceCode).param("now", Db.ts(clock.instant()))
                .update();
        return true;
    }

    @Override
    public void remove(CitizenId citizen, String serviceCode) {
        jdbc.sql("delete from card_favourite where citizen_id = :id and service_code = :code")
                .param("id", citizen.value()).param("code", serviceCode).update();
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> favourites(CitizenId citizen) {
        return jdbc.sql("select service_code from card_favourite where citizen_id = :id order by added_at desc")
                .param("id", citizen.value()).query(String.class).list();
    }

    @Override
    public void viewed(CitizenId citizen, String serviceCode) {
        int updated = jdbc.sql("update card_recent_view set viewed_at = :now where citizen_id = :id and service_code = :code")
                .param("id", citizen.value()).param("code", serviceCode).param("now", Db.ts(clock.instant()))
                .update();
        if (updated == 0) {
            jdbc.sql("insert into card_recent_view (citizen_id, service_code, viewed_at) values (:id, :code, :now)")
                    .param("id", citizen.value()).param("code", serviceCode).param("now", Db.ts(clock.instant()))
                    .update();
        }
        List<String> stale = jdbc.sql("""
                        select service_code from card_recent_view where citizen_id = :id
                        order by viewed_at desc offset :kept""")
                .param("id", citizen.value()).param("kept", RECENT_KEPT).query(String.class).list();
        stale.forEach(code -> jdbc.sql("delete from card_recent_view where citizen_id = :id and service_code = :code")
                .param("id", citizen.value()).param("code", code).update());
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> recentlyViewed(CitizenId citizen) {
        return jdbc.sql("select service_code from card_recent_view where citizen_id = :id order by viewed_at desc")
                .param("id", citizen.value()).query(String.class).list();
    }

    private int count(String table, CitizenId citizen) {
        return jdbc.sql("select count(*) from " + table + " where citizen_id = :id").param("id", citizen.value())
                .query(Integer.class).single();
    }
}

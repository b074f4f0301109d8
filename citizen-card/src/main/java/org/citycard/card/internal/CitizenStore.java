package org.citycard.card.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import org.citycard.card.Citizen;
import org.citycard.card.CitizenId;
import org.citycard.card.VerificationLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and writes citizen rows; shared by the identity, link and card services. */
@Component
class CitizenStore {

    static final String COLUMNS = "id, username, phone_masked, name_masked, id_number_masked, level, roles, created_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    CitizenStore(JdbcClient jdbc, Clock cardClock) {
        this.jdbc = jdbc;
        this.clock = cardClock;
    }

    Optional<Citizen> find(CitizenId id) {
        return jdbc.sql("select " + COLUMNS + " from card_citizen where id = :id").param("id", id.value())
                .query(CitizenStore::citizen).optional();
    }

    Optional<Citizen> findBy(String column, String value) {
        return jdbc.sql("select " + COLUMNS + " from card_citizen where " + column + " = :value").param("value", value)
                .query(CitizenStore::citizen).optional();
    }

    /** Takes the citizen's row lock until the transaction ends: serialises changes to one citizen's logins. */
    void lock(CitizenId id) {
        jdbc.sql("select id from card_citizen where id = :id for update").param("id", id.value())
                .query((rs, n) -> rs.getObject(1)).list();
    }

    /** A new citizen with no personal data yet (a first WeChat or Alipay sign-in). */
    Citizen create(VerificationLevel level) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into card_citizen (id, level, created_at) values (:id, :level, :now)")
                .param("id", id).param("level", level.name()).param("now", Db.ts(clock.instant()))
                .update();
        return find(new CitizenId(id)).orElseThrow();
    }

    /** Whether the citizen has a card (live or not): a citizen with a card history is never merged away. */
    boolean hasCards(CitizenId id) {
        return jdbc.sql("select count(*) from card_card where citizen_id = :id").param("id", id.value())
                .query(Integer.class).single() > 0;
    }

    void audit(CitizenId citizen, UUID card, String action, String actor, String reason) {
        jdbc.sql("""
                        insert into card_audit (citizen_id, card_id, action, actor, reason, at)
                        values (:citizen, :card, :action, :actor, :reason, :now)""")
                .param("citizen", citizen.value()).param("card", card).param("action", action)
                .param("actor", actor).param("reason", reason).param("now", Db.ts(clock.instant()))
                .update();
    }

    static Citizen citizen(ResultSet rs, int row) throws SQLException {
        String roles = Db.orEmpty(rs.getString("roles"));
        return new Citizen(new CitizenId(Db.uuid(rs, "id")), rs.getString("username"),
                Db.orEmpty(rs.getString("phone_masked")), Db.orEmpty(rs.getString("name_masked")),
                Db.orEmpty(rs.getString("id_number_masked")), VerificationLevel.valueOf(rs.getString("level")),
                new TreeSet<>(roles.isBlank() ? List.of() : Arrays.asList(roles.split(","))),
                Db.instant(rs, "created_at"));
    }

    /** A name as shown: the first character, the rest starred ({@code 张**}). */
    static String maskName(String name) {
        int length = name.codePointCount(0, name.length());
        return name.substring(0, name.offsetByCodePoints(0, 1)) + "*".repeat(Math.max(1, length - 1));
    }
}

package org.citycard.catalog.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.citycard.catalog.AuditEntry;
import org.citycard.catalog.FieldChange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;

/** The catalog's audit trail: append-only, one row per administrative change. */
@Repository
class AuditLog {

    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(Instant at, String actor, String action, String targetType, String targetId, String reason,
                List<FieldChange> changes) {
        jdbc.sql("""
                        insert into catalog_audit (at, actor, action, target_type, target_id, reason, changes)
                        values (:at, :actor, :action, :type, :id, :reason, :changes)""")
                .param("at", Timestamp.from(at))
                .param("actor", actor)
                .param("action", action)
                .param("type", targetType)
                .param("id", targetId)
                .param("reason", reason == null || reason.isBlank() ? null : truncate(reason.strip(), 500))
                .param("changes", CatalogJson.MAPPER.writeValueAsString(changes))
                .update();
    }

    List<AuditEntry> find(String targetId, int offset, int limit) {
        String where = targetId == null ? "" : " where target_id = :target";
        var spec = jdbc.sql("select id, at, actor, action, target_type, target_id, reason, changes from catalog_audit"
                + where + " order by at desc, id desc limit :limit offset :offset");
        if (targetId != null) {
            spec.param("target", targetId);
        }
        return spec.param("limit", limit).param("offset", offset)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("target_type"),
                        rs.getString("target_id"), rs.getString("reason"),
                        CatalogJson.MAPPER.readValue(rs.getString("changes"), CHANGES)))
                .list();
    }

    int count(String targetId) {
        if (targetId == null) {
            return jdbc.sql("select count(*) from catalog_audit").query(Integer.class).single();
        }
        return jdbc.sql("select count(*) from catalog_audit where target_id = :target")
                .param("target", targetId).query(Integer.class).single();
    }

    /** Field-level differences between two values of the same type. */
    static List<FieldChange> diff(Object before, Object after) {
        Map<String, String> a = CatalogJson.flatten(before);
        Map<String, String> b = CatalogJson.flatten(after);
        var fields = new TreeSet<>(a.keySet());
        fields.addAll(b.keySet());
        List<FieldChange> changes = new ArrayList<>();
        for (String field : fields) {
            String x = a.get(field);
            String y = b.get(field);
            if (x == null ? y != null : !x.equals(y)) {
                changes.add(new FieldChange(field, x, y));
            }
        }
        return changes;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}

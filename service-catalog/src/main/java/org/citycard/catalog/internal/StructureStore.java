package org.citycard.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citycard.catalog.Bundle;
import org.citycard.catalog.Category;
import org.citycard.catalog.LocalizedText;
import org.citycard.catalog.ServiceCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Categories and bundles: the catalog's structure around its services. */
@Repository
class StructureStore {

    private final JdbcClient jdbc;

    StructureStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Category> categories() {
        return jdbc.sql("select code, name_zh, name_en, icon, sort_order from catalog_category order by sort_order, code")
                .query((rs, n) -> new Category(rs.getString("code"),
                        LocalizedText.of(rs.getString("name_zh"), rs.getString("name_en")),
                        rs.getString("icon"), rs.getInt("sort_order")))
                .list();
    }

    Optional<Category> category(String code) {
        return categories().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    void saveCategory(Category c) {
        int updated = jdbc.sql("""
                        update catalog_category set name_zh = :zh, name_en = :en, icon = :icon, sort_order = :sort
                        where code = :code""")
                .param("code", c.code()).param("zh", c.name().zh()).param("en", c.name().en())
                .param("icon", c.icon()).param("sort", c.sortOrder())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into catalog_category (code, name_zh, name_en, icon, sort_order)
                            values (:code, :zh, :en, :icon, :sort)""")
                    .param("code", c.code()).param("zh", c.name().zh()).param("en", c.name().en())
                    .param("icon", c.icon()).param("sort", c.sortOrder())
                    .update();
        }
    }

    void deleteCategory(String code) {
        jdbc.sql("delete from catalog_category where code = :code").param("code", code).update();
    }

    List<Bundle> bundles() {
        Map<String, List<ServiceCode>> members = new LinkedHashMap<>();
        jdbc.sql("select bundle_code, service_code from catalog_bundle_service order by bundle_code, position")
                .query(rs -> {
                    members.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(ServiceCode.of(rs.getString(2)));
                });
        return jdbc.sql("""
                        select code, name_zh, name_en, description_zh, description_en, icon, sort_order
                        from catalog_bundle order by sort_order, code""")
                .query((rs, n) -> new Bundle(rs.getString("code"),
                        LocalizedText.of(rs.getString("name_zh"), rs.getString("name_en")),
                        LocalizedText.of(rs.getString("description_zh"), rs.getString("description_en")),
                        rs.getString("icon"), rs.getInt("sort_order"),
                        members.getOrDefault(rs.getString("code"), List.of())))
                .list();
    }

    Optional<Bundle> bundle(String code) {
        return bundles().stream().filter(b -> b.code().equals(code)).findFirst();
    }

    void saveBundle(Bundle b) {
        int updated = jdbc.sql("""
                        update catalog_bundle set name_zh = :zh, name_en = :en, description_zh = :dzh,
                            description_en = :den, icon = :icon, sort_order = :sort where code = :code""")
                .param("code", b.code()).param("zh", b.name().zh()).param("en", b.name().en())
                .param("dzh", b.description().zh()).param("den", b.description().en())
                .param("icon", b.icon()).param("sort", b.sortOrder())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into catalog_bundle (code, name_zh, name_en, description_zh, description_en, icon, sort_order)
                            values (:code, :zh, :en, :dzh, :den, :icon, :sort)""")
                    .param("code", b.code()).param("zh", b.name().zh()).param("en", b.name().en())
                    .param("dzh", b.description().zh()).param("den", b.description().en())
                    .param("icon", b.icon()).param("sort", b.sortOrder())
                    .update();
        }
        jdbc.sql("delete from catalog_bundle_service where bundle_code = :code").param("code", b.code()).update();
        for (int i = 0; i < b.services().size(); i++) {
            jdbc.sql("insert into catalog_bundle_service (bundle_code, position, service_code) values (:b, :p, :s)")
                    .param("b", b.code()).param("p", i).param("s", b.services().get(i).value())
                    .update();
        }
    }

    void deleteBundle(String code) {
        jdbc.sql("delete from catalog_bundle where code = :code").param("code", code).update();
    }
}

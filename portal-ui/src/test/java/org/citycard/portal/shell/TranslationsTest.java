package org.citycard.portal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.citycard.catalog.Audience;
import org.citycard.catalog.Channel;
import org.citycard.catalog.HandlerType;
import org.citycard.catalog.HandlingMode;
import org.citycard.catalog.LimitUnit;
import org.citycard.catalog.MaterialForm;
import org.citycard.catalog.Rejection;
import org.citycard.catalog.ServiceKind;
import org.citycard.catalog.ServiceStatus;
import org.junit.jupiter.api.Test;

/** Every text the portal can show exists in Chinese and in English. */
class TranslationsTest {

    private static final Pattern LITERAL = Pattern.compile("getTranslation\\(\"([a-z0-9.\\-]+)\"");
    private static final Pattern CATALOG_KEY = Pattern.compile("\"(catalog\\.(?:problem|import)\\.[a-z\\-]+)\"");

    @Test
    void chinese_and_english_have_the_same_keys() throws IOException {
        assertThat(load("portal-messages_en.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("portal-messages.properties").stringPropertyNames());
    }

    @Test
    void no_message_with_a_placeholder_holds_an_apostrophe_that_would_swallow_it() throws IOException {
        // MessageFormat reads ' as the start of quoted text: "{0}'s key" would print "{0}s key is…" and lose the rest
        for (String file : new String[] {"portal-messages.properties", "portal-messages_en.properties"}) {
            Properties messages = load(file);
            assertThat(messages.stringPropertyNames()).as(file)
                    .filteredOn(key -> messages.getProperty(key).matches("(?s).*\\{\\d}.*")
                            && messages.getProperty(key).contains("'"))
                    .isEmpty();
        }
    }

    @Test
    void every_key_the_code_uses_is_translated_in_both_languages() throws IOException {
        Set<String> used = new TreeSet<>();
        used.addAll(scan(Path.of("src/main/java"), LITERAL));
        used.addAll(scan(Path.of("../service-catalog/src/main/java"), CATALOG_KEY));
        enumKeys(used, "kind.", ServiceKind.values());
        enumKeys(used, "channel.", Channel.values());
        enumKeys(used, "status.", ServiceStatus.values());
        enumKeys(used, "handler.", HandlerType.values());
        enumKeys(used, "mode.", HandlingMode.values());
        enumKeys(used, "form.", MaterialForm.values());
        enumKeys(used, "unit.", LimitUnit.values());
        enumKeys(used, "unit.name.", LimitUnit.values());
        enumKeys(used, "audience.", Audience.values());
        enumKeys(used, "identity.problem.", org.citycard.card.IdentityProblem.values());
        enumKeys(used, "card.problem.", org.citycard.card.CardProblem.values());
        enumKeys(used, "card.status.", org.citycard.card.CardStatus.values());
        enumKeys(used, "physical.", org.citycard.card.PhysicalCardStatus.values());
        enumKeys(used, "codes.purpose.", org.citycard.card.code.CodePurpose.values());
        enumKeys(used, "platform.", org.citycard.card.ExternalLogin.values());
        enumKeys(used, "me.level.", org.citycard.card.VerificationLevel.values());
        enumKeys(used, "admin.adjust.done.", org.citycard.card.Wallets.Adjustment.Status.values());
        enumKeys(used, "admin.adjust.problem.", org.citycard.card.Wallets.Problem.values());
        enumKeys(used, "health.problem.", org.citycard.health.HealthProblem.values());
        enumKeys(used, "health.relation.", org.citycard.health.HealthCard.Relation.values());
        enumKeys(used, "health.sex.", org.citycard.card.IdNumber.Sex.values());
        enumKeys(used, "health.scene.", org.citycard.health.HospitalDesk.Scene.values());
        enumKeys(used, "health.charge-kind.", org.citycard.health.HealthCharges.Kind.values());
        enumKeys(used, "health.charge-state.", org.citycard.health.HealthCharges.State.values());
        enumKeys(used, "vaccination.problem.", org.citycard.health.vaccination.VaccinationProblem.values());
        enumKeys(used, "vaccination.state.", org.citycard.health.vaccination.Booking.State.values());
        enumKeys(used, "admin.vaccination.site.", org.citycard.health.vaccination.ClinicDesk.Site.values());
        for (String action : List.of("APPLIED", "REPORTED_LOST", "UNFROZEN", "REPLACED", "ISSUED_AS_REPLACEMENT",
                "CANCELLED", "PHYSICAL_REQUESTED", "PHYSICAL_PRODUCED", "PHYSICAL_MAILED", "PHYSICAL_ACTIVATED",
                "PHYSICAL_WITHDRAWN", "SECTOR_CARDS_LINKED", "REGISTERED", "REAL_NAME_VERIFIED", "PASSWORD_RESET",
                "SIGNED_UP_WITH_WECHAT", "SIGNED_UP_WITH_ALIPAY", "LINKED_WECHAT", "LINKED_ALIPAY", "UNLINKED_WECHAT",
                "UNLINKED_ALIPAY", "LOGIN_MOVED_TO_LINKED_CITIZEN")) {
            used.add("card.action." + action);
        }
        for (Rejection r : Rejection.values()) {
            used.add(r.messageKey());
        }
        for (String action : List.of("CREATE", "EDIT", "SUBMIT", "PUBLISH", "REJECT", "DISCARD", "ARCHIVE", "RESTORE",
                "ROLLBACK", "DELETE", "IMPORT")) {
            used.add("audit.action." + action);
        }
        for (String target : List.of("SERVICE", "CATEGORY", "BUNDLE")) {
            used.add("audit.target." + target);
        }
        assertThat(used).hasSizeGreaterThan(200);
        for (String bundle : List.of("portal-messages.properties", "portal-messages_en.properties")) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(load(bundle).stringPropertyNames());
            assertThat(missing).as("keys missing from " + bundle).isEmpty();
        }
    }

    @Test
    void chinese_is_the_default_and_english_is_available() {
        PortalI18n i18n = new PortalI18n();
        assertThat(i18n.getTranslation("shell.brand", null)).isEqualTo("市民云卡");
        assertThat(i18n.getTranslation("shell.brand", java.util.Locale.ENGLISH)).isEqualTo("CityCard");
        assertThat(i18n.getTranslation("search.count", java.util.Locale.ENGLISH, 3)).isEqualTo("3 services found");
    }

    private static <E extends Enum<E>> void enumKeys(Set<String> keys, String prefix, E[] values) {
        for (E value : values) {
            keys.add(prefix + value.name());
        }
    }

    private static Set<String> scan(Path root, Pattern pattern) throws IOException {
        Set<String> keys = new TreeSet<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
        }
        for (Path file : files) {
            Matcher m = pattern.matcher(Files.readString(file));
            while (m.find()) {
                if (!m.group(1).endsWith(".")) { // a prefix completed by an enum name, checked above
                    keys.add(m.group(1));
                }
            }
        }
        return keys;
    }

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = TranslationsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}

package org.citycard.health.vaccination.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.citycard.health.vaccination.Clinic;
import org.citycard.health.vaccination.VaccinationAdmin;
import org.citycard.health.vaccination.Vaccine;
import org.citycard.kernel.ChinaTime;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Three clinics of the demo city, four vaccines (programme and self-paid, one dose and series) and slots for the
 * next two weeks (three periods a day), loaded once into a database without clinics; the demo
 * nurse account {@code clinic} works at the first. Only when {@code citycard.vaccination.demo-data} is on, as on the
 * default profile. Slots for later days are added each start, so a newcomer always finds some.
 */
@Component
@ConditionalOnProperty(name = "citycard.vaccination.demo-data", havingValue = "true")
class DemoVaccination implements ApplicationRunner {

    private static final VaccinationAdmin.Staff SYSTEM = new VaccinationAdmin.Staff("system", true);
    static final List<Clinic> CLINICS = List.of(
            new Clinic("hsg-chc", "黄石港区社区卫生服务中心", "黄石港区", "黄石港区湖滨大道 118 号", "0714-6251120", true),
            new Clinic("xl-chc", "下陆区社区卫生服务中心", "下陆区", "下陆区新下陆大道 56 号", "0714-5411890", true),
            new Clinic("mch", "黄石市妇幼保健院预防接种门诊", "西塞山区", "西塞山区黄石大道 1125 号", "0714-6276610", true));
    static final List<Vaccine> VACCINES = List.of(
            new Vaccine("hepb-adult", "乙肝疫苗（成人）", Vaccine.Kind.PROGRAMME, 0, 3, 16 * 12, 80 * 12, List.of(28, 150), true),
            new Vaccine("mmr", "麻腮风疫苗（儿童）", Vaccine.Kind.PROGRAMME, 0, 2, 8, 72, List.of(180), false),
            new Vaccine("flu-4", "四价流感疫苗", Vaccine.Kind.SELF_PAID, 9_800, 1, 36, 1_200, List.of(), false),
            new Vaccine("hpv-9", "九价 HPV 疫苗", Vaccine.Kind.SELF_PAID, 132_900, 3, 9 * 12, 45 * 12 + 11, List.of(60, 120), true));
    private static final List<LocalTime[]> PERIODS = List.of(
            new LocalTime[] {LocalTime.of(8, 0), LocalTime.of(10, 0)},
            new LocalTime[] {LocalTime.of(10, 0), LocalTime.of(11, 30)},
            new LocalTime[] {LocalTime.of(14, 0), LocalTime.of(16, 30)});

    private final VaccinationAdmin admin;
    private final JdbcClient jdbc;

    DemoVaccination(VaccinationAdmin admin, JdbcClient jdbc) {
        this.admin = admin;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean empty = jdbc.sql("select count(*) from vacc_clinic").query(Long.class).single() == 0;
        if (empty) {
            CLINICS.forEach(c -> admin.saveClinic(SYSTEM, c));
            VACCINES.forEach(v -> admin.saveVaccine(SYSTEM, v));
            for (Clinic c : CLINICS) {
                // enough for the two weeks of places opened below (3 periods of at most 20 a day: 840)
                VACCINES.forEach(v -> admin.setStock(SYSTEM, c.id(), v.id(), 1000));
            }
            admin.assignStaff(SYSTEM, "clinic", CLINICS.getFirst().id());
            // HPV openings draw a crowd: booked through the waiting room
            admin.setWaitingRoom(SYSTEM, "hpv-9", true);
        }
        if (jdbc.sql("select count(*) from vacc_clinic where id = :id").param("id", CLINICS.getFirst().id())
                .query(Long.class).single() == 0) {
            return; // a database with clinics of its own: not the demo's
        }
        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        Instant open = Instant.now().minusSeconds(60);
        for (Clinic c : CLINICS) {
            for (Vaccine v : VACCINES) {
                admin.addSlots(SYSTEM, c.id(), v.id(), today, today.plusDays(13), PERIODS,
                        v.id().equals("hpv-9") ? 5 : 20, open);
            }
        }
    }
}

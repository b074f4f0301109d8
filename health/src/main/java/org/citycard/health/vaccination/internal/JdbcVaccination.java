package org.citycard.health.vaccination.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.health.vaccination.Booking;
import org.citycard.health.vaccination.Clinic;
import org.citycard.health.vaccination.Slot;
import org.citycard.health.vaccination.Vaccination;
import org.citycard.health.vaccination.VaccinationProblem;
import org.citycard.health.vaccination.Vaccine;
import org.citycard.kernel.ChinaTime;
import org.citycard.payment.OrderNo;
import org.citycard.payment.PaymentEnded;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.PaymentSucceeded;
import org.citycard.payment.Purpose;
import org.citycard.payment.Refunds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bookings in {@code vacc_booking}. A place is taken atomically: the slot's conditional update
 * ({@code booked < capacity}) and the booking row (its {@code active_key} refuses a second live booking of the person
 * for the vaccine), either failing undoes both; on PostgreSQL in one statement (a data-modifying {@code WITH}), elsewhere
 * in one short transaction. Whatever gate stands in front (the waiting room,
 * Redis), this is what keeps a slot from being overbooked. A place comes back exactly once: every way out of a live
 * state is a guarded update that also lowers the slot's count.
 */
@Service
class JdbcVaccination implements Vaccination, org.citycard.payment.RefundPolicy {

    static final String PURPOSE = "VACCINATION";
    private static final Logger LOG = LoggerFactory.getLogger(JdbcVaccination.class);
    private static final String ACTOR = "vaccination";
    static final String BOOKING_COLUMNS = """
            b.id, b.slot_id, b.clinic_id, k.name as clinic_name, b.vaccine_id, v.name as vaccine_name, b.dose, b.card_id,
            c.name_masked, s.slot_day, s.starts_at, s.ends_at, b.state, b.hold_until, v.price, v.kind, b.order_no,
            b.created_at""";
    static final String BOOKING_FROM = """
            from vacc_booking b join vacc_slot s on s.id = b.slot_id join vacc_clinic k on k.id = b.clinic_id
            join vacc_vaccine v on v.id = b.vaccine_id join health_card c on c.id = b.card_id""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PaymentOrders orders;
    private final ObjectProvider<Refunds> refunds;
    private final SlotGate gate;
    private final org.citycard.health.vaccination.WaitingRoom waitingRoom;
    private final org.citycard.card.RateLimits limits;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final int holdsPerMinute;
    /** PostgreSQL takes a place, and confirms a booking with what it answers, in one statement each. */
    private final boolean postgres;
    private final Clock clock = Clock.systemUTC();

    JdbcVaccination(JdbcClient jdbc, TransactionTemplate transactions, PaymentOrders orders,
                    ObjectProvider<Refunds> refunds, SlotGate gate, org.citycard.health.vaccination.WaitingRoom waitingRoom,
                    org.citycard.card.RateLimits limits, VaccinationConfiguration.Properties properties,
                    javax.sql.DataSource dataSource, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.orders = orders;
        this.refunds = refunds;
        this.gate = gate;
        this.waitingRoom = waitingRoom;
        this.limits = limits;
        this.holdsPerMinute = properties.holdsPerCitizenPerMinute();
        this.postgres = isPostgres(dataSource);
    }

    private static boolean isPostgres(javax.sql.DataSource dataSource) {
        try {
            return "PostgreSQL".equals(org.springframework.jdbc.support.JdbcUtils.extractDatabaseMetaData(dataSource,
                    java.sql.DatabaseMetaData::getDatabaseProductName));
        } catch (org.springframework.jdbc.support.MetaDataAccessException e) {
            return false; // the portable way, then
        }
    }

    /** Vaccines change seldom and are read at every hold: each node keeps them for a few seconds. */
    private final com.github.benmanes.caffeine.cache.Cache<String, Optional<Vaccine>> vaccines =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(2))
                    .maximumSize(1_000).build();
    private final com.github.benmanes.caffeine.cache.Cache<String, Boolean> queues =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(2))
                    .maximumSize(1_000).build();

    @Override
    public boolean waitingRoom(String vaccineId) {
        return queues.get(vaccineId, id -> jdbc.sql("select waiting_room from vacc_vaccine where id = :id")
                .param("id", id).query(Boolean.class).optional().orElse(false));
    }

    /** A vaccine's openings: the latest that has begun (for slots still to come) and the next. */
    private record Openings(Optional<Instant> last, Optional<Instant> next) {
    }

    /** Asked when people join a line or look where they stand: each node keeps the answer for a second. */
    private final com.github.benmanes.caffeine.cache.Cache<String, Openings> openings =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(1))
                    .maximumSize(1_000).build();

    private Openings openings(String vaccineId) {
        return openings.get(vaccineId, id -> {
            Timestamp now = Timestamp.from(clock.instant());
            return jdbc.sql("""
                            select max(case when opens_at <= :now then opens_at end),
                                   min(case when opens_at > :now then opens_at end)
                            from vacc_slot where vaccine_id = :v and slot_day >= :today""")
                    .param("v", id).param("today", today()).param("now", now)
                    .query((rs, n) -> new Openings(Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant),
                            Optional.ofNullable(rs.getTimestamp(2)).map(Timestamp::toInstant))).single();
        });
    }

    @Override
    public Optional<Instant> opening(String vaccineId) {
        Openings o = openings(vaccineId);
        if (o.next().isPresent() && org.citycard.health.vaccination.WaitingRoom.open(o.next().get(), clock.instant())) {
            return o.next();
        }
        return o.last().isPresent() ? o.last() : o.next();
    }

    @Override
    public Optional<Instant> openedLast(String vaccineId) {
        return openings(vaccineId).last();
    }

    static Clinic clinic(ResultSet rs) throws SQLException {
        return new Clinic(rs.getString("id"), rs.getString("name"), rs.getString("district"), rs.getString("address"),
                rs.getString("phone"), rs.getBoolean("active"));
    }

    static Vaccine vaccine(ResultSet rs) throws SQLException {
        return new Vaccine(rs.getString("id"), rs.getString("name"), Vaccine.Kind.valueOf(rs.getString("kind")),
                rs.getLong("price"), rs.getInt("doses"), rs.getInt("min_age_months"), rs.getInt("max_age_months"),
                intervals(rs.getString("intervals")), rs.getBoolean("same_clinic"));
    }

    static List<Integer> intervals(String text) {
        return text == null || text.isBlank() ? List.of()
                : Arrays.stream(text.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }

    static Slot slot(ResultSet rs) throws SQLException {
        return new Slot(rs.getObject("id", UUID.class), rs.getString("clinic_id"), rs.getString("vaccine_id"),
                rs.getObject("slot_day", LocalDate.class), rs.getObject("starts_at", LocalTime.class),
                rs.getObject("ends_at", LocalTime.class), rs.getInt("capacity"), rs.getInt("booked"),
                rs.getTimestamp("opens_at").toInstant());
    }

    static Booking booking(ResultSet rs) throws SQLException {
        boolean free = "PROGRAMME".equals(rs.getString("kind"));
        return new Booking(rs.getObject("id", UUID.class), rs.getObject("slot_id", UUID.class), rs.getString("clinic_id"),
                rs.getString("clinic_name"), rs.getString("vaccine_id"), rs.getString("vaccine_name"), rs.getInt("dose"),
                rs.getObject("card_id", UUID.class), rs.getString("name_masked"),
                rs.getObject("slot_day", LocalDate.class), rs.getObject("starts_at", LocalTime.class),
                rs.getObject("ends_at", LocalTime.class), Booking.State.valueOf(rs.getString("state")),
                rs.getTimestamp("hold_until") == null ? null : rs.getTimestamp("hold_until").toInstant(),
                free ? 0 : rs.getLong("price"), rs.getString("order_no") != null,
                rs.getTimestamp("created_at").toInstant());
    }

    @Override
    public List<Clinic> clinics() {
        return jdbc.sql("select * from vacc_clinic where active order by district, name").query((rs, n) -> clinic(rs)).list();
    }

    @Override
    public List<Vaccine> vaccines() {
        return jdbc.sql("select * from vacc_vaccine order by kind, name").query((rs, n) -> vaccine(rs)).list();
    }

    @Override
    public Optional<Vaccine> vaccine(String id) {
        return id == null ? Optional.empty() : vaccines.get(id, key -> jdbc.sql("select * from vacc_vaccine where id = :id")
                .param("id", key).query((rs, n) -> vaccine(rs)).optional());
    }

    @Override
    public List<Slot> slots(String vaccineId, String clinicId, LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from) || from.plusDays(62).isBefore(to)) {
            return List.of();
        }
        return jdbc.sql("select * from vacc_slot where vaccine_id = :v and slot_day between :from and :to"
                        + (clinicId == null ? "" : " and clinic_id = :c") + " order by slot_day, starts_at, clinic_id")
                .param("v", vaccineId).param("from", from).param("to", to).param("c", clinicId)
                .query((rs, n) -> slot(rs)).list();
    }

    /** One of the booker's active e-health cards: who it is for, to the rules. */
    record Person(UUID cardId, String index, LocalDate born, String nameMasked, String relation) {
    }

    List<Person> persons(CitizenId booker) {
        return jdbc.sql("""
                        select id, id_number_index, birth_date, name_masked, relation from health_card
                        where holder_id = :h and state = 'ACTIVE'
                        order by case when relation = 'SELF' then 0 else 1 end, created_at""")
                .param("h", booker.value())
                .query((rs, n) -> new Person(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getString(4), rs.getString(5))).list();
    }

    List<DoseRules.Given> given(String personIndex, String vaccineId) {
        return jdbc.sql("""
                        select dose, given_at, clinic_id from vacc_dose where person_index = :p and vaccine_id = :v
                        order by dose""")
                .param("p", personIndex).param("v", vaccineId)
                .query((rs, n) -> new DoseRules.Given(rs.getInt(1),
                        rs.getTimestamp(2).toInstant().atZone(ChinaTime.ZONE).toLocalDate(), rs.getString(3))).list();
    }

    private boolean liveBooking(String personIndex, String vaccineId) {
        return jdbc.sql("select count(*) from vacc_booking where active_key = :k").param("k", personIndex + ":" + vaccineId)
                .query(Long.class).single() > 0;
    }

    @Override
    public List<Eligibility> eligibility(CitizenId booker, String vaccineId) {
        Optional<Vaccine> vaccine = vaccine(vaccineId);
        if (vaccine.isEmpty()) {
            return List.of();
        }
        List<Eligibility> out = new ArrayList<>();
        for (Person p : persons(booker)) {
            DoseRules.Next next = DoseRules.next(vaccine.get(), p.born(), given(p.index(), vaccineId));
            VaccinationProblem problem = next.problem();
            if (problem == null && liveBooking(p.index(), vaccineId)) {
                problem = VaccinationProblem.ALREADY_BOOKED;
            }
            if (problem == null && java.time.Period.between(p.born(), today()).toTotalMonths() > vaccine.get().maxAgeMonths()) {
                problem = VaccinationProblem.AGE;
            }
            out.add(new Eligibility(p.cardId(), p.nameMasked(), p.relation(), problem == null ? next.dose() : 0,
                    next.earliest(), next.clinicId(), problem));
        }
        return out;
    }

    /**
     * Slots the database said were full in the last second, on this node: an opening's thousands of late tries are
     * answered from memory. A place given back is offered again at most a second later; the database still decides
     * every hold that goes on.
     */
    private final com.github.benmanes.caffeine.cache.Cache<UUID, Boolean> fullHere =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(1))
                    .maximumSize(100_000).build();

    private Result full(UUID slot) {
        fullHere.put(slot, Boolean.TRUE);
        return new Result.Refused(VaccinationProblem.FULL);
    }

    @Override
    public boolean knownFull(UUID slotId) {
        return slotId != null && fullHere.getIfPresent(slotId) != null;
    }

    /** A slot with its clinic's name, as a hold reads it. */
    private record HoldSlot(Slot slot, String clinicName) {
    }

    /**
     * A slot never changes once made but for its count: each node keeps what a hold reads of it for half a minute (its
     * clinic's new name, if renamed, shows that much later), so that an opening's tries do not ask for it again. The
     * count kept is not used: whether places are left is the gate's and the database's to say.
     */
    private final com.github.benmanes.caffeine.cache.Cache<UUID, HoldSlot> holdSlots =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(30))
                    .maximumSize(20_000).build();

    /**
     * One of the booker's active cards for a hold: whether its person already has a live booking of the vaccine, and
     * how many of its doses they were given (most who book have none, and need not be asked which).
     */
    private record HoldPerson(Person person, boolean liveBooking, long doses) {
    }

    private Optional<HoldPerson> holdPerson(CitizenId booker, UUID cardId, String vaccineId) {
        return cardId == null ? Optional.empty() : jdbc.sql("""
                        select c.id, c.id_number_index, c.birth_date, c.name_masked, c.relation,
                               (select count(*) from vacc_booking b
                                where b.active_key = c.id_number_index || ':' || :v) as live,
                               (select count(*) from vacc_dose d
                                where d.person_index = c.id_number_index and d.vaccine_id = :v) as doses
                        from health_card c where c.id = :card and c.holder_id = :h and c.state = 'ACTIVE'""")
                .param("card", cardId).param("h", booker.value()).param("v", vaccineId)
                .query((rs, n) -> new HoldPerson(new Person(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getString(4), rs.getString(5)), rs.getLong(6) > 0,
                        rs.getLong(7)))
                .optional();
    }

    /**
     * Takes a place in as few round trips as the rules allow (an opening is thousands of these a second): the slot
     * with its clinic's name, the person with whether they hold a live booking already and how many doses they had
     * (which ones only when there are any), then the transaction; the answer is built from what was read, not read
     * again.
     */
    @Override
    public Result hold(CitizenId booker, UUID cardId, UUID slotId) {
        if (knownFull(slotId)) {
            return new Result.Refused(VaccinationProblem.FULL);
        }
        HoldSlot known = slotId == null ? null : holdSlots.getIfPresent(slotId);
        Optional<HoldSlot> slot = known != null || slotId == null ? Optional.ofNullable(known) : jdbc.sql(
                        "select s.*, k.name as clinic_name from vacc_slot s join vacc_clinic k on k.id = s.clinic_id"
                                + " where s.id = :id")
                .param("id", slotId).query((rs, n) -> new HoldSlot(slot(rs), rs.getString("clinic_name"))).optional();
        if (slot.isEmpty()) {
            return new Result.Refused(VaccinationProblem.UNKNOWN_SLOT);
        }
        if (known == null) {
            holdSlots.put(slotId, slot.get());
        }
        Slot s = slot.get().slot();
        // as the database keeps it, so that the answer matches what is read back later
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (now.isBefore(s.opensAt())) {
            return new Result.Refused(VaccinationProblem.NOT_OPEN_YET);
        }
        if (s.day().isBefore(today()) || s.day().equals(today())
                && !LocalTime.now(clock.withZone(ChinaTime.ZONE)).isBefore(s.endsAt())) {
            return new Result.Refused(VaccinationProblem.TOO_LATE);
        }
        // once sold out, most tries end here: the slot's own count (just read) or this node's memory of the sell-out
        if (known == null && s.left() == 0) {
            return full(s.id());
        }
        if (holdsPerMinute > 0 && !holdAllowed(booker)) {
            return new Result.Refused(VaccinationProblem.SLOW_DOWN);
        }
        Optional<HoldPerson> found = holdPerson(booker, cardId, s.vaccineId());
        if (found.isEmpty()) {
            return new Result.Refused(VaccinationProblem.UNKNOWN_PERSON);
        }
        Person person = found.get().person();
        Vaccine vaccine = vaccine(s.vaccineId()).orElseThrow();
        // admitted in the line of this slot's own opening (another opening's line may be filling meanwhile)
        if (waitingRoom(vaccine.id()) && !waitingRoom.status(vaccine.id(), s.opensAt(), booker)
                .map(org.citycard.health.vaccination.WaitingRoom.Status::admitted).orElse(false)) {
            return new Result.Refused(VaccinationProblem.NOT_ADMITTED);
        }
        List<DoseRules.Given> given = found.get().doses() == 0 ? List.of() : given(person.index(), vaccine.id());
        VaccinationProblem refusal = DoseRules.refusal(vaccine, person.born(), given, s.day(), s.clinicId());
        if (refusal != null) {
            return new Result.Refused(refusal);
        }
        // a second booking for the same person would only borrow a place from the gate to give it back
        if (found.get().liveBooking()) {
            return new Result.Refused(VaccinationProblem.ALREADY_BOOKED);
        }
        // a place set aside at the gate (atomically, in Redis) before the statement that takes it for good. The gate at
        // zero may only mean places in flight (a try that will fail and give its place back) or a count it lost: then the
        // database is asked, and while it has places left the try goes on to its conditional update (a gate that counts
        // too high only lets a try reach the database, which refuses it); a sell-out both agree on is kept in memory
        boolean setAside = gate.take(s.id(), () -> placesLeft(s.id()));
        if (!setAside && !databaseHasPlaces(s.id())) {
            return new Result.Refused(VaccinationProblem.FULL);
        }
        UUID id = UUID.randomUUID();
        try {
            if (!take(new Take(id, s, vaccine.id(), given.size() + 1, booker, cardId, person.index(), now))) {
                gate.full(s.id());
                return full(s.id());
            }
        } catch (DuplicateKeyException e) {
            if (setAside) {
                gate.giveBack(s.id());
            }
            return new Result.Refused(VaccinationProblem.ALREADY_BOOKED);
        } catch (RuntimeException e) {
            if (setAside) {
                gate.giveBack(s.id());
            }
            throw e;
        }
        return new Result.Done(new Booking(id, s.id(), s.clinicId(), slot.get().clinicName(), vaccine.id(), vaccine.name(),
                given.size() + 1, cardId, person.nameMasked(), s.day(), s.startsAt(), s.endsAt(),
                Booking.State.HELD, now.plus(HOLD), vaccine.dueFen(), false, now));
    }

    /**
     * When the gate said full and the database had places left (on this node), the first time: places in flight are
     * the likely reason, and they settle within a second.
     */
    private final com.github.benmanes.caffeine.cache.Cache<UUID, Instant> gateDoubted =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().expireAfterWrite(java.time.Duration.ofSeconds(10))
                    .maximumSize(100_000).build();

    /**
     * The gate says none are left: whether the database still has places. A slot the database says is full is kept as
     * full here. When the two have disagreed for more than a second on this node, the gate has lost count (a place set
     * aside whose give-back was cut off with its connection is never given back otherwise) and learns the database's.
     */
    private boolean databaseHasPlaces(UUID slot) {
        int left = placesLeft(slot);
        if (left == 0) {
            full(slot);
            return false;
        }
        Instant first = gateDoubted.get(slot, id -> clock.instant());
        if (!first.plusSeconds(1).isAfter(clock.instant())) {
            gateDoubted.invalidate(slot);
            gate.recount(slot, left);
            LOG.info("vaccination: the slot gate had lost count of a slot, set again from the database");
        }
        return true;
    }

    /**
     * The per-citizen hold limit, shared in Redis: when it cannot be asked (Redis restarting), the try goes on, as it
     * does past the gate; the limit only slows bots, the database decides every place.
     */
    private boolean holdAllowed(CitizenId booker) {
        try {
            return limits.tryTake("vaccination-hold:" + booker, holdsPerMinute, java.time.Duration.ofMinutes(1));
        } catch (RuntimeException e) {
            LOG.warn("vaccination: the hold limit could not be asked ({}), the try goes on", e.getClass().getSimpleName());
            return true;
        }
    }

    private int placesLeft(UUID slot) {
        return jdbc.sql("select capacity - booked from vacc_slot where id = :id").param("id", slot).query(Integer.class)
                .single();
    }

    /** What taking a place writes: the booking held, and one more booked in its slot. */
    private record Take(UUID id, Slot slot, String vaccineId, int dose, CitizenId booker, UUID cardId,
                        String personIndex, Instant now) {
    }

    private static final String INSERT_BOOKING = """
            insert into vacc_booking (id, slot_id, clinic_id, vaccine_id, dose, booker_id, card_id, person_index, state,
                active_key, hold_until, created_at)""";
    private static final String BOOKING_VALUES = """
            :id, :slot, :clinic, :vaccine, :dose, :booker, :card, :person, 'HELD', :key, :until, :now""";
    private static final String TAKE_PLACE = "update vacc_slot set booked = booked + 1 where id = :slot and booked < capacity";

    /**
     * Takes the place and writes the booking, both or neither: false when the slot had none left. A second live
     * booking of the person for the vaccine is refused by {@code active_key} ({@link DuplicateKeyException}).
     */
    private boolean take(Take t) {
        if (postgres) {
            return bind(jdbc.sql("with taken as (" + TAKE_PLACE + " returning id) " + INSERT_BOOKING + " select "
                    + BOOKING_VALUES + " from taken"), t).update() == 1;
        }
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            bind(jdbc.sql(INSERT_BOOKING + " values (" + BOOKING_VALUES + ")"), t).update();
            if (jdbc.sql(TAKE_PLACE).param("slot", t.slot().id()).update() == 0) {
                tx.setRollbackOnly();
                return false;
            }
            return true;
        }));
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Take t) {
        return sql.param("id", t.id()).param("slot", t.slot().id()).param("clinic", t.slot().clinicId())
                .param("vaccine", t.vaccineId()).param("dose", t.dose()).param("booker", t.booker().value())
                .param("card", t.cardId()).param("person", t.personIndex()).param("key", t.personIndex() + ":" + t.vaccineId())
                .param("until", Timestamp.from(t.now().plus(HOLD))).param("now", Timestamp.from(t.now()));
    }

    /** Held, the booker's, nothing to pay ({@link Vaccine#free()} in SQL). */
    private static final String CONFIRM = """
            update vacc_booking set state = 'CONFIRMED', confirmed_at = :now, hold_until = null
            where id = :id and booker_id = :b and state = 'HELD'
              and vaccine_id in (select id from vacc_vaccine where kind = 'PROGRAMME' or price = 0)""";
    private static final String CONFIRM_ANSWERED = "with confirmed as (" + CONFIRM + " returning *) select "
            + BOOKING_COLUMNS + " " + BOOKING_FROM.replace("from vacc_booking b", "from confirmed b");

    /**
     * Confirms in one guarded update, on PostgreSQL answering with the booking in the same statement; only a refusal
     * is read again to be explained.
     */
    @Override
    public Result confirm(CitizenId booker, UUID bookingId) {
        Optional<Booking> confirmed;
        if (postgres) { // the booking as the update left it, with what the answer shows of its slot, clinic and card
            confirmed = jdbc.sql(CONFIRM_ANSWERED)
                    .param("now", Timestamp.from(clock.instant())).param("id", bookingId).param("b", booker.value())
                    .query((rs, n) -> booking(rs)).optional();
        } else {
            confirmed = jdbc.sql(CONFIRM).param("now", Timestamp.from(clock.instant())).param("id", bookingId)
                    .param("b", booker.value()).update() == 1 ? booking(booker, bookingId) : Optional.empty();
        }
        if (confirmed.isPresent()) {
            return new Result.Done(confirmed.get());
        }
        Optional<Booking> b = booking(booker, bookingId);
        if (b.isEmpty()) {
            return new Result.Refused(VaccinationProblem.UNKNOWN_BOOKING);
        }
        return new Result.Refused(b.get().priceFen() > 0 ? VaccinationProblem.PAY_FIRST : VaccinationProblem.WRONG_STATE);
    }

    @Override
    public PayStart pay(CitizenId booker, UUID bookingId, String idempotencyKey) {
        Optional<Booking> b = booking(booker, bookingId);
        if (b.isEmpty()) {
            return new PayStart.Refused(VaccinationProblem.UNKNOWN_BOOKING);
        }
        if (b.get().state() != Booking.State.HELD || b.get().priceFen() == 0) {
            return new PayStart.Refused(VaccinationProblem.WRONG_STATE);
        }
        if (b.get().holdUntil() != null && !b.get().holdUntil().isAfter(clock.instant())) {
            return new PayStart.Refused(VaccinationProblem.WRONG_STATE); // the hold ran out: the place goes back
        }
        String underWay = jdbc.sql("select order_no from vacc_booking where id = :id").param("id", bookingId)
                .query(String.class).optional().orElse(null);
        if (underWay != null) {
            Optional<PaymentOrder> order = orders.find(booker, new OrderNo(underWay));
            if (order.isPresent() && order.get().state().open()) {
                return new PayStart.Existing(order.get());
            }
            jdbc.sql("update vacc_booking set order_no = null where id = :id and order_no = :o").param("id", bookingId)
                    .param("o", underWay).update();
        }
        PaymentOrder order = switch (orders.create(booker, new Purpose(PURPOSE, bookingId.toString()), b.get().priceFen(),
                "疫苗接种 " + b.get().vaccineName(), "vaccination:" + bookingId + ":"
                        + (idempotencyKey == null ? "" : idempotencyKey))) {
            case PaymentOrders.Creation.Created created -> created.order();
            case PaymentOrders.Creation.Existing existing -> existing.order();
            case PaymentOrders.Creation.Refused refused ->
                    throw new IllegalStateException("the payment module refused a vaccination order: " + refused.problem());
        };
        // paying takes a while at the cashier: the place is kept as long as the order may be paid, but never longer than
        // one cashier's window after the hold (starting a payment again and again must not keep a place for good; a
        // payment that arrives after the place went is refunded)
        Instant cap = b.get().createdAt().plus(HOLD).plus(PaymentOrders.DEFAULT_EXPIRY);
        Instant keep = java.util.Collections.min(List.of(clock.instant().plus(PaymentOrders.DEFAULT_EXPIRY), cap));
        int claimed = jdbc.sql("""
                        update vacc_booking set order_no = :o, hold_until = :keep
                        where id = :id and state = 'HELD' and order_no is null""")
                .param("o", order.no().value()).param("keep", Timestamp.from(keep)).param("id", bookingId).update();
        if (claimed == 0) {
            // another tap at once claimed the booking first (with this order, or its own under another key): its
            // order is the answer while it can be paid, not a refusal; the order made here is never paid and lapses
            Optional<PaymentOrder> first = jdbc.sql("select order_no from vacc_booking where id = :id and state = 'HELD'")
                    .param("id", bookingId).query(String.class).optional()
                    .flatMap(no -> orders.find(booker, new OrderNo(no)))
                    .filter(o -> o.state().open());
            return first.<PayStart>map(PayStart.Existing::new).orElse(new PayStart.Refused(VaccinationProblem.WRONG_STATE));
        }
        return new PayStart.Created(order);
    }

    @Override
    public Result cancel(CitizenId booker, UUID bookingId) {
        Optional<Booking> b = booking(booker, bookingId);
        if (b.isEmpty()) {
            return new Result.Refused(VaccinationProblem.UNKNOWN_BOOKING);
        }
        if (b.get().state() != Booking.State.HELD && b.get().state() != Booking.State.CONFIRMED) {
            return new Result.Refused(VaccinationProblem.WRONG_STATE);
        }
        if (!b.get().day().isAfter(today())) {
            return new Result.Refused(VaccinationProblem.PAST_CUT_OFF);
        }
        if (!release(bookingId, Booking.State.CANCELLED, b.get().state())) {
            return new Result.Refused(VaccinationProblem.WRONG_STATE);
        }
        return new Result.Done(booking(booker, bookingId).orElseThrow());
    }

    /** Ends a live booking from the state it was seen in and gives its place back, once; false if it moved on. */
    boolean release(UUID bookingId, Booking.State to, Booking.State from) {
        UUID slot = transactions.execute(tx -> {
            int ended = jdbc.sql("""
                            update vacc_booking set state = :to, active_key = null, ended_at = :now, hold_until = null
                            where id = :id and state = :from""")
                    .param("to", to.name()).param("now", Timestamp.from(clock.instant())).param("id", bookingId)
                    .param("from", from.name()).update();
            if (ended == 0) {
                return null;
            }
            UUID slotId = jdbc.sql("select slot_id from vacc_booking where id = :id").param("id", bookingId)
                    .query(UUID.class).single();
            jdbc.sql("update vacc_slot set booked = booked - 1 where id = :id and booked > 0").param("id", slotId).update();
            refundIfPaid(bookingId, (to == Booking.State.CANCELLED ? "预约已取消 booking cancelled " : "预约已结束 booking ended ")
                    + bookingId);
            return slotId;
        });
        if (slot == null) {
            return false;
        }
        gate.giveBack(slot);
        fullHere.invalidate(slot);
        return true;
    }

    /**
     * A checked-in booking ends without the dose, once: the person may book the vaccine again, and a paid booking is
     * refunded when the desk said no dose was given (not when the day merely ended with none recorded). The place was
     * used that day and is not offered again. False if it was not checked in.
     */
    boolean endWithoutDose(UUID bookingId, org.citycard.health.vaccination.ClinicDesk.NotGiven reason) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            int moved = jdbc.sql("""
                            update vacc_booking set state = 'NOT_GIVEN', not_given_reason = :reason, active_key = null,
                                                    ended_at = :now
                            where id = :id and state = 'CHECKED_IN'""")
                    .param("reason", reason.name()).param("now", Timestamp.from(clock.instant())).param("id", bookingId)
                    .update();
            // at the desk the staff say no dose was given; a day that ended with none recorded may be a dose given and
            // not written down: that refund is for the clinic and finance to decide (a refund by hand is allowed)
            if (moved == 1 && reason != org.citycard.health.vaccination.ClinicDesk.NotGiven.NOT_RECORDED) {
                refundIfPaid(bookingId, "未接种 dose not given " + bookingId);
            }
            return moved == 1;
        }));
    }

    /** In the transaction that ends a booking: what was paid for it is due back ({@link VaccinationRefundDue}). */
    private void refundIfPaid(UUID bookingId, String reason) {
        jdbc.sql("select paid_order from vacc_booking where id = :id").param("id", bookingId).query(String.class)
                .optional().ifPresent(order -> events.publishEvent(new VaccinationRefundDue(order, reason)));
    }

    /**
     * What the order charged, less what went back already, is refunded. A refund already on its way for it (heard
     * twice) is refused as too large and leaves nothing to do; a refund that could not be asked for throws, and the
     * publication is tried again.
     */
    @ApplicationModuleListener(id = "vaccination.refund-due", propagation = Propagation.REQUIRES_NEW)
    void on(VaccinationRefundDue due) {
        OrderNo no = new OrderNo(due.orderNo());
        long left = orders.find(no).map(PaymentOrder::refundableFen).orElse(0L);
        if (left > 0) {
            refund(no, left, due.reason());
        }
    }

    /** Checked-in bookings of days gone by with no dose recorded: ended as not given (not refunded by itself); how many. */
    int closeCheckedIn() {
        List<UUID> open = jdbc.sql("""
                        select id from vacc_booking
                        where state = 'CHECKED_IN' and slot_id in (select id from vacc_slot where slot_day < :today)""")
                .param("today", today()).query(UUID.class).list();
        int closed = 0;
        for (UUID id : open) {
            closed += endWithoutDose(id, org.citycard.health.vaccination.ClinicDesk.NotGiven.NOT_RECORDED) ? 1 : 0;
        }
        return closed;
    }

    /** Held places not confirmed in time go back; how many. */
    int expireHolds() {
        List<UUID> due = jdbc.sql("select id from vacc_booking where state = 'HELD' and hold_until < :now")
                .param("now", Timestamp.from(clock.instant())).query(UUID.class).list();
        int expired = 0;
        for (UUID id : due) {
            expired += release(id, Booking.State.EXPIRED, Booking.State.HELD) ? 1 : 0;
        }
        return expired;
    }

    /** Confirmed bookings of days gone by that were never checked in: no-shows (their place was used up). */
    int recordNoShows() {
        return jdbc.sql("""
                        update vacc_booking set state = 'NO_SHOW', active_key = null, ended_at = :now
                        where state = 'CONFIRMED' and slot_id in (select id from vacc_slot where slot_day < :today)""")
                .param("now", Timestamp.from(clock.instant())).param("today", today()).update();
    }

    /**
     * The bookers of tomorrow's confirmed bookings are reminded (where, when, the e-health card to bring), once per
     * booking whichever node runs it and however often (the message's key); how many were sent.
     */
    int remindTomorrow(org.citycard.messages.Messages messages) {
        LocalDate tomorrow = today().plusDays(1);
        record Due(Booking booking, UUID booker) {
        }
        List<Due> due = jdbc.sql("select " + BOOKING_COLUMNS + ", b.booker_id " + BOOKING_FROM
                        + " where s.slot_day = :day and b.state = 'CONFIRMED'")
                .param("day", tomorrow).query((rs, n) -> new Due(booking(rs), rs.getObject("booker_id", UUID.class))).list();
        int sent = 0;
        for (Due d : due) {
            Booking b = d.booking();
            UUID booker = d.booker();
            String when = b.day() + " " + b.startsAt() + "–" + b.endsAt();
            messages.send(new org.citycard.messages.Notice(new CitizenId(booker),
                    org.citycard.messages.Topic.VACCINATION_REMINDER, false, "明天接种提醒",
                    b.personNameMasked() + " 预约了 " + when + " 在" + b.clinicName() + "接种" + b.vaccineName() + "第 "
                            + b.dose() + " 剂，请带上电子健康卡（到门诊出示二维码签到）。如不能前往，请在今天取消。",
                    "Vaccination tomorrow", b.personNameMasked() + " is booked for " + b.vaccineName() + " (dose "
                            + b.dose() + ") at " + b.clinicName() + ", " + when + ". Bring the e-health card to check in;"
                            + " cancel today if you cannot come.", "/vaccination", "vaccination:reminder:" + b.id()));
            sent++;
        }
        return sent;
    }

    @Override
    public List<Booking> bookings(CitizenId booker, int limit) {
        return jdbc.sql("select " + BOOKING_COLUMNS + " " + BOOKING_FROM + " where b.booker_id = :b "
                        + "order by s.slot_day desc, s.starts_at desc limit :limit")
                .param("b", booker.value()).param("limit", Math.max(1, Math.min(limit, 200)))
                .query((rs, n) -> booking(rs)).list();
    }

    @Override
    public Optional<Booking> booking(CitizenId booker, UUID id) {
        return jdbc.sql("select " + BOOKING_COLUMNS + " " + BOOKING_FROM + " where b.id = :id and b.booker_id = :b")
                .param("id", id).param("b", booker.value()).query((rs, n) -> booking(rs)).optional();
    }

    @ApplicationModuleListener(id = "vaccination.payment.paid", propagation = Propagation.REQUIRES_NEW)
    void on(PaymentSucceeded paid) {
        if (!PURPOSE.equals(paid.purpose().kind())) {
            return;
        }
        UUID id = UUID.fromString(paid.purpose().reference());
        int confirmed = jdbc.sql("""
                        update vacc_booking set state = 'CONFIRMED', confirmed_at = :now, hold_until = null,
                               paid_order = :o, order_no = null
                        where id = :id and state = 'HELD'""")
                .param("now", Timestamp.from(clock.instant())).param("o", paid.order().value()).param("id", id).update();
        if (confirmed == 1) {
            return;
        }
        String paidWith = jdbc.sql("select paid_order from vacc_booking where id = :id").param("id", id)
                .query(String.class).optional().orElse(null);
        if (paid.order().value().equals(paidWith)) {
            return; // heard again
        }
        // the hold ran out (the place went to someone else) or it was paid already: the money goes back
        jdbc.sql("update vacc_booking set order_no = null where id = :id and order_no = :o").param("id", id)
                .param("o", paid.order().value()).update();
        refund(paid.order(), paid.amountFen(), "预约已失效或已支付 booking no longer held " + id);
    }

    @ApplicationModuleListener(id = "vaccination.payment.ended", propagation = Propagation.REQUIRES_NEW)
    void on(PaymentEnded ended) {
        if (!PURPOSE.equals(ended.purpose().kind())) {
            return;
        }
        jdbc.sql("update vacc_booking set order_no = null where id = :id and order_no = :o")
                .param("id", UUID.fromString(ended.purpose().reference())).param("o", ended.order().value()).update();
    }

    private void refund(OrderNo order, long amountFen, String reason) {
        Refunds.Result result = refunds.getObject().refund(order, amountFen, "自动退款 Automatic refund: " + reason, ACTOR);
        switch (result) {
            case Refunds.Result.Done d -> LOG.info("vaccination: order {} given back", order.value());
            case Refunds.Result.Pending p -> LOG.info("vaccination: order {} being given back", order.value());
            case Refunds.Result.AwaitingApproval a ->
                    LOG.info("vaccination: order {} to be given back once approved", order.value());
            case Refunds.Result.Refused r when r.problem() == PaymentOrders.Problem.REFUND_TOO_LARGE ->
                    LOG.info("vaccination: order {} is being given back already", order.value());
            // the channel or a second person said no: the refund stays on the payments console for finance
            default -> LOG.warn("vaccination: order {} not given back ({})", order.value(),
                    result.getClass().getSimpleName());
        }
    }

    /** A dose given is not refunded by hand; a booking still to come is cancelled (and refunded) by its booker. */
    @Override
    public Optional<String> refusal(PaymentOrder order, long amountFen, String refundNo) {
        if (!PURPOSE.equals(order.purpose().kind())) {
            return Optional.empty();
        }
        return jdbc.sql("select state from vacc_booking where id = :id and paid_order = :o")
                .param("id", UUID.fromString(order.purpose().reference())).param("o", order.no().value())
                .query(String.class).optional()
                .filter(state -> state.equals("VACCINATED") || state.equals("CHECKED_IN") || state.equals("CONFIRMED"))
                .map(state -> "vaccination.booking-" + state.toLowerCase(java.util.Locale.ROOT));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ChinaTime.ZONE));
    }
}

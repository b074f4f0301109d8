package org.citycard.portal.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.citycard.health.vaccination.Booking;
import org.citycard.health.vaccination.Clinic;
import org.citycard.health.vaccination.ClinicDesk;
import org.citycard.health.vaccination.Vaccination;
import org.citycard.health.vaccination.VaccinationAdmin;
import org.citycard.health.vaccination.VaccinationProblem;
import org.citycard.health.vaccination.Vaccine;
import org.citycard.kernel.ChinaTime;
import org.citycard.portal.shell.Svg;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * The vaccination console. At a clinic (CLINIC_STAFF, their own clinic only): the day's bookings, checking people in
 * by scanning their e-health card, recording each dose (batch, site: the certificate follows), stock and slots. The
 * city (HEALTH_ADMIN, ADMIN): every clinic, staff assignments, and two weeks of bookings, vaccinations and no-shows as
 * a chart. CLINIC_STAFF, HEALTH_ADMIN, ADMIN.
 */
@Route(value = "admin/vaccination", layout = AdminLayout.class)
@RolesAllowed({"CLINIC_STAFF", "HEALTH_ADMIN", "ADMIN"})
public class AdminVaccinationView extends Div implements HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final VaccinationAdmin admin;
    private final ClinicDesk desk;
    private final Vaccination vaccination;
    private final VaccinationAdmin.Staff staff;
    private final Select<Clinic> clinic = new Select<>();
    private final Grid<Booking> today = new Grid<>();
    private final Paragraph outcome = new Paragraph();
    private final Div stock = new Div();
    /** The waiting rooms' switches, filled again when a vaccine is added. */
    private final Div rooms = new Div();
    /** The lists of vaccines to choose from, refreshed when a vaccine is added. */
    private final List<Select<Vaccine>> vaccineLists = new ArrayList<>();
    private final Div figures = new Div();

    public AdminVaccinationView(VaccinationAdmin admin, ClinicDesk desk, Vaccination vaccination,
                                AuthenticationContext auth) {
        this.admin = admin;
        this.desk = desk;
        this.vaccination = vaccination;
        this.staff = new VaccinationAdmin.Staff(auth.getPrincipalName().orElse("?"), auth.hasAnyRole("HEALTH_ADMIN", "ADMIN"));
        addClassName("cc-admin-vaccination");
        outcome.setId("vaccination-desk-outcome");
        outcome.getElement().setAttribute("role", "status");
        List<Clinic> mine = admin.clinics(staff);
        add(new H1(getTranslation("admin.vaccination.heading")));
        if (mine.isEmpty()) {
            // a city without clinics yet (production starts without demo data): the city makes the first one here
            add(new Paragraph(getTranslation(staff.cityAdmin() ? "admin.vaccination.no-clinic-yet"
                    : "admin.vaccination.no-clinic")));
            if (staff.cityAdmin()) {
                add(outcome, clinicsAndVaccines());
            }
            return;
        }
        clinic.setLabel(getTranslation("vaccination.clinic"));
        clinic.setId("vaccination-desk-clinic");
        clinic.setItems(mine);
        clinic.setItemLabelGenerator(Clinic::name);
        clinic.setValue(mine.getFirst());
        clinic.addValueChangeListener(e -> refresh());

        TextField code = new TextField(getTranslation("admin.vaccination.scan"));
        code.setId("vaccination-desk-code");
        code.setHelperText(getTranslation("admin.vaccination.scan-help"));
        code.setMaxLength(100);
        Button checkIn = new Button(getTranslation("admin.vaccination.check-in"), e -> {
            switch (desk.checkIn(staff, clinic.getValue().id(), code.getValue())) {
                case Vaccination.Result.Done done -> say(getTranslation("admin.vaccination.checked-in",
                        done.booking().personNameMasked(), done.booking().vaccineName(), done.booking().dose()), false);
                case Vaccination.Result.Refused refused ->
                        say(getTranslation("vaccination.problem." + refused.problem().name()), true);
            }
            code.clear();
            code.focus();
            refresh();
        });
        checkIn.setId("vaccination-desk-check-in");
        checkIn.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        checkIn.addClickShortcut(Key.ENTER);
        Div scan = new Div(code, checkIn);
        scan.addClassName("cc-filters");

        today.setId("vaccination-desk-today");
        today.addColumn(b -> TIME.format(b.startsAt()) + "–" + TIME.format(b.endsAt()))
                .setHeader(getTranslation("admin.vaccination.period")).setAutoWidth(true);
        today.addColumn(Booking::personNameMasked).setHeader(getTranslation("admin.vaccination.person"));
        today.addColumn(b -> b.vaccineName() + " · " + getTranslation("vaccination.dose", b.dose()))
                .setHeader(getTranslation("vaccination.vaccine"));
        today.addColumn(b -> getTranslation("vaccination.state." + b.state().name()))
                .setHeader(getTranslation("admin.vaccination.state"));
        today.addComponentColumn(this::doseForm).setHeader(getTranslation("admin.vaccination.dose")).setAutoWidth(true);
        today.setAllRowsVisible(true);

        add(clinic, new H2(getTranslation("admin.vaccination.today")), scan, outcome, today,
                new H2(getTranslation("admin.vaccination.stock")), stock, stockForm(), slotsForm(),
                new H2(getTranslation("admin.vaccination.figures")), figures);
        if (staff.cityAdmin()) {
            add(clinicsAndVaccines(), staffForm(), rooms);
            fillWaitingRooms();
        }
        refresh();
    }

    private void say(String text, boolean problem) {
        outcome.setText(text);
        if (problem) {
            outcome.addClassName("cc-problem");
        } else {
            outcome.removeClassName("cc-problem");
        }
    }

    /** For a checked-in person: the batch and site, and recording the dose. */
    private Div doseForm(Booking b) {
        Div form = new Div();
        if (b.state() != Booking.State.CHECKED_IN) {
            return form;
        }
        TextField batch = new TextField();
        batch.setAriaLabel(getTranslation("admin.vaccination.batch"));
        batch.setPlaceholder(getTranslation("admin.vaccination.batch"));
        batch.setId("vaccination-batch-" + b.id());
        batch.setMaxLength(32);
        Select<ClinicDesk.Site> site = new Select<>();
        site.setAriaLabel(getTranslation("admin.vaccination.site"));
        site.setItems(ClinicDesk.Site.values());
        site.setItemLabelGenerator(s -> getTranslation("admin.vaccination.site." + s.name()));
        site.setValue(ClinicDesk.Site.LEFT_ARM);
        site.setId("vaccination-site-" + b.id());
        Button record = new Button(getTranslation("admin.vaccination.record"), e -> {
            switch (desk.vaccinate(staff, b.id(), batch.getValue(), site.getValue())) {
                case ClinicDesk.Given.Certified certified -> say(getTranslation("admin.vaccination.recorded",
                        b.personNameMasked(), certified.certificate().publicId()), false);
                case ClinicDesk.Given.Refused refused -> say(getTranslation("vaccination.problem." + refused.problem().name()), true);
            }
            refresh();
        });
        record.setId("vaccination-record-" + b.id());
        // the doctor puts the dose off, or it is not for this person, or they decide against it: the booking ends
        Select<ClinicDesk.NotGiven> why = new Select<>();
        why.setLabel(getTranslation("admin.vaccination.not-given-reason"));
        why.setItems(ClinicDesk.NotGiven.DEFERRED, ClinicDesk.NotGiven.CONTRAINDICATED, ClinicDesk.NotGiven.DECLINED);
        why.setItemLabelGenerator(r -> getTranslation("admin.vaccination.not-given." + r.name()));
        why.setId("vaccination-not-given-reason-" + b.id());
        // ending a booking cannot be undone (and refunds what was paid): the reason first, then a confirmation
        Button notGiven = new Button(getTranslation("admin.vaccination.not-given"), e -> {
            if (why.getValue() == null) {
                why.setErrorMessage(getTranslation("admin.vaccination.not-given-reason-required"));
                why.setInvalid(true);
                return;
            }
            why.setInvalid(false);
            confirmNotGiven(b, why.getValue());
        });
        notGiven.setId("vaccination-not-given-" + b.id());
        form.add(batch, site, record, why, notGiven);
        form.addClassName("cc-card-actions");
        return form;
    }

    private void confirmNotGiven(Booking b, ClinicDesk.NotGiven reason) {
        com.vaadin.flow.component.dialog.Dialog dialog = new com.vaadin.flow.component.dialog.Dialog();
        dialog.setHeaderTitle(getTranslation("admin.vaccination.not-given-confirm-title"));
        Paragraph what = new Paragraph(getTranslation("admin.vaccination.not-given-confirm", b.personNameMasked(),
                b.vaccineName(), getTranslation("admin.vaccination.not-given." + reason.name())));
        what.setId("vaccination-not-given-what");
        dialog.add(what);
        Button yes = new Button(getTranslation("admin.vaccination.not-given"), e -> {
            dialog.close();
            switch (desk.notGiven(staff, b.id(), reason)) {
                case Vaccination.Result.Done done ->
                        say(getTranslation("admin.vaccination.not-given-done", b.personNameMasked()), false);
                case Vaccination.Result.Refused refused ->
                        say(getTranslation("vaccination.problem." + refused.problem().name()), true);
            }
            refresh();
        });
        yes.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        yes.setId("vaccination-not-given-yes");
        Button no = new Button(getTranslation("admin.cancel"), e -> dialog.close());
        no.setId("vaccination-not-given-no");
        dialog.getFooter().add(no, yes);
        dialog.open();
        no.focus();
    }

    private Div slotsForm() {
        Select<Vaccine> vaccine = new Select<>();
        vaccine.setLabel(getTranslation("vaccination.vaccine"));
        vaccine.setItems(vaccination.vaccines());
        vaccine.setItemLabelGenerator(Vaccine::name);
        vaccine.setId("vaccination-slots-vaccine");
        vaccineLists.add(vaccine);
        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        DatePicker from = new DatePicker(getTranslation("admin.parking.pass-from"), today.plusDays(14));
        DatePicker to = new DatePicker(getTranslation("admin.parking.pass-until"), today.plusDays(20));
        TextField periods = new TextField(getTranslation("admin.vaccination.periods"), "08:00-10:00,14:00-16:30", "");
        periods.setHelperText(getTranslation("admin.vaccination.periods-help"));
        periods.setId("vaccination-slots-periods");
        IntegerField capacity = new IntegerField(getTranslation("admin.vaccination.capacity"));
        capacity.setMin(1);
        capacity.setMax(10_000);
        capacity.setValue(20);
        capacity.setId("vaccination-slots-capacity");
        // when booking opens (an opening: a crowded vaccine's waiting room admits from that moment), in China time
        DatePicker opensOn = new DatePicker(getTranslation("admin.vaccination.opens-on"), today);
        opensOn.setId("vaccination-slots-opens-on");
        TextField opensAt = new TextField(getTranslation("admin.vaccination.opens-at"),
                TIME.format(LocalTime.now(ChinaTime.ZONE)), "");
        opensAt.setHelperText(getTranslation("admin.vaccination.opens-at-help"));
        opensAt.setMaxLength(5);
        opensAt.setId("vaccination-slots-opens-at");
        Paragraph added = new Paragraph();
        added.setId("vaccination-slots-outcome");
        Button add = new Button(getTranslation("admin.vaccination.add-slots"), e -> {
            Optional<List<LocalTime[]>> parsed = periods(periods.getValue());
            Optional<Instant> opens = opening(opensOn.getValue(), opensAt.getValue());
            VaccinationAdmin.SlotsAdded result = vaccine.getValue() == null || parsed.isEmpty() || opens.isEmpty()
                    ? new VaccinationAdmin.SlotsAdded.Refused(VaccinationProblem.BAD_INPUT)
                    : admin.addSlots(staff, clinic.getValue().id(), vaccine.getValue().id(), from.getValue(), to.getValue(),
                    parsed.get(), capacity.getValue() == null ? 0 : capacity.getValue(), opens.get());
            added.setText(switch (result) {
                case VaccinationAdmin.SlotsAdded.Added a -> getTranslation("admin.vaccination.slots-added", a.slots());
                case VaccinationAdmin.SlotsAdded.Refused r -> getTranslation("vaccination.problem." + r.problem().name());
            });
            refresh();
        });
        add.setId("vaccination-slots-add");
        Div form = new Div(vaccine, from, to, periods, capacity, opensOn, opensAt, add);
        form.addClassName("cc-filters");
        return new Div(new H2(getTranslation("admin.vaccination.slots")), form, added);
    }

    /** A day and "HH:mm" in China time as the moment booking opens; empty when either is missing or not a time. */
    static Optional<Instant> opening(LocalDate day, String time) {
        try {
            return day == null || time == null ? Optional.empty()
                    : Optional.of(day.atTime(LocalTime.parse(time.strip())).atZone(ChinaTime.ZONE).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The clinic's doses on hand of a vaccine, as counted: what the desk lowers with each dose given. */
    private Div stockForm() {
        Select<Vaccine> vaccine = new Select<>();
        vaccine.setLabel(getTranslation("vaccination.vaccine"));
        vaccine.setItems(vaccination.vaccines());
        vaccine.setItemLabelGenerator(Vaccine::name);
        vaccine.setId("vaccination-stock-vaccine");
        vaccineLists.add(vaccine);
        IntegerField onHand = new IntegerField(getTranslation("admin.vaccination.on-hand-field"));
        onHand.setMin(0);
        onHand.setMax(1_000_000);
        onHand.setId("vaccination-stock-on-hand");
        Button set = new Button(getTranslation("admin.vaccination.set-stock"), e -> {
            Optional<VaccinationProblem> refused = vaccine.getValue() == null
                    || onHand.getValue() == null || onHand.isInvalid()
                    ? Optional.of(VaccinationProblem.BAD_INPUT)
                    : admin.setStock(staff, clinic.getValue().id(), vaccine.getValue().id(), onHand.getValue());
            if (refused.isPresent()) {
                say(getTranslation("vaccination.problem." + refused.get().name()), true);
            } else {
                say(getTranslation("admin.vaccination.stock-set", vaccine.getValue().name(), onHand.getValue()), false);
            }
            refresh();
        });
        set.setId("vaccination-stock-set");
        Div form = new Div(vaccine, onHand, set);
        form.addClassName("cc-filters");
        return form;
    }

    /** "08:00-10:00,14:00-16:30" as periods; empty when any is not a period of the day. */
    static Optional<List<LocalTime[]>> periods(String text) {
        List<LocalTime[]> out = new ArrayList<>();
        try {
            for (String part : (text == null ? "" : text).split("[,，]")) {
                String[] ends = part.strip().split("[-–~]");
                if (ends.length != 2) {
                    return Optional.empty();
                }
                out.add(new LocalTime[] {LocalTime.parse(ends[0].strip()), LocalTime.parse(ends[1].strip())});
            }
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private Div staffForm() {
        TextField username = new TextField(getTranslation("admin.parking.staff-account"));
        username.setId("vaccination-staff-username");
        username.setMaxLength(32);
        Paragraph done = new Paragraph();
        Button assign = new Button(getTranslation("admin.vaccination.assign"), e -> done.setText(
                admin.assignStaff(staff, username.getValue(), clinic.getValue().id())
                        .map(p -> getTranslation("vaccination.problem." + p.name()))
                        .orElse(getTranslation("admin.vaccination.assigned", username.getValue(), clinic.getValue().name()))));
        assign.setId("vaccination-staff-assign");
        Div form = new Div(username, assign);
        form.addClassName("cc-filters");
        return new Div(new H2(getTranslation("admin.vaccination.staff")), form, done);
    }

    /** Which vaccines are booked through the waiting room (their openings draw a crowd); the city's choice. */
    private void fillWaitingRooms() {
        Div box = rooms;
        box.removeAll();
        box.add(new H2(getTranslation("admin.vaccination.waiting-rooms")),
                new Paragraph(getTranslation("admin.vaccination.waiting-rooms-help")));
        for (Vaccine v : vaccination.vaccines()) {
            com.vaadin.flow.component.checkbox.Checkbox on = new com.vaadin.flow.component.checkbox.Checkbox(v.name(),
                    vaccination.waitingRoom(v.id()));
            on.setId("vaccination-waiting-room-" + v.id());
            on.addValueChangeListener(e -> say(admin.setWaitingRoom(staff, v.id(), e.getValue())
                    .map(p -> getTranslation("vaccination.problem." + p.name()))
                    .orElse(getTranslation(e.getValue() ? "admin.vaccination.waiting-room-on" : "admin.vaccination.waiting-room-off",
                            v.name())), false));
            box.add(new Div(on));
        }
    }

    /**
     * The city's clinics and vaccines (the city only): an id that exists is updated, a new one added. What an opening
     * is made of, on a platform that starts without demo data.
     */
    private Div clinicsAndVaccines() {
        TextField clinicId = text("admin.vaccination.clinic-id", "vaccination-new-clinic-id", 32);
        clinicId.setHelperText(getTranslation("admin.vaccination.id-help"));
        TextField clinicName = text("admin.vaccination.clinic-name", "vaccination-new-clinic-name", 64);
        TextField district = text("admin.vaccination.district", "vaccination-new-clinic-district", 32);
        TextField address = text("admin.vaccination.address", "vaccination-new-clinic-address", 128);
        TextField phone = text("admin.vaccination.phone", "vaccination-new-clinic-phone", 20);
        com.vaadin.flow.component.checkbox.Checkbox open = new com.vaadin.flow.component.checkbox.Checkbox(
                getTranslation("admin.vaccination.clinic-active"), true);
        open.setId("vaccination-new-clinic-active");
        Button saveClinic = new Button(getTranslation("admin.vaccination.save-clinic"), e -> {
            Clinic c = new Clinic(clinicId.getValue().strip(), clinicName.getValue(), district.getValue(),
                    address.getValue(), phone.getValue().strip(), open.getValue());
            Optional<VaccinationProblem> refused = admin.saveClinic(staff, c);
            if (refused.isPresent()) {
                say(getTranslation("vaccination.problem." + refused.get().name()), true);
                return;
            }
            if (clinic.getValue() == null) {
                getUI().ifPresent(ui -> ui.getPage().reload()); // the first clinic: the whole console now
                return;
            }
            Clinic chosen = clinic.getValue();
            clinic.setItems(admin.clinics(staff));
            admin.clinics(staff).stream().filter(x -> x.id().equals(chosen.id())).findFirst().ifPresent(clinic::setValue);
            say(getTranslation("admin.vaccination.clinic-saved", c.name().strip()), false);
        });
        saveClinic.setId("vaccination-new-clinic-save");
        Div clinicForm = new Div(clinicId, clinicName, district, address, phone, open, saveClinic);
        clinicForm.addClassName("cc-filters");

        TextField vaccineId = text("admin.vaccination.vaccine-id", "vaccination-new-vaccine-id", 32);
        vaccineId.setHelperText(getTranslation("admin.vaccination.id-help"));
        TextField vaccineName = text("admin.vaccination.vaccine-name", "vaccination-new-vaccine-name", 64);
        Select<Vaccine.Kind> kind = new Select<>();
        kind.setLabel(getTranslation("admin.vaccination.kind"));
        kind.setItems(Vaccine.Kind.values());
        kind.setItemLabelGenerator(k -> getTranslation("admin.vaccination.kind." + k.name()));
        kind.setValue(Vaccine.Kind.PROGRAMME);
        kind.setId("vaccination-new-vaccine-kind");
        com.vaadin.flow.component.textfield.BigDecimalField price =
                new com.vaadin.flow.component.textfield.BigDecimalField(getTranslation("admin.vaccination.price"));
        price.setValue(java.math.BigDecimal.ZERO);
        price.setId("vaccination-new-vaccine-price");
        IntegerField doses = number("admin.vaccination.doses", "vaccination-new-vaccine-doses", 1, 6, 1);
        IntegerField minAge = number("admin.vaccination.min-age", "vaccination-new-vaccine-min-age", 0, 1_500, 0);
        IntegerField maxAge = number("admin.vaccination.max-age", "vaccination-new-vaccine-max-age", 0, 1_500, 1_200);
        TextField intervals = text("admin.vaccination.intervals", "vaccination-new-vaccine-intervals", 40);
        intervals.setHelperText(getTranslation("admin.vaccination.intervals-help"));
        com.vaadin.flow.component.checkbox.Checkbox sameClinic = new com.vaadin.flow.component.checkbox.Checkbox(
                getTranslation("admin.vaccination.same-clinic"), false);
        sameClinic.setId("vaccination-new-vaccine-same-clinic");
        Button saveVaccine = new Button(getTranslation("admin.vaccination.save-vaccine"), e -> {
            Optional<Vaccine> v = vaccine(vaccineId.getValue(), vaccineName.getValue(), kind.getValue(), price.getValue(),
                    doses.getValue(), minAge.getValue(), maxAge.getValue(), intervals.getValue(), sameClinic.getValue());
            Optional<VaccinationProblem> refused = v.isEmpty() ? Optional.of(VaccinationProblem.BAD_INPUT)
                    : admin.saveVaccine(staff, v.get());
            if (refused.isPresent()) {
                say(getTranslation("vaccination.problem." + refused.get().name()), true);
                return;
            }
            say(getTranslation("admin.vaccination.vaccine-saved", v.get().name().strip()), false);
            vaccineLists.forEach(list -> list.setItems(vaccination.vaccines()));
            if (clinic.getValue() != null) {
                fillWaitingRooms();
            }
        });
        saveVaccine.setId("vaccination-new-vaccine-save");
        Div vaccineForm = new Div(vaccineId, vaccineName, kind, price, doses, minAge, maxAge, intervals, sameClinic,
                saveVaccine);
        vaccineForm.addClassName("cc-filters");
        return new Div(new H2(getTranslation("admin.vaccination.catalog")), new H3(getTranslation("admin.vaccination.clinics")),
                clinicForm, new H3(getTranslation("admin.vaccination.vaccines")), vaccineForm);
    }

    /** A vaccine from the form's fields; empty when a number is missing or the intervals are not numbers. */
    static Optional<Vaccine> vaccine(String id, String name, Vaccine.Kind kind, java.math.BigDecimal yuan, Integer doses,
                                     Integer minAge, Integer maxAge, String intervals, boolean sameClinic) {
        if (id == null || name == null || kind == null || yuan == null || doses == null || minAge == null
                || maxAge == null) {
            return Optional.empty();
        }
        List<Integer> days = new ArrayList<>();
        String text = intervals == null ? "" : intervals.strip();
        try {
            for (String part : text.isEmpty() ? new String[0] : text.split("[,，\\s]+")) {
                days.add(Integer.parseInt(part));
            }
            long fen = yuan.movePointRight(2).longValueExact();
            return Optional.of(new Vaccine(id.strip(), name, kind, fen, doses, minAge, maxAge, days, sameClinic));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private TextField text(String label, String id, int max) {
        TextField field = new TextField(getTranslation(label));
        field.setId(id);
        field.setMaxLength(max);
        return field;
    }

    private IntegerField number(String label, String id, int min, int max, int value) {
        IntegerField field = new IntegerField(getTranslation(label));
        field.setId(id);
        field.setMin(min);
        field.setMax(max);
        field.setValue(value);
        return field;
    }

    private void refresh() {
        if (clinic.getValue() == null) {
            return;
        }
        String id = clinic.getValue().id();
        today.setItems(desk.today(staff, id));
        stock.removeAll();
        for (VaccinationAdmin.Stock s : admin.stock(staff)) {
            if (s.clinicId().equals(id)) {
                String name = vaccination.vaccine(s.vaccineId()).map(Vaccine::name).orElse(s.vaccineId());
                Paragraph line = new Paragraph(getTranslation("admin.vaccination.on-hand", name, s.onHand(), s.booked(),
                        s.open()));
                if (s.shortfall() > 0) {
                    line.add(" " + getTranslation("admin.vaccination.shortfall", s.shortfall()));
                    line.addClassName("cc-problem");
                }
                line.setId("vaccination-stock-" + s.vaccineId());
                stock.add(line);
            }
        }
        figures.removeAll();
        LocalDate from = LocalDate.now(ChinaTime.ZONE).minusDays(6);
        List<VaccinationAdmin.DayFigures> days = admin.figures(staff, from, from.plusDays(13)).stream()
                .filter(f -> f.clinicId().equals(id)).toList();
        figures.add(chart(from, days));
    }

    /** Places and what became of them per day, as bars: booked (confirmed and done) over capacity, no-shows apart. */
    private Html chart(LocalDate from, List<VaccinationAdmin.DayFigures> days) {
        int width = 14 * 44 + 20;
        int height = 160;
        int max = 1;
        int[] capacity = new int[14];
        int[] booked = new int[14];
        int[] noShows = new int[14];
        for (VaccinationAdmin.DayFigures f : days) {
            int i = (int) java.time.temporal.ChronoUnit.DAYS.between(from, f.day());
            if (i >= 0 && i < 14) {
                capacity[i] += f.capacity();
                booked[i] += f.held() + f.confirmed() + f.vaccinated() + f.notGiven();
                noShows[i] += f.noShows();
                max = Math.max(max, capacity[i]);
            }
        }
        StringBuilder label = new StringBuilder(getTranslation("admin.vaccination.chart")).append(": ");
        StringBuilder bars = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            int x = 10 + i * 44;
            int c = capacity[i] * height / max;
            int b = booked[i] * height / max;
            int n = noShows[i] * height / max;
            LocalDate day = from.plusDays(i);
            bars.append("<rect x=\"").append(x).append("\" y=\"").append(height - c + 10).append("\" width=\"30\" height=\"")
                    .append(c).append("\" fill=\"currentColor\" opacity=\"0.2\"></rect>")
                    .append("<rect x=\"").append(x).append("\" y=\"").append(height - b + 10).append("\" width=\"30\" height=\"")
                    .append(b).append("\" fill=\"currentColor\" opacity=\"0.8\"></rect>")
                    .append("<rect x=\"").append(x + 8).append("\" y=\"").append(height - n + 10).append("\" width=\"14\" height=\"")
                    .append(n).append("\" fill=\"#b3261e\"></rect>")
                    .append("<text x=\"").append(x + 15).append("\" y=\"").append(height + 30)
                    .append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"currentColor\">").append(day.getMonthValue())
                    .append('/').append(day.getDayOfMonth()).append("</text>");
            if (capacity[i] > 0) {
                label.append(getTranslation("admin.vaccination.chart-day", day, booked[i], capacity[i], noShows[i])).append("; ");
            }
        }
        return new Html("<div class=\"cc-month-chart-box\"><svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cc-month-chart\" "
                + "role=\"img\" viewBox=\"0 0 " + width + " " + (height + 40) + "\" aria-label=\"" + Svg.escape(label.toString())
                + "\">" + bars + "</svg></div>");
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.vaccination.heading") + " · " + getTranslation("shell.brand");
    }
}

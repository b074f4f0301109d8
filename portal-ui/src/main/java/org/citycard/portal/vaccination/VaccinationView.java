package org.citycard.portal.vaccination;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.health.vaccination.Booking;
import org.citycard.health.vaccination.Clinic;
import org.citycard.health.vaccination.Slot;
import org.citycard.health.vaccination.Vaccination;
import org.citycard.health.vaccination.VaccinationProblem;
import org.citycard.health.vaccination.Vaccine;
import org.citycard.health.vaccination.WaitingRoom;
import org.citycard.kernel.ChinaTime;
import org.citycard.portal.account.PayPanel;
import org.citycard.portal.account.WalletView;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * Vaccination booking (疫苗接种预约): choose a vaccine (its rules and price beside it), a clinic or all, for whom
 * (the e-health cards the citizen holds, each with its next dose or why not), then a day on a two-week calendar
 * coloured by the places left, then a period; the place is held for five minutes while the citizen confirms (free
 * vaccines) or pays (self-paid ones). Below: the citizen's bookings, with cancelling until the day before. Anyone
 * may look at the slots; booking asks to sign in.
 */
@Route(value = "vaccination", layout = PortalLayout.class)
@AnonymousAllowed
public class VaccinationView extends Div implements HasDynamicTitle, com.vaadin.flow.router.BeforeEnterObserver {

    private static final int DAYS = 14;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Vaccination vaccination;
    private final WaitingRoom room;
    private final org.citycard.payment.PaymentOrders orders;
    private final org.citycard.payment.Checkout checkout;
    private final String sandboxCashier;
    private final CitizenId citizen;
    private final Select<Vaccine> vaccine = new Select<>();
    private final Select<String> clinic = new Select<>();
    private final RadioButtonGroup<Vaccination.Eligibility> whom = new RadioButtonGroup<>();
    private final Paragraph rules = new Paragraph();
    private final Div calendar = new Div();
    private final Div periods = new Div();
    private final Div holding = new Div();
    private final Div mine = new Div();
    private final Div queue = new Div();
    private final Paragraph outcome = new Paragraph();
    private final Map<String, Clinic> clinics = new LinkedHashMap<>();
    private LocalDate chosenDay;

    public VaccinationView(Vaccination vaccination, WaitingRoom room, org.citycard.payment.PaymentOrders orders,
                           org.citycard.payment.Checkout checkout,
                           @org.springframework.beans.factory.annotation.Value("${citycard.payment.sandbox-cashier:}") String sandboxCashier,
                           AuthenticationContext auth) {
        this.vaccination = vaccination;
        this.room = room;
        this.orders = orders;
        this.checkout = checkout;
        this.sandboxCashier = sandboxCashier;
        this.citizen = auth.getPrincipalName().flatMap(CitizenId::parse).orElse(null);
        addClassName("cc-vaccination");
        vaccination.clinics().forEach(c -> clinics.put(c.id(), c));

        vaccine.setLabel(getTranslation("vaccination.vaccine"));
        vaccine.setId("vaccination-vaccine");
        vaccine.setItems(vaccination.vaccines());
        vaccine.setItemLabelGenerator(Vaccine::name);
        clinic.setLabel(getTranslation("vaccination.clinic"));
        clinic.setId("vaccination-clinic");
        List<String> clinicIds = new java.util.ArrayList<>();
        clinicIds.add("");
        clinicIds.addAll(clinics.keySet());
        clinic.setItems(clinicIds);
        clinic.setItemLabelGenerator(id -> id.isEmpty() ? getTranslation("vaccination.all-clinics")
                : clinics.get(id).name() + " · " + clinics.get(id).district());
        clinic.setValue("");
        whom.setLabel(getTranslation("vaccination.whom"));
        whom.setId("vaccination-whom");
        whom.setItemLabelGenerator(this::eligibilityLabel);
        whom.setItemEnabledProvider(e -> e.problem() == null);
        rules.setId("vaccination-rules");
        calendar.setId("vaccination-calendar");
        calendar.addClassName("cc-vaccination-calendar");
        periods.setId("vaccination-periods");
        holding.setId("vaccination-holding");
        outcome.setId("vaccination-outcome");
        outcome.getElement().setAttribute("role", "status");
        Div choices = new Div(vaccine, clinic);
        choices.addClassName("cc-filters");
        queue.setId("vaccination-queue-box");
        add(new H1(getTranslation("vaccination.heading")), new Paragraph(getTranslation("vaccination.intro")), choices,
                rules, queue);
        if (citizen == null) {
            add(new Paragraph(new Anchor("signin", getTranslation("vaccination.sign-in"))));
        } else {
            add(whom);
        }
        add(new H2(getTranslation("vaccination.days")), calendar, periods, outcome, holding);
        if (citizen != null) {
            add(new H2(getTranslation("vaccination.mine")), mine,
                    new Paragraph(new Anchor("me/vaccination/certificates", getTranslation("vaccination.certificates"))));
        }
        vaccine.addValueChangeListener(e -> chosen());
        clinic.addValueChangeListener(e -> showCalendar());
        whom.addValueChangeListener(e -> showPeriods());
        vaccination.vaccines().stream().findFirst().ifPresent(vaccine::setValue);
        showMine();
    }

    /** {@code ?vaccine=<id>} chooses the vaccine, so that a link can lead straight to it. */
    @Override
    public void beforeEnter(com.vaadin.flow.router.BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("vaccine").flatMap(vaccination::vaccine)
                .ifPresent(vaccine::setValue);
    }

    private String eligibilityLabel(Vaccination.Eligibility e) {
        String who = getTranslation("health.relation." + e.relation()) + " · " + e.personNameMasked();
        if (e.problem() != null) {
            return who + " — " + getTranslation("vaccination.problem." + e.problem().name());
        }
        String where = e.clinicId() == null || !clinics.containsKey(e.clinicId()) ? ""
                : getTranslation("vaccination.at-clinic", clinics.get(e.clinicId()).name());
        return who + " — " + getTranslation("vaccination.next-dose", e.nextDose(), e.earliest()) + where;
    }

    private void chosen() {
        Vaccine v = vaccine.getValue();
        if (v == null) {
            return;
        }
        rules.setText(getTranslation("vaccination.rules", v.doses(), v.minAgeMonths() / 12, v.minAgeMonths() % 12,
                v.maxAgeMonths() / 12, v.free() ? getTranslation("vaccination.free")
                        : WalletView.yuan(v.priceFen()), v.sameClinic() ? getTranslation("vaccination.same-clinic") : ""));
        if (citizen != null) {
            List<Vaccination.Eligibility> options = vaccination.eligibility(citizen, v.id());
            whom.setItems(options);
            options.stream().filter(e -> e.problem() == null).findFirst().ifPresent(whom::setValue);
            if (options.isEmpty()) {
                whom.setHelperComponent(new Anchor("me/health", getTranslation("vaccination.need-card")));
            } else {
                whom.setHelperComponent(null);
            }
        }
        chosenDay = null;
        showQueue();
        showCalendar();
    }

    /** A crowded vaccine is booked through the waiting room: where the citizen stands, or the way in. */
    private void showQueue() {
        queue.removeAll();
        Vaccine v = vaccine.getValue();
        if (v == null || !vaccination.waitingRoom(v.id())) {
            return;
        }
        Optional<WaitingRoom.Status> status = citizen == null ? Optional.empty()
                : vaccination.opening(v.id()).flatMap(o -> room.status(v.id(), o, citizen));
        if (status.map(WaitingRoom.Status::admitted).orElse(false)) {
            queue.add(new Paragraph(getTranslation("vaccination.queue-admitted", status.get().number())));
            return;
        }
        Anchor join = new Anchor("vaccination/queue/" + v.id(), getTranslation(status.isPresent()
                ? "vaccination.queue-back" : "vaccination.queue-join"));
        join.setId("vaccination-queue");
        // a plain page outside the router: waiting keeps no Vaadin UI alive
        join.setRouterIgnore(true);
        join.addClassNames("cc-start-button", "cc-start-link");
        queue.add(new Paragraph(getTranslation("vaccination.queue-help")), join);
    }

    /** Booking is open to the citizen: no waiting room, or admitted by it. */
    private boolean mayBook() {
        Vaccine v = vaccine.getValue();
        return v == null || !vaccination.waitingRoom(v.id()) || java.util.stream.Stream.of(vaccination.opening(v.id()),
                        vaccination.openedLast(v.id())).flatMap(Optional::stream)
                .anyMatch(o -> room.status(v.id(), o, citizen).map(WaitingRoom.Status::admitted).orElse(false));
    }

    private List<Slot> slots() {
        Vaccine v = vaccine.getValue();
        if (v == null) {
            return List.of();
        }
        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        String c = clinic.getValue() == null || clinic.getValue().isEmpty() ? null : clinic.getValue();
        return vaccination.slots(v.id(), c, today, today.plusDays(DAYS - 1));
    }

    /** Two weeks as a grid of days, each with its places left in words and as a colour. */
    private void showCalendar() {
        calendar.removeAll();
        Map<LocalDate, Integer> left = new LinkedHashMap<>();
        for (Slot s : slots()) {
            left.merge(s.day(), s.left(), Integer::sum);
        }
        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        for (int i = 0; i < DAYS; i++) {
            LocalDate day = today.plusDays(i);
            int places = left.getOrDefault(day, 0);
            String weekday = day.getDayOfWeek().getDisplayName(TextStyle.SHORT, getLocale());
            Button b = new Button();
            b.getElement().appendChild(new Span(day.getMonthValue() + "/" + day.getDayOfMonth()).getElement(),
                    new Span(weekday).getElement(), new Span(places == 0 ? getTranslation("vaccination.none-left")
                            : getTranslation("vaccination.left", places)).getElement());
            b.addClassName("cc-vaccination-day");
            b.addClassName(places == 0 ? "cc-day-none" : places < 10 ? "cc-day-few" : "cc-day-plenty");
            b.setId("vaccination-day-" + day);
            b.setEnabled(places > 0);
            b.getElement().setAttribute("aria-pressed", String.valueOf(day.equals(chosenDay)));
            b.addClickListener(e -> {
                chosenDay = day;
                showCalendar();
                showPeriods();
            });
            calendar.add(b);
        }
        if (left.isEmpty()) {
            calendar.add(new Paragraph(getTranslation("vaccination.no-slots")));
        }
        showPeriods();
    }

    private void showPeriods() {
        periods.removeAll();
        if (chosenDay == null) {
            return;
        }
        UnorderedList list = new UnorderedList();
        list.addClassName("cc-health-cards");
        boolean mayBook = citizen != null && whom.getValue() != null && mayBook();
        for (Slot s : slots()) {
            if (!s.day().equals(chosenDay)) {
                continue;
            }
            Clinic c = clinics.get(s.clinicId());
            ListItem item = new ListItem();
            item.addClassName("cc-parking-lot");
            item.add(new Paragraph(getTranslation("vaccination.period", c == null ? s.clinicId() : c.name(),
                    TIME.format(s.startsAt()), TIME.format(s.endsAt()), s.left())));
            if (citizen != null && s.left() > 0) {
                Button book = new Button(getTranslation("vaccination.book"), e -> hold(s));
                book.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                book.setId("vaccination-book-" + s.id());
                book.setEnabled(mayBook);
                item.add(book);
            }
            list.add(item);
        }
        periods.add(new H3(getTranslation("vaccination.periods-of", chosenDay)), list);
    }

    private void hold(Slot slot) {
        Vaccination.Eligibility who = whom.getValue();
        if (who == null) {
            problem(VaccinationProblem.UNKNOWN_PERSON);
            return;
        }
        switch (vaccination.hold(citizen, who.cardId(), slot.id())) {
            case Vaccination.Result.Done done -> {
                outcome.setText("");
                outcome.removeClassName("cc-problem");
                showHolding(done.booking());
            }
            case Vaccination.Result.Refused refused -> problem(refused.problem());
        }
        showCalendar();
        showMine();
    }

    private void showHolding(Booking b) {
        holding.removeAll();
        long minutes = Math.max(1, Duration.between(Instant.now(), b.holdUntil()).toMinutes());
        holding.add(new H3(getTranslation("vaccination.held", b.personNameMasked(), b.vaccineName(), b.dose(),
                b.clinicName(), b.day(), TIME.format(b.startsAt()), minutes)));
        if (b.priceFen() == 0) {
            Button confirm = new Button(getTranslation("vaccination.confirm"), e -> {
                switch (vaccination.confirm(citizen, b.id())) {
                    case Vaccination.Result.Done done -> {
                        holding.removeAll();
                        outcome.setText(getTranslation("vaccination.confirmed", done.booking().clinicName(),
                                done.booking().day(), TIME.format(done.booking().startsAt())));
                        outcome.removeClassName("cc-problem");
                    }
                    case Vaccination.Result.Refused refused -> problem(refused.problem());
                }
                showMine();
            });
            confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            confirm.setId("vaccination-confirm");
            holding.add(confirm);
        } else {
            var channel = PayPanel.channelChoice(this, checkout, "vaccination-channel");
            PayPanel panel = new PayPanel("vaccination-pay", orders, checkout, sandboxCashier, citizen, order -> {
                Paragraph status = new Paragraph(getTranslation("vaccination.paid-now", WalletView.yuan(order.amountFen())));
                status.setId("vaccination-receipt");
                holding.add(status);
                return () -> {
                    boolean confirmed = vaccination.booking(citizen, b.id())
                            .map(x -> x.state() == Booking.State.CONFIRMED).orElse(false);
                    if (confirmed) {
                        status.setText(getTranslation("vaccination.confirmed", b.clinicName(), b.day(),
                                TIME.format(b.startsAt())));
                        showMine();
                    }
                    return confirmed;
                };
            });
            Button pay = new Button(getTranslation("vaccination.pay", WalletView.yuan(b.priceFen())));
            pay.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            pay.setId("vaccination-submit");
            pay.addClickListener(e -> {
                switch (vaccination.pay(citizen, b.id(), UUID.randomUUID().toString())) {
                    case Vaccination.PayStart.Created created -> panel.pay(created.order(), channel.getValue());
                    case Vaccination.PayStart.Existing existing -> panel.pay(existing.order(), channel.getValue());
                    case Vaccination.PayStart.Refused refused ->
                            panel.problemShown(getTranslation("vaccination.problem." + refused.problem().name()));
                }
            });
            holding.add(channel, pay, panel);
        }
        holding.getElement().callJsFunction("scrollIntoView");
    }

    private void showMine() {
        if (citizen == null) {
            return;
        }
        mine.removeAll();
        List<Booking> bookings = vaccination.bookings(citizen, 20);
        if (bookings.isEmpty()) {
            mine.add(new Paragraph(getTranslation("vaccination.no-bookings")));
            return;
        }
        UnorderedList list = new UnorderedList();
        list.setId("vaccination-bookings");
        list.addClassName("cc-health-cards");
        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        for (Booking b : bookings) {
            ListItem item = new ListItem();
            item.addClassName("cc-parking-lot");
            item.add(new H3(b.vaccineName() + " · " + getTranslation("vaccination.dose", b.dose()) + " · "
                            + b.personNameMasked()),
                    new Paragraph(getTranslation("vaccination.when-where", b.day(), TIME.format(b.startsAt()),
                            TIME.format(b.endsAt()), b.clinicName())),
                    new Paragraph(getTranslation("vaccination.state." + b.state().name())));
            if (b.state() == Booking.State.HELD) {
                Button resume = new Button(getTranslation("vaccination.resume"), e -> showHolding(b));
                resume.setId("vaccination-resume-" + b.id());
                item.add(resume);
            }
            if ((b.state() == Booking.State.HELD || b.state() == Booking.State.CONFIRMED) && b.day().isAfter(today)) {
                Button cancel = new Button(getTranslation("vaccination.cancel"));
                cancel.setId("vaccination-cancel-" + b.id());
                Button really = new Button(getTranslation("vaccination.cancel-confirm"), e -> {
                    switch (vaccination.cancel(citizen, b.id())) {
                        case Vaccination.Result.Done done -> {
                            outcome.setText(getTranslation("vaccination.cancelled"));
                            outcome.removeClassName("cc-problem");
                        }
                        case Vaccination.Result.Refused refused -> problem(refused.problem());
                    }
                    showMine();
                    showCalendar();
                });
                really.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
                really.setId("vaccination-cancel-confirm-" + b.id());
                really.setVisible(false);
                cancel.addClickListener(e -> {
                    cancel.setVisible(false);
                    really.setVisible(true);
                    really.focus();
                });
                item.add(new Div(cancel, really));
            }
            list.add(item);
        }
        mine.add(list);
    }

    private void problem(VaccinationProblem problem) {
        outcome.setText(getTranslation("vaccination.problem." + problem.name()));
        outcome.addClassName("cc-problem");
    }

    Optional<CitizenId> citizen() {
        return Optional.ofNullable(citizen);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("vaccination.heading") + " · " + getTranslation("shell.brand");
    }
}

package org.citycard.portal.account;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.citycard.card.CitizenId;
import org.citycard.kernel.ChinaTime;
import org.citycard.parking.ParkingPayments;
import org.citycard.parking.ParkingPlates;
import org.citycard.parking.ParkingSession;
import org.citycard.parking.Plate;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * A driver's parking: their plates (bind up to three; one owner per plate), their stays with the time so far and the
 * fee so far for a car still parked (brought up to date every 30 seconds), what is due, and paying it through any
 * channel. A signed-in citizen, their own plates and stays only.
 */
@Route(value = "me/parking", layout = PortalLayout.class)
@RolesAllowed("CITIZEN")
public class MyParkingView extends CitizenPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ChinaTime.ZONE);
    private static final int REFRESH_MS = 30_000;

    private final ParkingPlates plates;
    private final ParkingPayments payments;
    private final PaymentOrders orders;
    private final Checkout checkout;
    private final String sandboxCashier;
    private final Div paying = new Div();
    /** The stays, brought up to date every half minute without touching a payment in progress below them. */
    private final Div staysBox = new Div();
    private CitizenId citizen;
    private Registration polling;

    public MyParkingView(ParkingPlates plates, ParkingPayments payments, PaymentOrders orders, Checkout checkout,
                         @org.springframework.beans.factory.annotation.Value("${citycard.payment.sandbox-cashier:}") String sandboxCashier,
                         AuthenticationContext auth) {
        super(auth, "myparking.heading", "cc-my-parking");
        this.plates = plates;
        this.payments = payments;
        this.orders = orders;
        this.checkout = checkout;
        this.sandboxCashier = sandboxCashier;
        paying.setId("myparking-paying");
    }

    @Override
    protected void show(CitizenId citizen) {
        this.citizen = citizen;
        removeAll();
        paying.removeAll();
        add(new H1(getTranslation("myparking.heading")), new Paragraph(new Anchor("parking", getTranslation("parking.title"))));
        staysBox.removeAll();
        staysBox.add(stays());
        add(new H2(getTranslation("myparking.stays")), staysBox, paying, new H2(getTranslation("myparking.plates")),
                plateList(), bindForm());
    }

    private Div stays() {
        Div list = new Div();
        list.setId("myparking-stays");
        List<ParkingPayments.Stay> stays = payments.stays(citizen, 20);
        List<ParkingPayments.Stay> arrears = payments.arrears(citizen);
        if (!arrears.isEmpty()) {
            Paragraph owed = new Paragraph(getTranslation("myparking.arrears", WalletView.yuan(arrears.stream()
                    .mapToLong(ParkingPayments.Stay::dueFen).sum()), arrears.size()));
            owed.addClassName("cc-problem");
            owed.setId("myparking-arrears");
            list.add(owed);
        }
        if (stays.isEmpty()) {
            list.add(new Paragraph(getTranslation("myparking.no-stays")));
        }
        Instant now = Instant.now();
        for (ParkingPayments.Stay stay : stays) {
            ParkingSession s = stay.session();
            Div card = new Div();
            card.addClassName("cc-parking-lot");
            card.setId("myparking-stay-" + s.id());
            card.add(new H3(stay.lotName() + " · " + s.plate().text()));
            String entry = s.entryAt() == null ? "–" : WHEN.format(s.entryAt());
            if (s.state() == ParkingSession.State.OPEN) {
                Paragraph live = new Paragraph(getTranslation("myparking.parked", entry,
                        WalletView.yuan(stay.dueFen() + s.paidFen())));
                live.addClassName("cc-parking-free");
                card.add(timer(Duration.between(s.entryAt(), now)), live);
            } else {
                card.add(new Paragraph(getTranslation("myparking.left", entry, s.exitAt() == null ? "–" : WHEN.format(s.exitAt()),
                        s.feeFen() == null ? "–" : WalletView.yuan(s.feeFen()))));
            }
            if (s.state() == ParkingSession.State.ANOMALY || s.state() == ParkingSession.State.AWAITING_ENTRY) {
                card.add(new Paragraph(getTranslation("myparking.with-staff")));
            }
            if (s.paidFen() > 0) {
                card.add(new Paragraph(getTranslation("myparking.paid", WalletView.yuan(s.paidFen()))));
            }
            if (stay.dueFen() > 0) {
                Paragraph due = new Paragraph(getTranslation("myparking.due", WalletView.yuan(stay.dueFen())));
                due.addClassName("cc-problem");
                Button pay = new Button(getTranslation("myparking.pay"), e -> openPayment(stay));
                pay.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                pay.setId("myparking-pay-" + s.id());
                card.add(due, pay);
            }
            list.add(card);
        }
        return list;
    }

    /**
     * How long the car has been in, ticking every second in the browser (the fee beside it is the server's, brought up
     * to date every half minute). It counts from what the server measured, so a wrong clock on the phone does not
     * matter; a stopped page just stops ticking.
     */
    private Div timer(Duration parked) {
        Span clock = new Span(elapsed(parked));
        clock.getElement().setAttribute("role", "timer");
        clock.addClassName("cc-parking-timer");
        clock.getElement().executeJs("""
                const el = this, base = $0, start = performance.now();
                const tick = setInterval(() => {
                  if (!el.isConnected) { clearInterval(tick); return; }
                  const s = Math.floor((base + performance.now() - start) / 1000);
                  el.textContent = Math.floor(s / 3600) + ':' + String(Math.floor(s / 60) % 60).padStart(2, '0')
                      + ':' + String(s % 60).padStart(2, '0');
                }, 1000);""", (double) Math.max(0, parked.toMillis()));
        Div box = new Div(new Span(getTranslation("myparking.parked-for")), clock);
        box.addClassName("cc-parking-clock");
        return box;
    }

    static String elapsed(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return "%d:%02d:%02d".formatted(s / 3600, s / 60 % 60, s % 60);
    }

    private void openPayment(ParkingPayments.Stay stay) {
        paying.removeAll();
        paying.add(new H2(getTranslation("myparking.paying", stay.lotName(), stay.session().plate().text())));
        RadioButtonGroup<ChannelId> channel = PayPanel.channelChoice(this, checkout, "myparking-channel");
        PayPanel panel = new PayPanel("myparking-pay", orders, checkout, sandboxCashier, citizen, this::paid);
        Button go = new Button(getTranslation("topup.pay"));
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        go.setId("myparking-submit");
        go.setDisableOnClick(true);
        go.addClickListener(e -> {
            go.setEnabled(true);
            switch (payments.start(citizen, stay.session().id(), UUID.randomUUID().toString())) {
                case ParkingPayments.Start.Created created -> panel.pay(created.order(), channel.getValue());
                case ParkingPayments.Start.Existing existing -> panel.pay(existing.order(), channel.getValue());
                case ParkingPayments.Start.Refused refused ->
                        panel.problemShown(getTranslation("myparking.problem." + refused.problem().name()));
            }
        });
        paying.add(new Paragraph(getTranslation("myparking.due", WalletView.yuan(stay.dueFen()))), channel, go, panel);
        paying.getElement().callJsFunction("scrollIntoView");
    }

    /** Paid: the stay says so once the payment is counted towards it. */
    private BooleanSupplier paid(PaymentOrder order) {
        Paragraph status = new Paragraph(getTranslation("myparking.paid-now", WalletView.yuan(order.amountFen())));
        status.setId("myparking-receipt");
        status.addClassName("cc-success");
        paying.add(status);
        return () -> {
            boolean counted = org.citycard.payment.OrderState.PAID == orders.find(order.no()).map(PaymentOrder::state)
                    .orElse(null) && payments.stays(citizen, 20).stream().noneMatch(ParkingPayments.Stay::paymentInProgress);
            if (counted) {
                status.setText(getTranslation("myparking.paid-counted", WalletView.yuan(order.amountFen())));
            }
            return counted;
        };
    }

    private Div plateList() {
        Div list = new Div();
        list.setId("myparking-plates");
        List<ParkingPlates.BoundPlate> mine = plates.plates(citizen);
        if (mine.isEmpty()) {
            list.add(new Paragraph(getTranslation("myparking.no-plates")));
        }
        for (ParkingPlates.BoundPlate p : mine) {
            Div row = new Div();
            row.addClassName("cc-parking-plate");
            row.add(new Paragraph(p.plate().text() + " · " + getTranslation("myparking.colour." + p.plate().colour().name())
                    + ("PENDING_REVIEW".equals(p.state()) ? " · " + getTranslation("myparking.claimed") : "")));
            if ("ACTIVE".equals(p.state())) {
                row.add(seamless(p));
            }
            if ("PENDING_REVIEW".equals(p.state())) {
                row.add(licenceUpload(p));
            }
            Button unbind = new Button(getTranslation("myparking.unbind"), e -> {
                plates.unbind(citizen, p.id());
                show(citizen);
            });
            unbind.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            unbind.setId("myparking-unbind-" + p.plate().text());
            row.add(unbind);
            list.add(row);
        }
        return list;
    }

    /** A claimed plate: the vehicle licence for staff to decide, a JPEG or PNG of at most 1 MB. */
    private Div licenceUpload(ParkingPlates.BoundPlate p) {
        Paragraph state = new Paragraph(getTranslation("myparking.licence-help"));
        state.getElement().setAttribute("aria-live", "polite");
        com.vaadin.flow.component.UI ui = com.vaadin.flow.component.UI.getCurrent();
        com.vaadin.flow.component.upload.Upload upload = new com.vaadin.flow.component.upload.Upload(
                com.vaadin.flow.server.streams.UploadHandler.inMemory((metadata, data) -> {
                    ParkingPlates.LicenceResult result = plates.uploadLicence(citizen, p.id(), data);
                    ui.access(() -> state.setText(getTranslation("myparking.licence." + result.name())));
                }));
        upload.setAcceptedFileTypes("image/jpeg", "image/png", ".jpg", ".jpeg", ".png");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(ParkingPlates.MAX_LICENCE_BYTES);
        upload.setId("myparking-licence-" + p.plate().text());
        upload.getElement().setAttribute("aria-label", getTranslation("myparking.licence-upload"));
        Div box = new Div(state, upload);
        box.addClassName("cc-parking-licence");
        return box;
    }

    /** Seamless payment for a held plate: on with a cap per stay, or off. */
    private Div seamless(ParkingPlates.BoundPlate p) {
        Div box = new Div();
        box.addClassName("cc-parking-plate");
        Select<Long> cap = new Select<>();
        cap.setLabel(getTranslation("myparking.seamless-cap"));
        cap.setItems(2_000L, 5_000L, 10_000L, 20_000L);
        cap.setItemLabelGenerator(WalletView::yuan);
        cap.setValue(p.seamless() && p.seamlessCapFen() > 0 ? p.seamlessCapFen() : 5_000L);
        cap.setId("myparking-cap-" + p.plate().text());
        Paragraph state = new Paragraph(p.seamless() ? getTranslation("myparking.seamless-on", WalletView.yuan(p.seamlessCapFen()))
                : getTranslation("myparking.seamless-off"));
        Button toggle = new Button(getTranslation(p.seamless() ? "myparking.seamless-stop" : "myparking.seamless-start"), e -> {
            plates.setSeamless(citizen, p.id(), !p.seamless(), cap.getValue());
            show(citizen);
        });
        toggle.setId("myparking-seamless-" + p.plate().text());
        box.add(state, cap, toggle);
        return box;
    }

    private Div bindForm() {
        Div form = new Div();
        form.addClassName("cc-filters");
        TextField plate = new TextField(getTranslation("myparking.plate"));
        plate.setId("myparking-plate");
        plate.setMaxLength(12);
        plate.setPlaceholder("鄂B12345");
        Select<Plate.Colour> colour = new Select<>();
        colour.setLabel(getTranslation("myparking.colour"));
        colour.setItems(Plate.Colour.values());
        colour.setItemLabelGenerator(c -> getTranslation("myparking.colour." + c.name()));
        colour.setValue(Plate.Colour.BLUE);
        colour.setId("myparking-colour");
        Paragraph problem = new Paragraph();
        problem.setId("myparking-bind-problem");
        problem.getElement().setAttribute("aria-live", "polite");
        Button bind = new Button(getTranslation("myparking.bind"), e -> {
            switch (plates.bind(citizen, plate.getValue(), colour.getValue())) {
                case ParkingPlates.Result.Bound bound -> show(citizen);
                case ParkingPlates.Result.Claimed claimed -> show(citizen);
                case ParkingPlates.Result.Refused refused -> {
                    problem.setText(getTranslation("myparking.problem." + refused.problem().name()));
                    problem.addClassName("cc-problem");
                }
            }
        });
        bind.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        bind.setId("myparking-bind");
        form.add(plate, colour, bind, problem);
        return form;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        // a car still parked: its time and fee brought up to date every half minute
        event.getUI().setPollInterval(REFRESH_MS);
        polling = event.getUI().addPollListener(e -> {
            if (citizen != null && e.getSource().getPollInterval() == REFRESH_MS) {
                staysBox.removeAll();
                staysBox.add(stays());
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
        }
        event.getUI().setPollInterval(-1);
        super.onDetach(event);
    }
}

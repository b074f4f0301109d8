package org.citycard.portal.account;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.kernel.ChinaTime;
import org.citycard.parking.Lot;
import org.citycard.parking.ParkingLots;
import org.citycard.parking.ParkingPayments;
import org.citycard.parking.Plate;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.PaymentOrders;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * Paying at a lot, from the QR code at its exit ({@code /parking/pay?lot=…}): a plate typed (any signed-in citizen may
 * pay for a car: a passenger, a relative), the stay's time and fee so far, then any channel; out within the lot's
 * minutes after paying costs no more. A signed-in citizen; the plate's stay at this lot only.
 */
@Route(value = "parking/pay", layout = PortalLayout.class)
@RolesAllowed("CITIZEN")
public class PayAtLotView extends CitizenPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ChinaTime.ZONE);

    private final ParkingLots lots;
    private final ParkingPayments payments;
    private final PaymentOrders orders;
    private final Checkout checkout;
    private final String sandboxCashier;
    private final Div result = new Div();

    public PayAtLotView(ParkingLots lots, ParkingPayments payments, PaymentOrders orders, Checkout checkout,
                        @org.springframework.beans.factory.annotation.Value("${citycard.payment.sandbox-cashier:}") String sandboxCashier,
                        AuthenticationContext auth) {
        super(auth, "payatlot.heading", "cc-pay-at-lot");
        this.lots = lots;
        this.payments = payments;
        this.orders = orders;
        this.checkout = checkout;
        this.sandboxCashier = sandboxCashier;
        result.setId("payatlot-result");
        result.getElement().setAttribute("aria-live", "polite");
    }

    @Override
    protected void show(CitizenId citizen) {
        removeAll();
        String lotId = location == null ? "" : location.getQueryParameters().getSingleParameter("lot").orElse("");
        Optional<Lot> lot = lots.lot(lotId);
        add(new H1(getTranslation("payatlot.heading")));
        if (lot.isEmpty()) {
            add(new Paragraph(getTranslation("payatlot.unknown-lot")));
            return;
        }
        add(new Paragraph(getTranslation("payatlot.at", lot.get().name(), lot.get().feeRule().leaveMinutes())));
        TextField plate = new TextField(getTranslation("myparking.plate"));
        plate.setId("payatlot-plate");
        plate.setMaxLength(12);
        Select<Plate.Colour> colour = new Select<>();
        colour.setLabel(getTranslation("myparking.colour"));
        colour.setItems(Plate.Colour.values());
        colour.setItemLabelGenerator(c -> getTranslation("myparking.colour." + c.name()));
        colour.setValue(Plate.Colour.BLUE);
        colour.setId("payatlot-colour");
        Button find = new Button(getTranslation("payatlot.find"), e -> find(citizen, lot.get(), plate.getValue(), colour.getValue()));
        find.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        find.setId("payatlot-find");
        Div form = new Div(plate, colour, find);
        form.addClassName("cc-filters");
        add(form, result);
    }

    private void find(CitizenId citizen, Lot lot, String typed, Plate.Colour colour) {
        result.removeAll();
        Optional<Plate> plate = Plate.parse(typed, colour);
        if (plate.isEmpty()) {
            result.add(problem(getTranslation("myparking.problem.BAD_PLATE")));
            return;
        }
        Optional<ParkingPayments.Stay> stay = payments.atLot(lot.id(), plate.get());
        if (stay.isEmpty()) {
            result.add(problem(getTranslation("payatlot.nothing", plate.get().text())));
            return;
        }
        var s = stay.get().session();
        Duration parked = Duration.between(s.entryAt(), s.exitAt() == null ? Instant.now() : s.exitAt());
        result.add(new Paragraph(getTranslation("payatlot.stay", plate.get().text(), WHEN.format(s.entryAt()),
                parked.toHours(), parked.toMinutesPart())));
        Paragraph due = new Paragraph(getTranslation("myparking.due", WalletView.yuan(stay.get().dueFen())));
        due.addClassName("cc-problem");
        due.setId("payatlot-due");
        RadioButtonGroup<ChannelId> channel = PayPanel.channelChoice(this, checkout, "payatlot-channel");
        PayPanel panel = new PayPanel("payatlot-pay", orders, checkout, sandboxCashier, citizen, order -> {
            Paragraph paid = new Paragraph(getTranslation("payatlot.paid", WalletView.yuan(order.amountFen()),
                    lot.feeRule().leaveMinutes()));
            paid.addClassName("cc-success");
            paid.setId("payatlot-receipt");
            result.add(paid);
            return () -> true;
        });
        Button go = new Button(getTranslation("topup.pay"));
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        go.setId("payatlot-submit");
        go.setDisableOnClick(true);
        go.addClickListener(e -> {
            go.setEnabled(true);
            switch (payments.startAtLot(citizen, lot.id(), plate.get(), UUID.randomUUID().toString())) {
                case ParkingPayments.Start.Created created -> panel.pay(created.order(), channel.getValue());
                case ParkingPayments.Start.Existing existing -> panel.pay(existing.order(), channel.getValue());
                case ParkingPayments.Start.Refused refused ->
                        panel.problemShown(getTranslation("myparking.problem." + refused.problem().name()));
            }
        });
        result.add(due, channel, go, panel);
    }

    private static Paragraph problem(String text) {
        Paragraph p = new Paragraph(text);
        p.addClassName("cc-problem");
        return p;
    }
}

package org.citycard.portal.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.card.Wallets;
import org.citycard.kernel.Fen;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.OrderState;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Scene;
import org.citycard.portal.shell.PortalLayout;
import org.citycard.wallet.TopUps;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * Topping up the wallet from a browser: pick an amount and a channel, scan the QR code with the phone before the
 * countdown runs out, and see the result (and the new balance) appear without reloading. Role CITIZEN.
 */
@Route(value = "me/wallet/top-up", layout = PortalLayout.class)
@RolesAllowed("CITIZEN")
public class TopUpView extends CitizenPage {

    private static final Duration POLL = Duration.ofSeconds(2);
    /** Every few polls the channel itself is asked, in case its notification is slow. */
    private static final int ASK_CHANNEL_EVERY = 5;

    private final PaymentOrders orders;
    private final TopUps topUps;
    private final Checkout checkout;
    private final Wallets wallets;
    /** The sandbox's cashier page, where a sandbox stands in for the channels (empty: none). */
    private final String sandboxCashier;
    private CitizenId citizen;
    private PaymentOrder waitingFor;
    private Registration polling;
    private int polls;
    private long balanceBefore;
    /** Paid, and the wallet's credit (which follows the payment event) not shown yet. */
    private Paragraph creditPending;
    private final Div result = new Div();
    private final Span countdown = new Span();

    public TopUpView(PaymentOrders orders, TopUps topUps, Checkout checkout, Wallets wallets,
                     @org.springframework.beans.factory.annotation.Value("${citycard.payment.sandbox-cashier:}") String sandboxCashier,
                     AuthenticationContext auth) {
        super(auth, "topup.heading", "cc-top-up");
        this.orders = orders;
        this.topUps = topUps;
        this.checkout = checkout;
        this.wallets = wallets;
        this.sandboxCashier = sandboxCashier;
    }

    @Override
    protected void show(CitizenId citizen) {
        this.citizen = citizen;
        removeAll();
        add(new H1(getTranslation("topup.heading")));
        if (wallets.balance(citizen).isEmpty()) {
            add(new Paragraph(getTranslation("wallet.none")), new Anchor("me/card", getTranslation("me.card")));
            return;
        }
        List<ChannelId> channels = checkout.channels(Scene.WEB_QR);
        if (channels.isEmpty()) {
            add(new Paragraph(getTranslation("topup.no-channels")));
            return;
        }
        TopUps.Rules rules = topUps.rules();
        String range = getTranslation("topup.range", Fen.of(rules.minFen()).display(), Fen.of(rules.maxFen()).display());
        RadioButtonGroup<Long> preset = new RadioButtonGroup<>(getTranslation("topup.amount"));
        preset.setItems(rules.presetsFen());
        preset.setItemLabelGenerator(fen -> Fen.of(fen).display());
        if (!rules.presetsFen().isEmpty()) {
            preset.setValue(rules.presetsFen().get(Math.min(1, rules.presetsFen().size() - 1)));
        }
        preset.setId("top-up-preset");
        // to the fen: a citizen who types 12.50 pays 12.50, never the preset
        BigDecimalField other = new BigDecimalField(getTranslation("topup.other"));
        other.setHelperText(range);
        other.setId("top-up-other");
        other.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                preset.clear();
            }
        });
        preset.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                other.clear();
                other.setInvalid(false);
            }
        });
        RadioButtonGroup<ChannelId> channel = new RadioButtonGroup<>(getTranslation("topup.channel"));
        channel.setItems(channels);
        channel.setItemLabelGenerator(c -> getTranslation("payment.channel." + c.name()));
        channel.setValue(channels.getFirst());
        channel.setId("top-up-channel");
        Button pay = new Button(getTranslation("topup.pay"));
        pay.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        pay.setId("top-up-pay");
        pay.setDisableOnClick(true);
        pay.addClickListener(e -> {
            Long fen = other.getValue() != null ? fen(other.getValue()) : preset.getValue();
            if (fen == null || !rules.allows(fen) || other.isInvalid()) {
                other.setInvalid(true);
                other.setErrorMessage(range);
                pay.setEnabled(true);
                return;
            }
            start(fen, channel.getValue());
            pay.setEnabled(true);
        });
        result.setId("top-up-result");
        result.addClassName("cc-top-up-result");
        result.getElement().setAttribute("aria-live", "polite");
        add(preset, other, channel, pay, result);
    }

    /** Yuan to fen, when it has no more than two decimals. */
    static Long fen(java.math.BigDecimal yuan) {
        return Fen.parseYuan(yuan).map(Fen::value).orElse(null);
    }

    private void start(long fen, ChannelId channel) {
        stopPolling();
        result.removeAll();
        balanceBefore = wallets.balance(citizen).orElse(0);
        if (!(topUps.start(citizen, fen, UUID.randomUUID().toString()) instanceof TopUps.Result.Created(PaymentOrder order))) {
            result.add(new Paragraph(getTranslation("topup.refused")));
            return;
        }
        switch (checkout.pay(citizen, order.no(), channel, Scene.WEB_QR)) {
            case Checkout.Result.Confirm confirm -> waitFor(confirm.order(), channel,
                    confirm.clientParameters().get("codeUrl"));
            case Checkout.Result.Paid paid -> done(paid.order());
            case Checkout.Result.Refused refused -> result.add(problem(getTranslation("topup.declined")));
        }
    }

    private void waitFor(PaymentOrder order, ChannelId channel, String codeUrl) {
        waitingFor = order;
        polls = 0;
        H2 heading = new H2(getTranslation("topup.scan", getTranslation("payment.channel." + channel.name())));
        QrCode qr = new QrCode(codeUrl, getTranslation("topup.qr-label", WalletView.yuan(order.amountFen())));
        qr.setId("top-up-qr");
        ProgressBar progress = new ProgressBar();
        progress.setIndeterminate(true);
        progress.getElement().setAttribute("aria-label", getTranslation("topup.waiting"));
        countdown.setId("top-up-countdown");
        Paragraph amount = new Paragraph(WalletView.yuan(order.amountFen()) + " · " + order.no().value());
        amount.addClassName("cc-top-up-amount");
        result.add(heading, amount, qr, countdown, progress, new Paragraph(getTranslation("topup.waiting")));
        if (!sandboxCashier.isBlank()) {
            // the sandbox: the "phone" that scans the code is the sandbox's cashier page
            Anchor open = new Anchor(sandboxCashier + "?order=" + order.no().value(), getTranslation("topup.sandbox-cashier"));
            open.setTarget("_blank");
            open.setId("top-up-sandbox-cashier");
            result.add(new Paragraph(open));
        }
        tick();
        getUI().ifPresent(ui -> {
            ui.setPollInterval((int) POLL.toMillis());
            polling = ui.addPollListener(e -> tick());
        });
    }

    private void tick() {
        if (creditPending != null) {
            showBalance();
            return;
        }
        if (waitingFor == null) {
            return;
        }
        boolean askChannel = ++polls % ASK_CHANNEL_EVERY == 0;
        Optional<PaymentOrder> now = askChannel ? checkout.refresh(citizen, waitingFor.no())
                : orders.find(citizen, waitingFor.no());
        if (now.isEmpty()) {
            return;
        }
        PaymentOrder order = now.get();
        if (order.state() == OrderState.PAID) {
            done(order);
            return;
        }
        if (order.state() == OrderState.FAILED || order.state() == OrderState.CLOSED) {
            stopPolling();
            result.removeAll();
            result.add(problem(getTranslation(order.state() == OrderState.FAILED ? "topup.failed" : "topup.expired")));
            return;
        }
        Duration left = Duration.between(Instant.now(), order.expiresAt());
        if (left.isNegative()) {
            checkout.refresh(citizen, order.no());
            countdown.setText(getTranslation("topup.expired"));
            return;
        }
        countdown.setText(getTranslation("topup.countdown", "%d:%02d".formatted(left.toMinutes(), left.toSecondsPart())));
    }

    private void done(PaymentOrder order) {
        waitingFor = null;
        result.removeAll();
        Paragraph paid = new Paragraph(getTranslation("topup.paid", WalletView.yuan(order.amountFen())));
        paid.setId("top-up-paid");
        paid.addClassName("cc-success");
        creditPending = new Paragraph();
        creditPending.setId("top-up-balance");
        result.add(paid, creditPending, new Anchor("me/wallet", getTranslation("topup.to-wallet")),
                new Anchor("me/orders", getTranslation("orders.heading")));
        polls = 0;
        showBalance();
    }

    /** The wallet is credited a moment after the payment (exactly once, from the payment event): keep looking. */
    private void showBalance() {
        long balance = wallets.balance(citizen).orElse(0);
        creditPending.setText(getTranslation("wallet.balance", WalletView.yuan(balance)));
        if (balance != balanceBefore || ++polls > 10) {
            creditPending = null;
            stopPolling();
        }
    }

    private static Paragraph problem(String text) {
        Paragraph problem = new Paragraph(text);
        problem.addClassName("cc-problem");
        problem.setId("top-up-problem");
        return problem;
    }

    private void stopPolling() {
        waitingFor = null;
        creditPending = null;
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        getUI().ifPresent(ui -> ui.setPollInterval(-1));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stopPolling();
        super.onDetach(detachEvent);
    }
}

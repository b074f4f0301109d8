package org.citycard.portal.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.citycard.card.CitizenId;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.OrderState;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Scene;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;

/**
 * Paying an order of any service from a browser: the channel's QR code with a countdown (the wallet pays at once),
 * the result appearing without a reload, and then whatever the service still has to show (the wallet's new balance,
 * the biller's write-off), polled until it is there. Element ids start with the page's prefix.
 */
public final class PayPanel extends Div {

    private static final Duration POLL = Duration.ofSeconds(2);
    /** Every few polls the channel itself is asked, in case its notification is slow. */
    private static final int ASK_CHANNEL_EVERY = 5;
    /** How long a service's follow-up is waited for (polls). */
    private static final int FOLLOW_UP_POLLS = 15;

    private final String prefix;
    private final PaymentOrders orders;
    private final Checkout checkout;
    private final String sandboxCashier;
    private final CitizenId citizen;
    private final Function<PaymentOrder, BooleanSupplier> onPaid;
    private final Span countdown = new Span();
    private PaymentOrder waitingFor;
    private BooleanSupplier followUp;
    private Registration polling;
    private int pageInterval = -1;
    private int polls;

    /**
     * @param onPaid what the page shows once the order is paid; returns a check polled until it says the service
     *               has done its part (true), at most a few times
     */
    public PayPanel(String prefix, PaymentOrders orders, Checkout checkout, String sandboxCashier, CitizenId citizen,
             Function<PaymentOrder, BooleanSupplier> onPaid) {
        this.prefix = prefix;
        this.orders = orders;
        this.checkout = checkout;
        this.sandboxCashier = sandboxCashier;
        this.citizen = citizen;
        this.onPaid = onPaid;
        setId(prefix + "-result");
        addClassName("cc-top-up-result");
        getElement().setAttribute("aria-live", "polite");
    }

    /** The channels a service is paid through from a browser (those with a QR code, then the wallet), the first chosen. */
    public static com.vaadin.flow.component.radiobutton.RadioButtonGroup<ChannelId> channelChoice(
            com.vaadin.flow.component.Component owner, Checkout checkout, String id) {
        java.util.List<ChannelId> channels = new java.util.ArrayList<>(checkout.channels(Scene.WEB_QR));
        channels.addAll(checkout.channels(Scene.WALLET));
        var choice = new com.vaadin.flow.component.radiobutton.RadioButtonGroup<ChannelId>(
                owner.getTranslation("topup.channel"));
        choice.setItems(channels);
        choice.setItemLabelGenerator(c -> owner.getTranslation("payment.channel." + c.name()));
        if (!channels.isEmpty()) {
            choice.setValue(channels.getFirst());
        }
        choice.setId(id);
        return choice;
    }

    /** Pays the order with the channel: the wallet at once, the others by scanning a QR code. */
    public void pay(PaymentOrder order, ChannelId channel) {
        stop();
        removeAll();
        Scene scene = channel == ChannelId.WALLET ? Scene.WALLET : Scene.WEB_QR;
        switch (checkout.pay(citizen, order.no(), channel, scene)) {
            case Checkout.Result.Confirm confirm -> waitFor(confirm.order(), channel,
                    confirm.clientParameters().get("codeUrl"));
            case Checkout.Result.Paid paid -> paid(paid.order());
            case Checkout.Result.Refused refused -> add(problem(getTranslation(switch (refused.reason()) {
                case INSUFFICIENT_FUNDS, CARD_FROZEN, DAILY_LIMIT_EXCEEDED, PAYING_ELSEWHERE, CHANNEL_UNAVAILABLE,
                     CHANNEL_NOT_FOR_ORDER ->
                        "pay.refused." + refused.reason().code().substring("payment.".length());
                default -> "topup.declined";
            })));
        }
    }

    public void problemShown(String text) {
        stop();
        removeAll();
        add(problem(text));
    }

    private void waitFor(PaymentOrder order, ChannelId channel, String codeUrl) {
        waitingFor = order;
        polls = 0;
        H2 heading = new H2(getTranslation("topup.scan", getTranslation("payment.channel." + channel.name())));
        QrCode qr = new QrCode(codeUrl, getTranslation("topup.qr-label", WalletView.yuan(order.amountFen())));
        qr.setId(prefix + "-qr");
        ProgressBar progress = new ProgressBar();
        progress.setIndeterminate(true);
        progress.getElement().setAttribute("aria-label", getTranslation("topup.waiting"));
        countdown.setId(prefix + "-countdown");
        Paragraph amount = new Paragraph(WalletView.yuan(order.amountFen()) + " · " + order.no().value());
        amount.addClassName("cc-top-up-amount");
        add(heading, amount, qr, countdown, progress, new Paragraph(getTranslation("topup.waiting")));
        if (!sandboxCashier.isBlank()) {
            // the sandbox: the "phone" that scans the code is the sandbox's cashier page
            Anchor open = new Anchor(sandboxCashier + "?order=" + order.no().value(), getTranslation("topup.sandbox-cashier"));
            open.setTarget("_blank");
            open.setId(prefix + "-sandbox-cashier");
            add(new Paragraph(open));
        }
        tick();
        startPolling();
    }

    private void startPolling() {
        getUI().ifPresent(ui -> {
            if (polling == null) {
                // the page may poll for itself (a parked car's fee every half minute): that comes back afterwards
                pageInterval = ui.getPollInterval();
                polling = ui.addPollListener(e -> tick());
            }
            ui.setPollInterval((int) POLL.toMillis());
        });
    }

    private void tick() {
        if (followUp != null) {
            if (followUp.getAsBoolean() || ++polls > FOLLOW_UP_POLLS) {
                stop();
            }
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
            paid(order);
            return;
        }
        if (order.state() == OrderState.FAILED || order.state() == OrderState.CLOSED) {
            problemShown(getTranslation(order.state() == OrderState.FAILED ? "topup.failed" : "topup.expired"));
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

    private void paid(PaymentOrder order) {
        waitingFor = null;
        removeAll();
        polls = 0;
        followUp = onPaid.apply(order);
        if (followUp.getAsBoolean()) {
            stop();
        } else {
            startPolling();
        }
    }

    private Paragraph problem(String text) {
        Paragraph problem = new Paragraph(text);
        problem.addClassName("cc-problem");
        problem.setId(prefix + "-problem");
        return problem;
    }

    void stop() {
        waitingFor = null;
        followUp = null;
        if (polling != null) {
            polling.remove();
            polling = null;
            getUI().ifPresent(ui -> ui.setPollInterval(pageInterval));
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        stop();
        super.onDetach(detachEvent);
    }
}

package org.citycard.portal.account;

import java.util.List;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.card.Wallets;
import org.citycard.kernel.Fen;
import org.citycard.payment.ChannelId;
import org.citycard.payment.Checkout;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Scene;
import org.citycard.portal.shell.PortalLayout;
import org.citycard.wallet.TopUps;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * Topping up the wallet from a browser: pick an amount and a channel, scan the QR code with the phone before the
 * countdown runs out ({@link PayPanel}), and see the result (and the new balance) appear without reloading. Role
 * CITIZEN.
 */
@Route(value = "me/wallet/top-up", layout = PortalLayout.class)
@RolesAllowed("CITIZEN")
public class TopUpView extends CitizenPage {

    private final PaymentOrders orders;
    private final TopUps topUps;
    private final Checkout checkout;
    private final Wallets wallets;
    /** The sandbox's cashier page, where a sandbox stands in for the channels (empty: none). */
    private final String sandboxCashier;
    private CitizenId citizen;
    private long balanceBefore;
    private PayPanel result;

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
        result = new PayPanel("top-up", orders, checkout, sandboxCashier, citizen, this::paid);
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
        add(preset, other, channel, pay, result);
    }

    /** Yuan to fen, when it has no more than two decimals. */
    static Long fen(java.math.BigDecimal yuan) {
        return Fen.parseYuan(yuan).map(Fen::value).orElse(null);
    }

    private void start(long fen, ChannelId channel) {
        balanceBefore = wallets.balance(citizen).orElse(0);
        if (!(topUps.start(citizen, fen, UUID.randomUUID().toString()) instanceof TopUps.Result.Created(PaymentOrder order))) {
            result.problemShown(getTranslation("topup.refused"));
            return;
        }
        result.pay(order, channel);
    }

    /** Paid: the wallet is credited a moment later (exactly once, from the payment event), so keep looking. */
    private java.util.function.BooleanSupplier paid(PaymentOrder order) {
        Paragraph paid = new Paragraph(getTranslation("topup.paid", WalletView.yuan(order.amountFen())));
        paid.setId("top-up-paid");
        paid.addClassName("cc-success");
        Paragraph balance = new Paragraph();
        balance.setId("top-up-balance");
        result.add(paid, balance, new Anchor("me/wallet", getTranslation("topup.to-wallet")),
                new Anchor("me/orders", getTranslation("orders.heading")));
        return () -> {
            long now = wallets.balance(citizen).orElse(0);
            balance.setText(getTranslation("wallet.balance", WalletView.yuan(now)));
            return now != balanceBefore;
        };
    }
}

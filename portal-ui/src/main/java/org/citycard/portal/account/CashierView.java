package org.citycard.portal.account;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.citycard.payment.sandbox.SandboxCashier;
import org.citycard.portal.shell.PortalLayout;
import org.springframework.beans.factory.ObjectProvider;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * The sandbox cashier (development only, like the SMS inbox): it plays the citizen's phone. Each payment waiting
 * in a sandbox channel can be approved, declined or left to time out; the channel then notifies CityCard as the
 * real one would. Open to anyone while the payment sandbox is on, not found otherwise.
 */
@Route(value = "dev/cashier", layout = PortalLayout.class)
@AnonymousAllowed
public class CashierView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(org.citycard.kernel.ChinaTime.ZONE);

    private final SandboxCashier cashier;
    private final Div payments = new Div();
    private String highlighted;

    public CashierView(ObjectProvider<SandboxCashier> cashier) {
        this.cashier = cashier.getIfAvailable();
        addClassNames("cc-account", "cc-cashier");
        payments.setId("cashier-payments");
        payments.getElement().setAttribute("aria-live", "polite");
        Button refresh = new Button(getTranslation("account.inbox.refresh"), e -> refresh());
        refresh.setId("cashier-refresh");
        add(new H1(getTranslation("cashier.heading")), new Paragraph(getTranslation("cashier.intro")),
                new Paragraph(getTranslation("cashier.magic")), refresh, payments);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (cashier == null) {
            throw new NotFoundException();
        }
        List<String> pr = event.getLocation().getQueryParameters().getParameters().getOrDefault("pr", List.of());
        highlighted = pr.isEmpty() ? null : pr.getFirst();
        refresh();
    }

    private void refresh() {
        payments.removeAll();
        List<SandboxCashier.Pending> pending = cashier.pending();
        if (pending.isEmpty()) {
            payments.add(new Paragraph(getTranslation("cashier.none")));
        }
        pending.forEach(payment -> payments.add(card(payment)));
    }

    private Div card(SandboxCashier.Pending payment) {
        Div card = new Div();
        card.addClassName("cc-cashier-payment");
        if (payment.token().equals(highlighted)) {
            card.addClassName("cc-highlighted");
        }
        card.setId("cashier-" + payment.token());
        H2 amount = new H2(WalletView.yuan(payment.amountFen()));
        Paragraph what = new Paragraph(getTranslation("payment.channel." + payment.channel().name()) + " · "
                + payment.subject() + " · " + payment.orderNo() + " · " + TIME.format(payment.createdAt()));
        Button approve = new Button(getTranslation("cashier.approve"), e -> decide(payment, cashier.approve(payment.token())));
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        approve.addClassName("cc-cashier-approve");
        Button decline = new Button(getTranslation("cashier.decline"), e -> decide(payment, cashier.decline(payment.token())));
        decline.addThemeVariants(ButtonVariant.LUMO_ERROR);
        decline.addClassName("cc-cashier-decline");
        Button timeOut = new Button(getTranslation("cashier.time-out"), e -> decide(payment, cashier.timeOut(payment.token())));
        timeOut.addClassName("cc-cashier-time-out");
        Div buttons = new Div(approve, decline, timeOut);
        buttons.addClassName("cc-actions");
        card.add(amount, what, buttons);
        return card;
    }

    private void decide(SandboxCashier.Pending payment, SandboxCashier.Outcome outcome) {
        refresh();
        Paragraph done = new Paragraph(getTranslation("cashier.outcome." + outcome.name(),
                WalletView.yuan(payment.amountFen()), payment.orderNo()));
        done.setId("cashier-outcome");
        done.addClassName(outcome == SandboxCashier.Outcome.PAID ? "cc-success" : "cc-problem");
        payments.addComponentAsFirst(done);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("cashier.heading") + " · " + getTranslation("shell.brand");
    }
}

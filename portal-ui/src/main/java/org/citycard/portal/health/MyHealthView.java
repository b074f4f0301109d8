package org.citycard.portal.health;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.citycard.card.CitizenId;
import org.citycard.health.HealthCard;
import org.citycard.health.HealthCards;
import org.citycard.health.HealthProblem;
import org.citycard.health.HospitalDesk;
import org.citycard.kernel.ChinaTime;
import org.citycard.portal.account.CitizenPage;
import org.citycard.portal.account.QrCode;
import org.citycard.portal.shell.PortalLayout;
import org.citycard.portal.shell.ToggleGroup;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * The citizen's e-health cards (电子健康卡): the code to show at the hospital, large, for the card chosen (their own
 * or a family member's), renewed every minute and after the platform's two minutes at the latest; the printable
 * code; where each card was used; applying for one's own card, a child's (with the birth certificate number) or a
 * parent's (confirmed at a service counter); closing a card. Role CITIZEN; their own cards only.
 */
@Route(value = "me/health", layout = PortalLayout.class)
@RolesAllowed("CITIZEN")
public class MyHealthView extends CitizenPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ChinaTime.ZONE);
    /** A code on screen is replaced after this long (and before the platform's expiry). */
    private static final Duration RENEW_EVERY = Duration.ofSeconds(60);

    private final HealthCards cards;
    private final HospitalDesk desk;
    private final org.citycard.health.HealthCharges charges;
    private final org.citycard.payment.PaymentOrders orders;
    private final org.citycard.payment.Checkout checkout;
    private final String sandboxCashier;
    private final Div paying = new Div();
    private final Div code = new Div();
    private final Paragraph outcome = new Paragraph();
    private CitizenId citizen;
    private HealthCard shown;
    private Instant renewAt = Instant.MAX;
    private Registration poll;

    public MyHealthView(HealthCards cards, HospitalDesk desk, org.citycard.health.HealthCharges charges,
                        org.citycard.payment.PaymentOrders orders, org.citycard.payment.Checkout checkout,
                        @org.springframework.beans.factory.annotation.Value("${citycard.payment.sandbox-cashier:}") String sandboxCashier,
                        AuthenticationContext auth) {
        super(auth, "health.heading", "cc-health");
        this.cards = cards;
        this.desk = desk;
        this.charges = charges;
        this.orders = orders;
        this.checkout = checkout;
        this.sandboxCashier = sandboxCashier;
        paying.setId("health-paying");
        code.setId("health-code");
        code.addClassName("cc-code-box");
        outcome.setId("health-outcome");
        outcome.getElement().setAttribute("role", "status");
    }

    @Override
    protected void show(CitizenId citizen) {
        this.citizen = citizen;
        render(null);
    }

    private void render(java.util.UUID choose) {
        removeAll();
        add(new H1(getTranslation("health.heading")), new Paragraph(getTranslation("health.intro")), outcome);
        List<HealthCard> mine = cards.cards(citizen);
        List<HealthCard> active = mine.stream().filter(c -> c.state() == HealthCard.State.ACTIVE).toList();
        shown = active.stream().filter(c -> c.id().equals(choose)).findFirst()
                .orElse(active.isEmpty() ? null : active.getFirst());
        if (!active.isEmpty()) {
            add(new H2(getTranslation("health.show")));
            if (active.size() > 1) {
                ToggleGroup whose = new ToggleGroup(getTranslation("health.whose"));
                for (HealthCard c : active) {
                    whose.add(who(c), "health-card-" + c.id(), () -> {
                        shown = c;
                        renew();
                    });
                }
                add(whose);
            }
            add(code, new Paragraph(getTranslation("health.code-hint")));
            renew();
        }
        chargesSection();
        if (mine.stream().noneMatch(c -> c.relation() == HealthCard.Relation.SELF)) {
            Button apply = new Button(getTranslation("health.apply-own"), e -> outcome(cards.issueOwn(citizen), outcome));
            apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            apply.setId("health-apply-own");
            add(new Paragraph(getTranslation("health.apply-own-help")), apply,
                    new Paragraph(new Anchor("me/real-name", getTranslation("health.real-name"))));
        }
        if (!mine.isEmpty()) {
            add(new H2(getTranslation("health.cards")));
            UnorderedList list = new UnorderedList();
            list.setId("health-cards");
            list.addClassName("cc-health-cards");
            mine.forEach(c -> list.add(cardItem(c)));
            add(list);
        }
        add(new H2(getTranslation("health.family")), new Paragraph(getTranslation("health.family-help")), childForm(),
                parentForm());
    }

    /** What hospitals charged on these cards: due ones with a pay button, then the latest paid or withdrawn. */
    private void chargesSection() {
        List<org.citycard.health.HealthCharges.Charge> all = charges.charges(citizen, 10);
        if (all.isEmpty()) {
            return;
        }
        UnorderedList list = new UnorderedList();
        list.setId("health-charges");
        list.addClassName("cc-health-cards");
        for (org.citycard.health.HealthCharges.Charge c : all) {
            ListItem item = new ListItem();
            item.addClassName("cc-parking-lot");
            item.add(new H3(getTranslation("health.charge", c.hospitalName(),
                    getTranslation("health.charge-kind." + c.kind().name()), c.cardNameMasked())));
            UnorderedList items = new UnorderedList();
            c.items().forEach(i -> items.add(new ListItem(i.name() + " " + org.citycard.portal.account.WalletView.yuan(i.amountFen()))));
            item.add(items, new Paragraph(getTranslation("health.charge-state." + c.state().name(),
                    org.citycard.portal.account.WalletView.yuan(c.amountFen()))));
            if (c.state() == org.citycard.health.HealthCharges.State.DUE) {
                Button pay = new Button(getTranslation("health.pay"), e -> openPayment(c));
                pay.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                pay.setId("health-pay-" + c.id());
                item.add(pay);
            }
            list.add(item);
        }
        add(new H2(getTranslation("health.charges")), list, paying);
    }

    private void openPayment(org.citycard.health.HealthCharges.Charge c) {
        paying.removeAll();
        paying.add(new H3(getTranslation("health.paying", c.hospitalName(),
                org.citycard.portal.account.WalletView.yuan(c.amountFen()))));
        var channel = org.citycard.portal.account.PayPanel.channelChoice(this, checkout, "health-channel");
        org.citycard.portal.account.PayPanel panel = new org.citycard.portal.account.PayPanel("health-pay", orders,
                checkout, sandboxCashier, citizen, order -> {
                    Paragraph status = new Paragraph(getTranslation("health.paid-now",
                            org.citycard.portal.account.WalletView.yuan(order.amountFen())));
                    status.setId("health-receipt");
                    paying.add(status);
                    return () -> charges.charge(citizen, c.id()).map(x -> x.state() == org.citycard.health.HealthCharges.State.PAID)
                            .orElse(false) && markCounted(status, order.amountFen());
                });
        Button go = new Button(getTranslation("topup.pay"));
        go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        go.setId("health-submit");
        go.addClickListener(e -> {
            switch (charges.start(citizen, c.id(), java.util.UUID.randomUUID().toString())) {
                case org.citycard.health.HealthCharges.Start.Created created -> panel.pay(created.order(), channel.getValue());
                case org.citycard.health.HealthCharges.Start.Existing existing -> panel.pay(existing.order(), channel.getValue());
                case org.citycard.health.HealthCharges.Start.Refused refused -> panel.problemShown(problem(refused.problem()));
            }
        });
        paying.add(channel, go, panel);
        paying.getElement().callJsFunction("scrollIntoView");
    }

    private boolean markCounted(Paragraph status, long amountFen) {
        status.setText(getTranslation("health.paid-counted", org.citycard.portal.account.WalletView.yuan(amountFen)));
        return true;
    }

    private String who(HealthCard c) {
        return getTranslation("health.relation." + c.relation().name()) + " · " + c.nameMasked();
    }

    private ListItem cardItem(HealthCard c) {
        ListItem item = new ListItem();
        item.addClassName("cc-parking-lot");
        item.setId("health-card-item-" + c.id());
        item.add(new H3(who(c)), new Paragraph(getTranslation("health.card-line", c.idNumberMasked(),
                getTranslation("health.sex." + c.sex().name()), c.birthDate())));
        switch (c.state()) {
            case ACTIVE -> {
                item.add(new Paragraph(getTranslation("health.issued", c.issuedAt() == null ? "–" : WHEN.format(c.issuedAt()))));
                List<HospitalDesk.Visit> visits = desk.visits(citizen, c.id(), 5);
                if (visits.isEmpty()) {
                    item.add(new Paragraph(getTranslation("health.no-visits")));
                } else {
                    UnorderedList v = new UnorderedList();
                    v.addClassName("cc-health-visits");
                    visits.forEach(visit -> v.add(new ListItem(getTranslation("health.visit", WHEN.format(visit.at()),
                            visit.hospitalName(), getTranslation("health.scene." + visit.scene().name()),
                            visit.department() == null ? "" : " · " + visit.department()))));
                    item.add(new Paragraph(getTranslation("health.visits")), v);
                }
                Anchor print = new Anchor("me/health/print?card=" + c.id(), getTranslation("health.print"));
                print.setId("health-print-" + c.id());
                item.add(new Paragraph(print));
            }
            case AWAITING_COUNTER -> {
                Paragraph reference = new Paragraph(getTranslation("health.counter", c.counterReference()));
                reference.addClassName("cc-health-reference");
                reference.setId("health-reference-" + c.id());
                item.add(reference);
            }
            case REGISTERING -> item.add(new Paragraph(getTranslation("health.registering")));
            case CLOSED -> {
                // not listed
            }
        }
        Button close = new Button(getTranslation("health.close"));
        close.setId("health-close-" + c.id());
        Button really = new Button(getTranslation("health.close-confirm"), e -> outcome(cards.close(citizen, c.id()), outcome));
        really.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        really.setId("health-close-confirm-" + c.id());
        really.setVisible(false);
        close.addClickListener(e -> {
            close.setVisible(false);
            really.setVisible(true);
            really.focus();
        });
        item.add(new Div(close, really));
        return item;
    }

    private Div childForm() {
        TextField name = new TextField(getTranslation("health.name"));
        name.setId("health-child-name");
        name.setMaxLength(30);
        TextField id = new TextField(getTranslation("health.id-number"));
        id.setId("health-child-id");
        id.setMaxLength(18);
        TextField certificate = new TextField(getTranslation("health.birth-certificate"));
        certificate.setId("health-child-certificate");
        certificate.setMaxLength(10);
        certificate.setHelperText(getTranslation("health.birth-certificate-help"));
        Paragraph status = status("health-child-outcome");
        Button add = new Button(getTranslation("health.add-child"), e -> outcome(cards.addChild(citizen, name.getValue(),
                id.getValue(), certificate.getValue()), status));
        add.setId("health-add-child");
        Div form = new Div(name, id, certificate, add);
        form.addClassName("cc-filters");
        return new Div(new H3(getTranslation("health.child")), form, status);
    }

    private Div parentForm() {
        TextField name = new TextField(getTranslation("health.name"));
        name.setId("health-parent-name");
        name.setMaxLength(30);
        TextField id = new TextField(getTranslation("health.id-number"));
        id.setId("health-parent-id");
        id.setMaxLength(18);
        Paragraph status = status("health-parent-outcome");
        Button add = new Button(getTranslation("health.add-parent"), e -> outcome(cards.requestForParent(citizen,
                name.getValue(), id.getValue()), status));
        add.setId("health-add-parent");
        Div form = new Div(name, id, add);
        form.addClassName("cc-filters");
        return new Div(new H3(getTranslation("health.parent")), new Paragraph(getTranslation("health.parent-help")),
                form, status);
    }

    private static Paragraph status(String id) {
        Paragraph status = new Paragraph();
        status.setId(id);
        status.getElement().setAttribute("role", "status");
        return status;
    }

    /**
     * Done: the page shows the cards as they are now, with what happened at its top. Refused: why, where the citizen
     * acted, their input kept for correcting.
     */
    private void outcome(HealthCards.Result result, Paragraph where) {
        switch (result) {
            case HealthCards.Result.Done done -> {
                render(done.card().state() == HealthCard.State.ACTIVE ? done.card().id() : null);
                outcome.setText(getTranslation("health.done." + done.card().state().name(), who(done.card()),
                        done.card().counterReference() == null ? "" : done.card().counterReference()));
                outcome.removeClassName("cc-problem");
                outcome.scrollIntoView();
            }
            case HealthCards.Result.Refused refused -> {
                where.setText(problem(refused.problem()));
                where.addClassName("cc-problem");
            }
        }
    }

    private String problem(HealthProblem problem) {
        return getTranslation("health.problem." + problem.name());
    }

    /** A fresh dynamic code for the card shown. */
    private void renew() {
        code.removeAll();
        if (shown == null) {
            renewAt = Instant.MAX;
            return;
        }
        switch (cards.dynamicCode(citizen, shown.id())) {
            case HealthCards.CodeResult.Issued issued -> {
                Instant platformLimit = issued.expiresAt().minusSeconds(15);
                Instant next = Instant.now().plus(RENEW_EVERY);
                renewAt = next.isBefore(platformLimit) ? next : platformLimit;
                QrCode qr = new QrCode(issued.text(), getTranslation("health.qr-label", who(shown)));
                qr.addClassName("cc-health-qr");
                qr.getElement().setAttribute("data-code", issued.text());
                code.add(new Paragraph(who(shown)), qr);
            }
            case HealthCards.CodeResult.Refused refused -> {
                // the platform may be back in a moment: try again at the next minute
                renewAt = Instant.now().plus(RENEW_EVERY);
                Paragraph why = new Paragraph(problem(refused.problem()));
                why.addClassName("cc-problem");
                code.add(why);
            }
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().setPollInterval(5_000);
        poll = event.getUI().addPollListener(e -> {
            if (citizen != null && Instant.now().isAfter(renewAt)) {
                renew();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (poll != null) {
            poll.remove();
        }
        event.getUI().setPollInterval(-1);
        super.onDetach(event);
    }

    Optional<HealthCard> shown() {
        return Optional.ofNullable(shown);
    }
}

package org.citycard.portal.account;

import java.util.Optional;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.citycard.card.Card;
import org.citycard.card.CardEvent;
import org.citycard.card.CardResult;
import org.citycard.card.CardStatus;
import org.citycard.card.Cards;
import org.citycard.card.Citizen;
import org.citycard.card.CitizenId;
import org.citycard.card.Identities;
import org.citycard.card.VerificationLevel;
import org.citycard.card.Wallets;
import org.citycard.portal.shell.PortalLayout;
import org.citycard.portal.shell.ReasonDialog;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * My citizen card: the card face, its state, what the citizen can do with it (report loss, unfreeze after
 * confirming it is them, replace, cancel, request a physical card) and its history. Role CITIZEN.
 */
@Route(value = "me/card", layout = PortalLayout.class)
@RolesAllowed("CITIZEN")
public class MyCardView extends CitizenPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(org.citycard.kernel.ChinaTime.ZONE);

    private final Cards cards;
    private final Identities identities;
    private final Wallets wallets;
    private CitizenId citizen;

    public MyCardView(Cards cards, Identities identities, Wallets wallets, AuthenticationContext auth) {
        super(auth, "card.heading", "cc-my-card");
        this.cards = cards;
        this.identities = identities;
        this.wallets = wallets;
    }

    @Override
    protected void show(CitizenId citizen) {
        this.citizen = citizen;
        render();
    }

    private void render() {
        removeAll();
        add(new H1(getTranslation("card.heading")));
        Citizen me = identities.find(citizen).orElseThrow();
        Optional<Card> card = cards.current(citizen);
        if (card.isEmpty()) {
            if (me.level() != VerificationLevel.REAL_NAME) {
                add(new Paragraph(getTranslation("card.need-real-name")),
                        new Anchor("me/real-name", getTranslation("card.go-real-name")));
            } else {
                Button apply = new Button(getTranslation("card.apply"), e -> result(cards.apply(citizen)));
                apply.setId("card-apply");
                apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                add(new Paragraph(getTranslation("card.apply.intro")), apply);
            }
            return;
        }
        add(face(card.get(), me), actions(card.get()));
        if (card.get().status().live()) {
            add(sectorCards(card.get()));
        }
        add(history());
    }

    private Div face(Card card, Citizen me) {
        Span brand = new Span(getTranslation("shell.brand"));
        brand.addClassName("cc-card-brand");
        Span number = new Span(card.number().grouped());
        number.addClassName("cc-card-number");
        number.setId("card-number");
        Span holder = new Span(me.nameMasked());
        Span status = new Span(getTranslation("card.status." + card.status().name()));
        status.addClassNames("cc-card-status", "cc-card-status-" + card.status().name().toLowerCase(java.util.Locale.ROOT));
        status.setId("card-status");
        Div face = new Div(brand, number, holder, status);
        face.addClassName("cc-card-face");
        face.getElement().setAttribute("aria-label", getTranslation("card.face.label"));
        Paragraph balance = new Paragraph(getTranslation("card.balance",
                org.citycard.kernel.Fen.of(wallets.balance(citizen).orElse(0)).yuan()));
        Div links = new Div(new Anchor("me/codes", getTranslation("card.show-codes")),
                new Anchor("me/wallet", getTranslation("card.wallet")));
        links.addClassName("cc-shortcuts");
        return new Div(face, balance, links);
    }

    private Div actions(Card card) {
        Div actions = new Div();
        actions.addClassName("cc-card-actions");
        if (card.status() == CardStatus.ACTIVE) {
            actions.add(withReason("card.report-loss", "card-report-loss",
                    reason -> cards.reportLoss(citizen, Cards.CITIZEN, reason)));
            actions.add(withReason("card.replace", "card-replace", reason -> cards.replace(citizen, Cards.CITIZEN, reason)));
            TextField address = new TextField(getTranslation("card.physical.address"));
            address.setMaxLength(120);
            address.setWidth("22em");
            address.setId("card-physical-address");
            Button physical = new Button(getTranslation("card.physical.request"),
                    e -> result(cards.requestPhysical(citizen, address.getValue())));
            physical.setId("card-physical");
            actions.add(new Div(address, physical));
        }
        if (card.status() == CardStatus.FROZEN) {
            Button unfreeze = new Button(getTranslation("card.unfreeze"), e -> confirmThenUnfreeze());
            unfreeze.setId("card-unfreeze");
            unfreeze.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            actions.add(unfreeze);
        }
        actions.add(withReason("card.cancel", "card-cancel", reason -> cards.cancel(citizen, Cards.CITIZEN, reason)));
        cards.physicalRequests(citizen).stream().findFirst().ifPresent(request -> actions.add(new Paragraph(
                getTranslation("card.physical.status", getTranslation("physical." + request.status().name()),
                        request.addressMasked()))));
        return actions;
    }

    /** The social-security, bus and e-health card numbers kept with the card. */
    private Div sectorCards(Card card) {
        // personal data: the stored number is never sent back to the browser, only its masked form as a hint
        TextField social = new TextField(getTranslation("card.sector.social-security"));
        social.setPlaceholder(card.socialSecurityNo());
        TextField bus = new TextField(getTranslation("card.sector.bus"), card.busCardNo(), "");
        TextField health = new TextField(getTranslation("card.sector.health"), card.healthCardId(), "");
        for (TextField field : new TextField[] {social, bus, health}) {
            field.setMaxLength(32);
            field.setHelperText(getTranslation("card.sector.help"));
        }
        social.setHelperText(getTranslation("card.sector.social-security.help"));
        social.setId("card-sector-social");
        bus.setId("card-sector-bus");
        health.setId("card-sector-health");
        Button save = new Button(getTranslation("card.sector.save"),
                e -> result(cards.linkSectorCards(citizen, social.isEmpty() ? null : social.getValue(), bus.getValue(),
                        health.getValue())));
        save.setId("card-sector-save");
        Div box = new Div(new H2(getTranslation("card.sector")), social, bus, health, save);
        box.addClassName("cc-form");
        return box;
    }

    /** A step that needs a reason: the button opens a small dialog asking for it. */
    private Button withReason(String key, String id, java.util.function.Function<String, CardResult> step) {
        return ReasonDialog.button(this, key, id, reason -> result(step.apply(reason)));
    }

    /** Unfreezing needs the citizen to prove again it is them: their password, here and now. */
    private void confirmThenUnfreeze() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("card.unfreeze"));
        PasswordField password = new PasswordField(getTranslation("card.unfreeze.password"));
        password.setId("card-unfreeze-password");
        Paragraph error = new Paragraph();
        error.addClassName("cc-form-error");
        Button confirm = new Button(getTranslation("card.confirm"), c -> {
            if (!identities.confirmPassword(citizen, password.getValue())) {
                error.setText(getTranslation("account.signin.failed"));
                return;
            }
            dialog.close();
            result(cards.unfreeze(citizen, Cards.CITIZEN, getTranslation("card.unfreeze.reason"), Instant.now()));
        });
        confirm.setId("card-unfreeze-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new Paragraph(getTranslation("card.unfreeze.intro")), password, error);
        dialog.getFooter().add(new Button(getTranslation("card.back"), c -> dialog.close()), confirm);
        dialog.open();
    }

    private Div history() {
        Grid<CardEvent> grid = new Grid<>();
        grid.addColumn(e -> WHEN.format(e.at())).setHeader(getTranslation("card.history.when")).setAutoWidth(true);
        grid.addColumn(e -> getTranslation("card.action." + e.action())).setHeader(getTranslation("card.history.what"));
        grid.addColumn(e -> Cards.CITIZEN.equals(e.actor()) ? getTranslation("card.history.me")
                : getTranslation("card.history.staff")).setHeader(getTranslation("card.history.who")).setAutoWidth(true);
        grid.addColumn(CardEvent::reason).setHeader(getTranslation("card.reason"));
        grid.setItems(cards.history(citizen));
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setId("card-history");
        return new Div(new H2(getTranslation("card.history")), grid);
    }

    private void result(CardResult result) {
        if (result instanceof CardResult.Refused refused) {
            Notification note = Notification.show(Problems.message(this, refused.problem()), 6000,
                    Notification.Position.MIDDLE);
            note.addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        render();
    }

}

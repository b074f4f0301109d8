package org.citycard.portal.health;

import java.util.Optional;
import java.util.UUID;

import org.citycard.card.CitizenId;
import org.citycard.health.HealthCard;
import org.citycard.health.HealthCards;
import org.citycard.portal.account.CitizenPage;
import org.citycard.portal.account.QrCode;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * A card's static code on a page of its own, to print for someone without a phone (an elderly parent, a child):
 * the QR code large, the masked name and ID number, and how to use it. Role CITIZEN; the holder's own cards only.
 */
@Route(value = "me/health/print", layout = PortalLayout.class)
@RolesAllowed("CITIZEN")
public class HealthPrintView extends CitizenPage {

    private final HealthCards cards;

    public HealthPrintView(HealthCards cards, AuthenticationContext auth) {
        super(auth, "health.print-heading", "cc-health-print");
        this.cards = cards;
    }

    @Override
    protected void show(CitizenId citizen) {
        removeAll();
        Optional<HealthCard> card = location.getQueryParameters().getSingleParameter("card").flatMap(text -> {
            try {
                return cards.card(citizen, UUID.fromString(text));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }).filter(HealthCard::printable);
        add(new H1(getTranslation("health.print-heading")));
        if (card.isEmpty()) {
            add(new Paragraph(getTranslation("health.problem.UNKNOWN_CARD")),
                    new Anchor("me/health", getTranslation("health.back")));
            return;
        }
        HealthCard c = card.get();
        if (c.staticCode() == null) {
            // off until asked for: the fixed code is good for as long as it is on, for whoever holds it
            Paragraph explain = new Paragraph(getTranslation("health.static-explain"));
            explain.setId("health-static-explain");
            Button on = new Button(getTranslation("health.static-on"), e -> {
                cards.staticCode(citizen, c.id(), true);
                show(citizen);
            });
            on.setId("health-static-on");
            on.addThemeVariants(com.vaadin.flow.component.button.ButtonVariant.LUMO_PRIMARY);
            add(explain, on, new Anchor("me/health", getTranslation("health.back")));
            return;
        }
        QrCode qr = new QrCode(c.staticCode(), getTranslation("health.qr-label", c.nameMasked()));
        qr.addClassName("cc-health-qr");
        qr.setId("health-static-code");
        Button print = new Button(getTranslation("health.print-now"),
                e -> getElement().executeJs("window.print()"));
        print.addClassName("cc-no-print");
        Anchor back = new Anchor("me/health", getTranslation("health.back"));
        back.addClassName("cc-no-print");
        Button off = new Button(getTranslation("health.static-off"), e -> {
            cards.staticCode(citizen, c.id(), false);
            show(citizen);
        });
        off.setId("health-static-off");
        off.addClassName("cc-no-print");
        add(new Div(new Paragraph(getTranslation("health.print-card", c.nameMasked(), c.idNumberMasked())), qr,
                        new Paragraph(getTranslation("health.print-help"))),
                print, off, back);
    }
}

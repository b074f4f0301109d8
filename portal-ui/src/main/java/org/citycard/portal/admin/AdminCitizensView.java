package org.citycard.portal.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.citycard.card.Card;
import org.citycard.card.CardResult;
import org.citycard.card.CardStatus;
import org.citycard.card.Cards;
import org.citycard.card.Citizen;
import org.citycard.card.Identities;
import org.citycard.portal.shell.ReasonDialog;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * The counter's citizen lookup: by full phone number or ID number (through the blind index), shown masked, with
 * the card operations a citizen asks for in person, each with a reason. CARD_OPERATOR and ADMIN.
 */
@Route(value = "admin/citizens", layout = AdminLayout.class)
@RolesAllowed({"CARD_OPERATOR", "ADMIN"})
public class AdminCitizensView extends Div implements HasDynamicTitle {

    private final Identities identities;
    private final Cards cards;
    private final String operator;
    private final Div result = new Div();
    private final TextField query = new TextField();

    public AdminCitizensView(Identities identities, Cards cards, AuthenticationContext auth) {
        this.identities = identities;
        this.cards = cards;
        this.operator = auth.getPrincipalName().orElseThrow();
        query.setLabel(getTranslation("admin.citizens.query"));
        query.setHelperText(getTranslation("admin.citizens.query.help"));
        query.setId("citizen-query");
        query.setMaxLength(20);
        Button search = new Button(getTranslation("admin.citizens.search"), e -> show());
        search.setId("citizen-search");
        search.addClickShortcut(Key.ENTER);
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        result.setId("citizen-result");
        add(new H1(getTranslation("admin.citizens.heading")), new Div(query, search), result);
    }

    private void show() {
        result.removeAll();
        List<Citizen> found = identities.lookup(query.getValue());
        if (found.isEmpty()) {
            result.add(new Paragraph(getTranslation("admin.citizens.none")));
            return;
        }
        Citizen citizen = found.getFirst();
        result.add(new Paragraph(getTranslation("admin.citizens.who", citizen.nameMasked().isEmpty() ? "—"
                : citizen.nameMasked(), citizen.phoneMasked(), citizen.idNumberMasked().isEmpty() ? "—"
                : citizen.idNumberMasked(), getTranslation("me.level." + citizen.level().name()))));
        Optional<Card> card = cards.current(citizen.id());
        if (card.isEmpty()) {
            result.add(new Paragraph(getTranslation("card.problem.NO_CARD")));
            return;
        }
        Paragraph status = new Paragraph(getTranslation("admin.citizens.card", card.get().number().masked(),
                getTranslation("card.status." + card.get().status().name())));
        status.setId("citizen-card-status");
        Div actions = new Div();
        actions.addClassName("cc-card-actions");
        if (card.get().status() == CardStatus.ACTIVE) {
            actions.add(ReasonDialog.button(this, "card.report-loss", "admin-report-loss",
                    reason -> done(cards.reportLoss(citizen.id(), operator, reason))));
        } else {
            // at the counter the operator has checked the citizen's ID card in person: that is the fresh proof
            actions.add(ReasonDialog.button(this, "card.unfreeze", "admin-unfreeze",
                    reason -> done(cards.unfreeze(citizen.id(), operator, reason, Instant.now()))));
        }
        actions.add(ReasonDialog.button(this, "card.replace", "admin-replace",
                        reason -> done(cards.replace(citizen.id(), operator, reason))),
                ReasonDialog.button(this, "card.cancel", "admin-cancel",
                        reason -> done(cards.cancel(citizen.id(), operator, reason))));
        result.add(status, actions);
    }

    private void done(CardResult outcome) {
        if (outcome instanceof CardResult.Refused refused) {
            Feedback.error(this, getTranslation("card.problem." + refused.problem().name()));
        }
        show();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.citizens.heading") + " · " + getTranslation("shell.brand");
    }
}

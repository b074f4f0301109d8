package org.citycard.portal.admin;

import java.util.Optional;

import org.citycard.health.HealthCard;
import org.citycard.health.HealthCards;

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
 * The service counter's e-health card desk: an elderly parent without a phone comes with the reference their child
 * got when applying for them, and their ID card; the operator finds the application (shown masked), types the number
 * on the ID card they hold in their hand, and the card is registered when it is the one applied with. CARD_OPERATOR
 * and ADMIN.
 */
@Route(value = "admin/health-cards", layout = AdminLayout.class)
@RolesAllowed({"CARD_OPERATOR", "ADMIN"})
public class AdminHealthCardsView extends Div implements HasDynamicTitle {

    private final HealthCards cards;
    private final String operator;
    private final TextField reference = new TextField();
    private final Div result = new Div();

    public AdminHealthCardsView(HealthCards cards, AuthenticationContext auth) {
        this.cards = cards;
        this.operator = auth.getPrincipalName().orElseThrow();
        reference.setLabel(getTranslation("admin.health.reference"));
        reference.setHelperText(getTranslation("admin.health.reference-help"));
        reference.setId("health-reference");
        reference.setMaxLength(8);
        Button find = new Button(getTranslation("admin.citizens.search"), e -> find());
        find.setId("health-find");
        find.addClickShortcut(Key.ENTER);
        find.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        result.setId("health-application");
        result.getElement().setAttribute("aria-live", "polite");
        add(new H1(getTranslation("admin.health.heading")), new Paragraph(getTranslation("admin.health.intro")),
                new Div(reference, find), result);
    }

    private void find() {
        result.removeAll();
        Optional<HealthCard> card = cards.awaitingCounter(reference.getValue());
        if (card.isEmpty()) {
            result.add(new Paragraph(getTranslation("health.problem.UNKNOWN_REFERENCE")));
            return;
        }
        HealthCard c = card.get();
        TextField seen = new TextField(getTranslation("admin.health.id-seen"));
        seen.setHelperText(getTranslation("admin.health.id-seen-help"));
        seen.setId("health-id-seen");
        seen.setMaxLength(18);
        Paragraph outcome = new Paragraph();
        outcome.setId("health-confirmed");
        Button confirm = new Button(getTranslation("admin.health.confirm"));
        confirm.setId("health-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClickListener(e -> {
            switch (cards.confirmAtCounter(operator, c.counterReference(), seen.getValue())) {
                case HealthCards.Result.Done done -> {
                    outcome.setText(getTranslation("admin.health.done", done.card().nameMasked()));
                    outcome.removeClassName("cc-problem");
                    confirm.setEnabled(false);
                }
                case HealthCards.Result.Refused refused -> {
                    outcome.setText(getTranslation("health.problem." + refused.problem().name()));
                    outcome.addClassName("cc-problem");
                }
            }
        });
        result.add(new Paragraph(getTranslation("admin.health.application", c.nameMasked(), c.idNumberMasked(),
                getTranslation("health.sex." + c.sex().name()), c.birthDate())), seen, confirm, outcome);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.health.heading") + " · " + getTranslation("shell.brand");
    }
}

package org.citycard.portal.account;

import java.time.Duration;
import java.time.Instant;

import org.citycard.card.CitizenId;
import org.citycard.card.DynamicCodes;
import org.citycard.card.code.CodePurpose;
import org.citycard.portal.shell.PortalLayout;
import org.citycard.portal.shell.ToggleGroup;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * The citizen's dynamic codes: ride, health (亮码就医) and payment, as a large QR code that renews itself before it
 * expires, with the seconds left in words, and the latest uses. Role CITIZEN.
 */
@Route(value = "me/codes", layout = PortalLayout.class)
@RolesAllowed("CITIZEN")
public class CodesView extends CitizenPage {

    /** Renew this long before expiry, so a code on screen is never seconds from dying at the gate. */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(15);

    private final DynamicCodes codes;
    private final org.citycard.health.HealthCards healthCards;
    private final Div code = new Div();
    private final Paragraph countdown = new Paragraph();
    private final Div uses = new Div();
    private CitizenId citizen;
    private CodePurpose purpose = CodePurpose.RIDE;
    private Instant expiresAt = Instant.EPOCH;
    private Registration poll;

    public CodesView(DynamicCodes codes, org.citycard.health.HealthCards healthCards, AuthenticationContext auth) {
        super(auth, "codes.heading", "cc-codes");
        this.codes = codes;
        this.healthCards = healthCards;
        ToggleGroup choices = new ToggleGroup(getTranslation("codes.choose"));
        choices.addClassName("cc-code-choices");
        for (CodePurpose p : CodePurpose.values()) {
            choices.add(getTranslation("codes.purpose." + p.name()), "code-tab-" + p.name().toLowerCase(java.util.Locale.ROOT),
                    () -> {
                        purpose = p;
                        renew();
                    });
        }
        code.setId("code");
        code.addClassName("cc-code-box");
        countdown.setId("code-countdown");
        countdown.getElement().setAttribute("aria-live", "polite");
        add(new H1(getTranslation("codes.heading")), choices, code, countdown,
                new Paragraph(getTranslation("codes.hint")), uses, new Anchor("me/card", getTranslation("codes.back")));
    }

    @Override
    protected void show(CitizenId citizen) {
        this.citizen = citizen;
        renew();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(1000);
        poll = event.getUI().addPollListener(e -> tick());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (poll != null) {
            poll.remove();
        }
        event.getUI().setPollInterval(-1);
    }

    private void tick() {
        if (citizen == null) {
            return;
        }
        if (Instant.now().plus(RENEW_BEFORE).isAfter(expiresAt)) {
            renew();
        } else {
            countdown.setText(getTranslation("codes.renews-in",
                    Duration.between(Instant.now(), expiresAt.minus(RENEW_BEFORE)).toSeconds() + 1));
        }
    }

    private void renew() {
        if (citizen == null) {
            return;
        }
        code.removeAll();
        if (purpose == CodePurpose.HEALTH && eHealthCode()) {
            return;
        }
        switch (codes.issue(citizen, purpose)) {
            case DynamicCodes.Issue.Issued issued -> {
                expiresAt = issued.expiresAt();
                QrCode qr = new QrCode(issued.text(), getTranslation("codes.qr.label",
                        getTranslation("codes.purpose." + purpose.name())));
                qr.getElement().setAttribute("data-code", issued.text());
                code.add(qr);
                countdown.setText(getTranslation("codes.renews-in",
                        Duration.between(Instant.now(), expiresAt.minus(RENEW_BEFORE)).toSeconds()));
            }
            case DynamicCodes.Issue.Refused refused -> {
                expiresAt = Instant.MAX;
                code.add(new Paragraph(Problems.message(this, refused.problem())));
                code.add(new Anchor("me/card", getTranslation("codes.back")));
                countdown.setText("");
            }
        }
        if (purpose == CodePurpose.HEALTH) {
            code.add(new Paragraph(new Anchor("me/health", getTranslation("codes.get-ehealth-card"))));
        }
        showUses();
    }

    /**
     * The health code is the e-health card's dynamic code once the citizen holds their own card (one code at the
     * hospital); renewed every minute, as on the card's page. False when they hold none.
     */
    private boolean eHealthCode() {
        java.util.Optional<org.citycard.health.HealthCards.HealthCode> own = healthCards.healthCode(citizen);
        if (own.isEmpty()) {
            return false;
        }
        switch (own.get().code()) {
            case org.citycard.health.HealthCards.CodeResult.Issued issued -> {
                Instant minute = Instant.now().plus(Duration.ofSeconds(75));
                expiresAt = issued.expiresAt().isBefore(minute) ? issued.expiresAt() : minute;
                QrCode qr = new QrCode(issued.text(), getTranslation("health.qr-label", own.get().card().nameMasked()));
                qr.getElement().setAttribute("data-code", issued.text());
                code.add(qr);
                countdown.setText(getTranslation("codes.renews-in",
                        Duration.between(Instant.now(), expiresAt.minus(RENEW_BEFORE)).toSeconds()));
            }
            case org.citycard.health.HealthCards.CodeResult.Refused refused -> {
                expiresAt = Instant.now().plus(Duration.ofSeconds(75));
                code.add(new Paragraph(getTranslation("health.problem." + refused.problem().name())));
                countdown.setText("");
            }
        }
        code.add(new Paragraph(new Anchor("me/health", getTranslation("codes.ehealth-card"))));
        showUses();
        return true;
    }

    private void showUses() {
        uses.removeAll();
        codes.uses(citizen, 3).forEach(use -> uses.add(new Paragraph(getTranslation("codes.used",
                getTranslation("codes.purpose." + use.purpose().name()), use.place(),
                java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(org.citycard.kernel.ChinaTime.ZONE)
                        .format(use.usedAt())))));
    }

}

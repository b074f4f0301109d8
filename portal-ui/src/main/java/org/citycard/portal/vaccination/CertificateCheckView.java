package org.citycard.portal.vaccination;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.citycard.card.RateLimits;
import org.citycard.health.vaccination.Certificates;
import org.citycard.kernel.ChinaTime;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * The public check of an e-vaccination certificate, where its QR code leads: genuine (the id exists and the city's
 * signature verifies) with the holder masked, or "cannot be confirmed", never why. Ids are 128 random bits; checks
 * are limited per address ({@value #PER_MINUTE} a minute, shared by every node) so that nobody can walk the ids.
 * Anyone.
 */
@Route(value = "verify/vaccination", layout = PortalLayout.class)
@AnonymousAllowed
public class CertificateCheckView extends Div implements HasUrlParameter<String>, HasDynamicTitle {

    static final int PER_MINUTE = 30;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ChinaTime.ZONE);

    private final Certificates certificates;
    private final RateLimits limits;

    public CertificateCheckView(Certificates certificates, RateLimits limits) {
        this.certificates = certificates;
        this.limits = limits;
        addClassName("cc-certificate-check");
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String id) {
        removeAll();
        add(new H1(getTranslation("check.heading")));
        var request = com.vaadin.flow.server.VaadinRequest.getCurrent();
        String address = request == null ? "?" : request.getRemoteAddr();
        Paragraph answer = new Paragraph();
        answer.setId("certificate-check");
        if (!limits.tryTake("vaccination-check:" + address, PER_MINUTE, Duration.ofMinutes(1))) {
            answer.setText(getTranslation("check.slow-down"));
            answer.addClassName("cc-problem");
            add(answer);
            return;
        }
        String signature = event.getLocation().getQueryParameters().getSingleParameter("s").orElse(null);
        Optional<Certificates.Certificate> found = certificates.check(id, signature);
        if (found.isEmpty()) {
            answer.setText(getTranslation("check.not-confirmed"));
            answer.addClassName("cc-problem");
            add(answer);
            return;
        }
        Certificates.Certificate c = found.get();
        answer.setText(getTranslation("check.genuine"));
        answer.addClassName("cc-success");
        add(answer, new Paragraph(getTranslation("check.details", c.personNameMasked(), c.vaccineName(), c.dose(),
                c.doses(), DAY.format(c.givenAt()), c.clinicName())));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("check.heading") + " · " + getTranslation("shell.brand");
    }
}

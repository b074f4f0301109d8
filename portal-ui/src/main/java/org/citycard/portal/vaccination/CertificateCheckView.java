package org.citycard.portal.vaccination;

import java.time.format.DateTimeFormatter;

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
 * are limited per address ({@code citycard.vaccination.checks-per-source-per-minute}, 30 unless set; shared by every
 * node) so that nobody can walk the ids.
 * Anyone.
 */
@Route(value = "verify/vaccination", layout = PortalLayout.class)
@AnonymousAllowed
public class CertificateCheckView extends Div implements HasUrlParameter<String>, HasDynamicTitle {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ChinaTime.ZONE);

    private final Certificates certificates;

    public CertificateCheckView(Certificates certificates) {
        this.certificates = certificates;
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
        String signature = event.getLocation().getQueryParameters().getSingleParameter("s").orElse(null);
        Certificates.Certificate c;
        switch (certificates.check(id, signature, address)) {
            case Certificates.Checked.Genuine genuine -> c = genuine.certificate();
            case Certificates.Checked.SlowDown slow -> {
                answer.setText(getTranslation("check.slow-down"));
                answer.addClassName("cc-problem");
                add(answer);
                return;
            }
            case Certificates.Checked.NotConfirmed none -> {
                answer.setText(getTranslation("check.not-confirmed"));
                answer.addClassName("cc-problem");
                add(answer);
                return;
            }
        }
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

package org.citycard.portal.vaccination;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.citycard.card.CitizenId;
import org.citycard.health.vaccination.Certificates;
import org.citycard.kernel.ChinaTime;
import org.citycard.portal.account.CitizenPage;
import org.citycard.portal.account.QrCode;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * E-vaccination certificates (电子预防接种凭证) of every e-health card the citizen holds, each with its QR code, which
 * anyone can scan to check it at the public page. Role CITIZEN; their own cards only.
 */
@Route(value = "me/vaccination/certificates", layout = PortalLayout.class)
@RolesAllowed("CITIZEN")
public class CertificatesView extends CitizenPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ChinaTime.ZONE);

    private final Certificates certificates;

    public CertificatesView(Certificates certificates, AuthenticationContext auth) {
        super(auth, "certificates.heading", "cc-certificates");
        this.certificates = certificates;
    }

    @Override
    protected void show(CitizenId citizen) {
        removeAll();
        add(new H1(getTranslation("certificates.heading")), new Paragraph(getTranslation("certificates.intro")));
        List<Certificates.Certificate> mine = certificates.of(citizen);
        if (mine.isEmpty()) {
            add(new Paragraph(getTranslation("certificates.none")), new Anchor("vaccination", getTranslation("vaccination.heading")));
            return;
        }
        UnorderedList list = new UnorderedList();
        list.setId("certificates");
        list.addClassName("cc-health-cards");
        for (Certificates.Certificate c : mine) {
            ListItem item = new ListItem();
            item.addClassName("cc-parking-lot");
            QrCode qr = new QrCode(c.qrText(), getTranslation("certificates.qr-label", c.vaccineName(), c.dose()));
            qr.getElement().setAttribute("data-code", c.qrText());
            item.add(new H3(c.vaccineName() + " · " + getTranslation("certificates.dose", c.dose(), c.doses()) + " · "
                            + c.personNameMasked()),
                    new Paragraph(getTranslation("certificates.line", WHEN.format(c.givenAt()), c.clinicName(), c.batch())),
                    qr, new Paragraph(new Anchor(c.qrText(), getTranslation("certificates.check"))));
            list.add(item);
        }
        add(list);
    }
}

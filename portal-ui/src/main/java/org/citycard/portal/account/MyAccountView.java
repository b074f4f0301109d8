package org.citycard.portal.account;


import org.citycard.card.Citizen;
import org.citycard.card.CitizenId;
import org.citycard.card.Favourites;
import org.citycard.card.Identities;
import org.citycard.card.LinkedLogin;
import org.citycard.card.LoginLinks;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * The citizen's home: who they are (masked), verification level, shortcuts to card, codes and wallet, linked
 * WeChat and Alipay logins with a link code to add one, favourite and recently viewed services, sign-out.
 * Role CITIZEN.
 */
@Route(value = "me", layout = PortalLayout.class)
@RolesAllowed("CITIZEN")
public class MyAccountView extends CitizenPage {

    private final Identities identities;
    private final LoginLinks links;
    private final Favourites favourites;

    private final org.citycard.catalog.CatalogBrowsing catalog;

    public MyAccountView(Identities identities, LoginLinks links, Favourites favourites,
                         org.citycard.catalog.CatalogBrowsing catalog, AuthenticationContext auth) {
        super(auth, "me.heading", "cc-me");
        this.identities = identities;
        this.links = links;
        this.favourites = favourites;
        this.catalog = catalog;
    }

    @Override
    protected void show(CitizenId citizen) {
        Citizen me = identities.find(citizen).orElseThrow();
        removeAll();
        Paragraph level = new Paragraph(getTranslation("me.level." + me.level().name()));
        level.setId("me-level");
        Div facts = new Div(new Paragraph(getTranslation("me.phone", me.phoneMasked().isEmpty() ? "—" : me.phoneMasked())),
                level);
        if (!me.nameMasked().isEmpty()) {
            facts.add(new Paragraph(getTranslation("me.name", me.nameMasked(), me.idNumberMasked())));
        }
        Div shortcuts = new Div(new Anchor("me/card", getTranslation("me.card")), new Anchor("me/codes",
                getTranslation("me.codes")), new Anchor("me/wallet", getTranslation("me.wallet")),
                new Anchor("me/wallet/top-up", getTranslation("me.top-up")), new Anchor("me/orders", getTranslation("me.orders")),
                new Anchor("me/bills", getTranslation("me.bills")), new Anchor("me/parking", getTranslation("myparking.heading")),
                new Anchor("me/messages", getTranslation("me.messages")));
        shortcuts.addClassName("cc-shortcuts");
        if (me.level() != org.citycard.card.VerificationLevel.REAL_NAME) {
            shortcuts.add(new Anchor("me/real-name", getTranslation("card.go-real-name")));
        }
        Button signOut = new Button(getTranslation("me.sign-out"), e -> signOut());
        signOut.setId("me-sign-out");
        add(new H1(getTranslation("me.heading")), facts, shortcuts, logins(me), services(me), signOut);
    }

    private Div logins(Citizen me) {
        Div box = new Div(new H2(getTranslation("me.logins")));
        for (LinkedLogin login : links.logins(me.id())) {
            Button unlink = new Button(getTranslation("me.unlink"), e -> {
                if (links.unlink(me.id(), login.provider()) instanceof org.citycard.card.IdentityResult.Refused refused) {
                    com.vaadin.flow.component.notification.Notification.show(Problems.message(this, refused.problem()));
                }
                show(me.id());
            });
            unlink.setId("me-unlink-" + login.provider().name().toLowerCase(java.util.Locale.ROOT));
            box.add(new Div(new Span(getTranslation("me.login", getTranslation("platform." + login.provider().name()),
                    login.subjectMasked())), unlink));
        }
        Div code = new Div();
        Button link = new Button(getTranslation("me.link"), e -> {
            String linkCode = links.createLinkCode(me.id());
            Span text = new Span(linkCode);
            text.setId("me-link-code");
            text.addClassName("cc-link-code");
            code.removeAll();
            code.add(new QrCode(linkCode, getTranslation("me.link.qr")), text,
                    new Paragraph(getTranslation("me.link.help", LoginLinks.LINK_CODE_VALIDITY.toMinutes())));
        });
        link.setId("me-link");
        box.add(link, code);
        return box;
    }

    /** A link to a service by its name; a service no longer published keeps its code. */
    private Div service(String code) {
        String name = org.citycard.catalog.ServiceCode.parse(code).flatMap(catalog::service)
                .map(s -> s.definition().name().in(getLocale())).orElse(code);
        Div line = new Div(new Anchor("service/" + code, name));
        line.addClassName("cc-service-link");
        return line;
    }

    private Div services(Citizen me) {
        Div box = new Div(new H2(getTranslation("me.favourites")));
        var favourite = favourites.favourites(me.id());
        if (favourite.isEmpty()) {
            box.add(new Paragraph(getTranslation("me.favourites.none")));
        }
        favourite.forEach(code -> box.add(service(code)));
        var recent = favourites.recentlyViewed(me.id());
        if (!recent.isEmpty()) {
            box.add(new H2(getTranslation("me.recent")));
            recent.forEach(code -> box.add(service(code)));
        }
        return box;
    }

}

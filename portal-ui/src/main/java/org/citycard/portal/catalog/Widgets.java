package org.citycard.portal.catalog;

import java.util.List;
import java.util.Locale;

import org.citycard.catalog.Channel;
import org.citycard.catalog.PublishedService;
import org.citycard.catalog.ServiceDefinition;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;

/** The catalog's small building blocks: service cards, badges and icons. */
final class Widgets {

    private Widgets() {
    }

    static Anchor serviceCard(Component owner, PublishedService service, Locale locale) {
        ServiceDefinition d = service.definition();
        H3 name = new H3(d.name().in(locale));
        name.addClassName("cc-service-name");
        Paragraph summary = new Paragraph(d.summary() == null ? "" : d.summary().in(locale));
        summary.addClassName("cc-service-summary");
        Anchor card = new Anchor("service/" + d.code().value());
        card.add(name, summary, badges(owner, d));
        card.addClassName("cc-service-card");
        return card;
    }

    static Div badges(Component owner, ServiceDefinition d) {
        Div badges = new Div();
        badges.addClassName("cc-badges");
        badges.add(badge(owner.getTranslation("kind." + d.kind().name()), "cc-badge-kind"));
        for (Channel channel : List.of(Channel.WEB, Channel.WECHAT, Channel.ALIPAY)) {
            if (d.offeredOn(channel)) {
                badges.add(badge(owner.getTranslation("channel." + channel.name()),
                        "cc-badge-" + channel.name().toLowerCase(Locale.ROOT)));
            }
        }
        if (d.guide() != null && d.guide().zeroMaterial()) {
            badges.add(badge(owner.getTranslation("badge.zero-material"), "cc-badge-zero"));
        }
        return badges;
    }

    static Span badge(String text, String modifier) {
        Span badge = new Span(text);
        badge.addClassNames("cc-badge", modifier);
        return badge;
    }

    static Icon icon(String name) {
        VaadinIcon icon;
        try {
            icon = VaadinIcon.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            icon = VaadinIcon.GRID_SMALL;
        }
        Icon created = icon.create();
        created.getElement().setAttribute("aria-hidden", "true");
        return created;
    }

    static Div serviceList(Component owner, List<PublishedService> services, Locale locale) {
        Div list = new Div();
        list.addClassName("cc-service-list");
        services.forEach(s -> list.add(serviceCard(owner, s, locale)));
        if (services.isEmpty()) {
            Paragraph empty = new Paragraph(owner.getTranslation("search.empty"));
            empty.addClassName("cc-empty");
            return new Div(empty);
        }
        return list;
    }
}

package org.citycard.portal.account;

import java.time.format.DateTimeFormatter;

import org.citycard.card.SmsInbox;
import org.citycard.portal.shell.PortalLayout;
import org.springframework.beans.factory.ObjectProvider;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * The development SMS inbox: the messages the default profile "sent", so a newcomer can read their code. Public,
 * and only there while the inbox sender is configured; with a real SMS provider the page does not exist.
 */
@Route(value = "dev/sms-inbox", layout = PortalLayout.class)
@AnonymousAllowed
public class SmsInboxView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(org.citycard.kernel.ChinaTime.ZONE);

    private final SmsInbox inbox;
    private final Grid<SmsInbox.Message> grid = new Grid<>();

    public SmsInboxView(ObjectProvider<SmsInbox> inbox) {
        this.inbox = inbox.getIfAvailable();
        addClassNames("cc-account", "cc-inbox");
        grid.addColumn(m -> TIME.format(m.sentAt())).setHeader(getTranslation("account.inbox.time")).setAutoWidth(true);
        grid.addColumn(SmsInbox.Message::phoneMasked).setHeader(getTranslation("account.phone")).setAutoWidth(true);
        grid.addColumn(SmsInbox.Message::text).setHeader(getTranslation("account.inbox.text")).setFlexGrow(1);
        grid.setAllRowsVisible(true);
        grid.setId("sms-inbox");
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        Button refresh = new Button(getTranslation("account.inbox.refresh"), e -> refresh());
        refresh.setId("sms-inbox-refresh");
        add(new H1(getTranslation("account.inbox.heading")), new Paragraph(getTranslation("account.inbox.intro")),
                refresh, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (inbox == null) {
            throw new NotFoundException();
        }
        refresh();
    }

    private void refresh() {
        grid.setItems(inbox.messages());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("account.inbox.heading") + " · " + getTranslation("shell.brand");
    }
}

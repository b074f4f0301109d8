package org.citycard.portal.account;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.citycard.card.CitizenId;
import org.citycard.kernel.ChinaTime;
import org.citycard.messages.Channel;
import org.citycard.messages.Message;
import org.citycard.messages.Messages;
import org.citycard.messages.Topic;
import org.citycard.portal.shell.PortalLayout;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * The citizen's inbox, newest first (in the language the page is read in), each marked read when opened; and the
 * settings: which channels besides the inbox each topic uses, and the quiet hours. Role CITIZEN.
 */
@Route(value = "me/messages", layout = PortalLayout.class)
@RolesAllowed("CITIZEN")
public class MessagesView extends CitizenPage {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ChinaTime.ZONE);

    private final Messages messages;

    public MessagesView(Messages messages, AuthenticationContext auth) {
        super(auth, "messages.heading", "cc-messages");
        this.messages = messages;
    }

    @Override
    protected void show(CitizenId citizen) {
        removeAll();
        add(new H1(getTranslation("messages.heading")));
        boolean chinese = getLocale().getLanguage().equals(Locale.CHINESE.getLanguage());
        List<Message> inbox = messages.inbox(citizen, 100);
        Div list = new Div();
        list.setId("messages-inbox");
        list.addClassName("cc-messages-inbox");
        Paragraph unread = new Paragraph(getTranslation("messages.unread", messages.unread(citizen)));
        unread.setId("messages-unread");
        list.add(unread);
        if (inbox.isEmpty()) {
            list.add(new Paragraph(getTranslation("messages.none")));
        }
        for (Message m : inbox) {
            Div item = new Div();
            item.addClassName(m.readAt() == null ? "cc-message-unread" : "cc-message");
            item.add(new H3((m.readAt() == null ? getTranslation("messages.new") + " " : "")
                    + (chinese ? m.titleZh() : m.titleEn())));
            item.add(new Paragraph(chinese ? m.bodyZh() : m.bodyEn()));
            Paragraph meta = new Paragraph(WHEN.format(m.sentAt()));
            meta.addClassName("cc-empty");
            item.add(meta);
            if (m.link() != null && m.link().startsWith("/")) {
                item.add(new Paragraph(new Anchor(m.link().substring(1), getTranslation("messages.open"))));
            }
            if (m.readAt() == null) {
                Button read = new Button(getTranslation("messages.mark-read"), e -> {
                    messages.markRead(citizen, m.id());
                    show(citizen);
                });
                read.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
                read.setId("messages-read-" + m.id());
                item.add(read);
            }
            list.add(item);
        }
        add(list, settings(citizen));
    }

    private Div settings(CitizenId citizen) {
        Div settings = new Div();
        settings.setId("messages-settings");
        settings.add(new H2(getTranslation("messages.settings")));
        Set<Channel> available = messages.channelsAvailable();
        var chosen = messages.channels(citizen);
        Paragraph inboxAlways = new Paragraph(getTranslation("messages.inbox-always"));
        settings.add(inboxAlways);
        java.util.Map<Topic, CheckboxGroup<Channel>> groups = new java.util.EnumMap<>(Topic.class);
        for (Topic topic : Topic.values()) {
            CheckboxGroup<Channel> group = new CheckboxGroup<>(getTranslation("messages.topic." + topic.name()));
            group.setItems(available.stream().sorted().toList());
            group.setItemLabelGenerator(c -> getTranslation("messages.channel." + c.name()));
            group.setValue(chosen.get(topic));
            group.setId("messages-topic-" + topic.name());
            groups.put(topic, group);
            settings.add(group);
        }
        Messages.QuietHours quiet = messages.quietHours(citizen);
        TimePicker from = new TimePicker(getTranslation("messages.quiet-from"), quiet.from());
        from.setId("messages-quiet-from");
        TimePicker until = new TimePicker(getTranslation("messages.quiet-until"), quiet.until());
        until.setId("messages-quiet-until");
        Paragraph saved = new Paragraph();
        saved.setId("messages-saved");
        saved.getElement().setAttribute("aria-live", "polite");
        Button save = new Button(getTranslation("messages.save"), e -> {
            groups.forEach((topic, group) -> messages.choose(citizen, topic, group.getValue()));
            if (from.getValue() != null && until.getValue() != null) {
                messages.setQuietHours(citizen, new Messages.QuietHours(from.getValue(), until.getValue()));
            }
            saved.setText(getTranslation("messages.saved"));
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("messages-save");
        settings.add(new Paragraph(getTranslation("messages.quiet-help")), from, until, save, saved);
        return settings;
    }
}

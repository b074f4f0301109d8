package org.citycard.portal.admin;

import java.time.LocalDate;
import java.util.stream.Collectors;

import org.citycard.kernel.ChinaTime;
import org.citycard.messages.MessageOperations;
import org.citycard.portal.shell.Svg;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * Messages for staff: each topic's mini-program templates (ids from configuration, as WeChat and Alipay assigned
 * them) and delivery over a span of days: copies sent, not sent and why, still pending, and how many messages were
 * read. The services that send (bills now) and administrators: BILLING and ADMIN.
 */
@Route(value = "admin/messages", layout = AdminLayout.class)
@RolesAllowed({"BILLING", "ADMIN"})
public class AdminMessagesView extends Div implements HasDynamicTitle {

    private final MessageOperations operations;
    private final Grid<MessageOperations.ChannelCount> channels = new Grid<>();
    private final Grid<MessageOperations.TopicCount> topics = new Grid<>();
    private final Grid<MessageOperations.Reason> reasons = new Grid<>();
    private final Div bars = new Div();
    private final Paragraph overdue = new Paragraph();

    public AdminMessagesView(MessageOperations operations) {
        this.operations = operations;
        addClassNames("cc-admin", "cc-admin-messages");
        Grid<MessageOperations.Template> templates = new Grid<>();
        templates.setId("messages-templates");
        templates.addColumn(t -> getTranslation("messages.topic." + t.topic().name()))
                .setHeader(getTranslation("admin.messages.topic")).setAutoWidth(true);
        templates.addColumn(t -> t.byDefault().stream().map(c -> getTranslation("messages.channel." + c.name()))
                        .collect(Collectors.joining("、")))
                .setHeader(getTranslation("admin.messages.by-default")).setAutoWidth(true);
        templates.addColumn(t -> t.wechatTemplateId() == null ? getTranslation("admin.messages.none")
                : t.wechatTemplateId() + " (" + t.wechatFields() + ")").setHeader(getTranslation("admin.messages.wechat"));
        templates.addColumn(t -> t.alipayTemplateId() == null ? getTranslation("admin.messages.none")
                : t.alipayTemplateId() + " (" + t.alipayFields() + ")").setHeader(getTranslation("admin.messages.alipay"));
        templates.setAllRowsVisible(true);
        templates.setItems(operations.templates());

        LocalDate today = LocalDate.now(ChinaTime.ZONE);
        DatePicker from = new DatePicker(getTranslation("admin.messages.from"), today.minusDays(6));
        from.setId("messages-from");
        DatePicker to = new DatePicker(getTranslation("admin.messages.to"), today);
        to.setId("messages-to");
        Paragraph problem = new Paragraph();
        problem.addClassName("cc-problem");
        problem.getElement().setAttribute("aria-live", "polite");
        Button show = new Button(getTranslation("admin.messages.show"), e -> {
            LocalDate a = from.getValue();
            LocalDate b = to.getValue();
            if (a == null || b == null || a.isAfter(b) || a.plusDays(MessageOperations.MAX_DAYS).isBefore(b)) {
                problem.setText(getTranslation("admin.messages.bad-span", MessageOperations.MAX_DAYS));
                return;
            }
            problem.setText("");
            show(a, b);
        });
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show.setId("messages-show");
        Div form = new Div(from, to, show);
        form.addClassName("cc-filters");

        channels.setId("messages-channels");
        channels.addColumn(c -> getTranslation("messages.channel." + c.channel().name()))
                .setHeader(getTranslation("admin.messages.channel")).setAutoWidth(true);
        channels.addColumn(MessageOperations.ChannelCount::sent).setHeader(getTranslation("admin.messages.sent"));
        channels.addColumn(MessageOperations.ChannelCount::notSent).setHeader(getTranslation("admin.messages.not-sent"));
        channels.addColumn(MessageOperations.ChannelCount::pending).setHeader(getTranslation("admin.messages.pending"));
        channels.addColumn(c -> percent(c.sent(), c.sent() + c.notSent())).setHeader(getTranslation("admin.messages.rate"));
        channels.setAllRowsVisible(true);
        topics.setId("messages-topics");
        topics.addColumn(t -> getTranslation("messages.topic." + t.topic().name()))
                .setHeader(getTranslation("admin.messages.topic")).setAutoWidth(true);
        topics.addColumn(MessageOperations.TopicCount::messages).setHeader(getTranslation("admin.messages.messages"));
        topics.addColumn(t -> percent(t.read(), t.messages())).setHeader(getTranslation("admin.messages.read"));
        topics.setAllRowsVisible(true);
        reasons.setId("messages-reasons");
        reasons.addColumn(r -> getTranslation("messages.channel." + r.channel().name()))
                .setHeader(getTranslation("admin.messages.channel")).setAutoWidth(true);
        reasons.addColumn(MessageOperations.Reason::reason).setHeader(getTranslation("admin.messages.reason")).setFlexGrow(2);
        reasons.addColumn(MessageOperations.Reason::count).setHeader(getTranslation("admin.messages.count"));
        reasons.setAllRowsVisible(true);
        overdue.setId("messages-overdue");

        add(new H1(getTranslation("admin.nav.messages")), new H2(getTranslation("admin.messages.templates")),
                new Paragraph(getTranslation("admin.messages.templates-help")), templates,
                new H2(getTranslation("admin.messages.delivery")), form, problem, overdue, bars, channels,
                new H2(getTranslation("admin.messages.by-topic")), topics,
                new H2(getTranslation("admin.messages.reasons")), reasons);
        show(today.minusDays(6), today);
    }

    private void show(LocalDate from, LocalDate to) {
        MessageOperations.Statistics s = operations.statistics(from, to);
        channels.setItems(s.channels());
        topics.setItems(s.topics());
        reasons.setItems(s.notSent());
        overdue.setText(getTranslation(s.overdue() == 0 ? "admin.messages.on-time" : "admin.messages.overdue", s.overdue()));
        overdue.setClassName("cc-problem", s.overdue() > 0);
        bars.removeAll();
        bars.add(bars(s));
    }

    /** One bar per channel: sent, not sent and pending as shares of its copies (the grid below has the numbers). */
    private Html bars(MessageOperations.Statistics s) {
        int width = 480;
        int row = 28;
        StringBuilder described = new StringBuilder();
        StringBuilder shapes = new StringBuilder();
        int y = 0;
        for (MessageOperations.ChannelCount c : s.channels()) {
            long all = Math.max(1, c.sent() + c.notSent() + c.pending());
            int sent = (int) (width * c.sent() / all);
            int notSent = (int) (width * c.notSent() / all);
            shapes.append("<rect x=\"0\" y=\"").append(y).append("\" width=\"").append(sent)
                    .append("\" height=\"20\" fill=\"currentColor\" opacity=\"0.8\"/>")
                    .append("<rect x=\"").append(sent).append("\" y=\"").append(y).append("\" width=\"").append(notSent)
                    .append("\" height=\"20\" style=\"fill: var(--lumo-error-color)\"/>")
                    .append("<rect x=\"").append(sent + notSent).append("\" y=\"").append(y).append("\" width=\"")
                    .append(width - sent - notSent).append("\" height=\"20\" fill=\"currentColor\" opacity=\"0.2\"/>");
            described.append(getTranslation("admin.messages.bar", getTranslation("messages.channel." + c.channel().name()),
                    c.sent(), c.notSent(), c.pending())).append(' ');
            y += row;
        }
        String label = described.isEmpty() ? getTranslation("admin.messages.nothing") : described.toString().strip();
        return new Html("<div class=\"cc-delivery-bars\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 "
                + width + " " + Math.max(row, y) + "\" aria-label=\"" + Svg.escape(label) + "\">" + shapes + "</svg></div>");
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "–" : Math.round(100.0 * part / whole) + "%";
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.nav.messages") + " · " + getTranslation("shell.brand");
    }
}

package org.citycard.portal.admin;

import static org.citycard.portal.account.WalletView.yuan;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.citycard.payment.ChannelId;
import org.citycard.payment.Notifications;
import org.citycard.payment.OrderNo;
import org.citycard.payment.OrderState;
import org.citycard.payment.PaymentOrder;
import org.citycard.payment.PaymentOrders;
import org.citycard.payment.Refunds;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * Payments for finance staff: orders with filters; an order's timeline, refunds and every raw notification with
 * its verdict; refunds with a reason (above a configurable amount they wait for a second officer, never the
 * requester); and channel health (what the latest notifications of each channel came to, alerts first). FINANCE
 * and ADMIN.
 */
@Route(value = "admin/payments", layout = AdminLayout.class)
@RolesAllowed({"FINANCE", "ADMIN"})
public class AdminPaymentsView extends Div implements HasDynamicTitle {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(org.citycard.kernel.ChinaTime.ZONE);

    private final PaymentOrders orders;
    private final Notifications notifications;
    private final Refunds refunds;
    private final String administrator;
    private final Grid<PaymentOrder> grid = new Grid<>();
    private final Div detail = new Div();
    private final Div approvals = new Div();
    private final Div refused = new Div();

    public AdminPaymentsView(PaymentOrders orders, Notifications notifications, Refunds refunds,
                             AuthenticationContext auth) {
        this.orders = orders;
        this.notifications = notifications;
        this.refunds = refunds;
        this.administrator = auth.getPrincipalName().orElseThrow();
        addClassNames("cc-admin", "cc-admin-payments");
        TextField no = new TextField(getTranslation("orders.no"));
        no.setId("payments-order-no");
        no.setClearButtonVisible(true);
        Select<OrderState> state = new Select<>();
        state.setLabel(getTranslation("orders.state"));
        state.setItems(OrderState.values());
        state.setEmptySelectionAllowed(true);
        state.setItemLabelGenerator(s -> s == null ? getTranslation("admin.payments.any")
                : getTranslation("payment.state." + s.name()));
        state.setId("payments-state");
        Select<ChannelId> channel = new Select<>();
        channel.setLabel(getTranslation("topup.channel"));
        channel.setItems(ChannelId.values());
        channel.setEmptySelectionAllowed(true);
        channel.setItemLabelGenerator(c -> c == null ? getTranslation("admin.payments.any")
                : getTranslation("payment.channel." + c.name()));
        channel.setId("payments-channel");
        Button search = new Button(getTranslation("admin.payments.search"), e -> {
            String text = no.getValue().strip();
            if (!text.isEmpty() && OrderNo.parse(text).isEmpty()) {
                Feedback.error(this, getTranslation("admin.payments.bad-no"));
                return;
            }
            List<PaymentOrder> found = orders.search(OrderNo.parse(text).orElse(null), state.getValue(),
                    channel.getValue(), 50);
            grid.setItems(found);
            detail.removeAll();
            if (found.size() == 1) {
                // an order number was looked up: show it at once
                show(found.getFirst());
            }
        });
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.setId("payments-search");
        Div filters = new Div(no, state, channel, search);
        filters.addClassName("cc-filters");

        grid.addColumn(o -> WHEN.format(o.createdAt())).setHeader(getTranslation("wallet.when")).setAutoWidth(true);
        grid.addColumn(o -> o.no().value()).setHeader(getTranslation("orders.no")).setAutoWidth(true);
        grid.addColumn(PaymentOrder::subject).setHeader(getTranslation("orders.subject")).setFlexGrow(1)
                .setWidth("8em");
        grid.addColumn(o -> yuan(o.amountFen())).setHeader(getTranslation("wallet.amount")).setAutoWidth(true);
        grid.addColumn(o -> o.channel() == null ? "—" : getTranslation("payment.channel." + o.channel().name()))
                .setHeader(getTranslation("topup.channel")).setAutoWidth(true);
        grid.addColumn(o -> getTranslation("payment.state." + o.state().name())).setHeader(getTranslation("orders.state"))
                .setAutoWidth(true);
        grid.addColumn(o -> o.refundedFen() == 0 ? "" : yuan(o.refundedFen())).setHeader(getTranslation("orders.refund"))
                .setAutoWidth(true);
        grid.addItemClickListener(e -> show(e.getItem()));
        grid.setItems(orders.search(null, null, null, 50));
        grid.setAllRowsVisible(true);
        grid.setId("payments-orders");
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setEmptyStateText(getTranslation("orders.empty"));
        detail.setId("payments-detail");

        approvals.setId("payments-approvals");
        showApprovals();
        refused.setId("payments-refused");
        showRefused();
        add(new H1(getTranslation("admin.nav.payments")), approvals, refused, filters, grid, detail, health());
    }

    /** Refunds waiting for a second officer: anyone but the requester may approve or reject (four eyes). */
    private void showApprovals() {
        approvals.removeAll();
        List<PaymentOrders.Refund> waiting = refunds.awaitingApproval(50);
        if (waiting.isEmpty()) {
            return;
        }
        approvals.add(new H2(getTranslation("admin.payments.approvals", waiting.size())));
        for (PaymentOrders.Refund refund : waiting) {
            Button approve = new Button(getTranslation("admin.adjust.approve"), e -> {
                report(refunds.approve(refund.refundNo(), administrator));
                showApprovals();
            });
            approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            approve.addClassName("cc-refund-approve");
            Button reject = new Button(getTranslation("admin.adjust.reject"), e -> {
                report(refunds.reject(refund.refundNo(), administrator));
                showApprovals();
            });
            reject.addClassName("cc-refund-reject");
            Div row = new Div(new Span(WHEN.format(refund.requestedAt()) + " · " + refund.order().value() + " · "
                    + yuan(refund.amountFen()) + " · " + refund.reason() + " · " + refund.requestedBy()), approve, reject);
            row.addClassName("cc-approval-row");
            approvals.add(row);
        }
    }

    /**
     * Refunds a channel refused, still owed to the citizen (who was told): ask the channel again, or return the money
     * another way and record how (a refund "by hand", which a second officer approves and which then counts for the
     * order and its purpose). Each stays here until one of the two is done.
     */
    private void showRefused() {
        refused.removeAll();
        List<PaymentOrders.Refund> owed = refunds.refusedByChannel(50);
        if (owed.isEmpty()) {
            return;
        }
        refused.add(new H2(getTranslation("admin.payments.refused", owed.size())));
        for (PaymentOrders.Refund refund : owed) {
            Button again = new Button(getTranslation("admin.payments.refused.again"), e -> {
                report(refunds.askAgain(refund.refundNo(), administrator));
                showApprovals();
                showRefused();
            });
            again.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            again.addClassName("cc-refused-again");
            TextField note = new TextField(getTranslation("admin.payments.refused.note"));
            note.setMaxLength(Refunds.BY_HAND_NOTE_MAX);
            note.addClassName("cc-refused-note");
            Button elsewhere = new Button(getTranslation("admin.payments.refused.elsewhere"), e -> {
                Refunds.Result result = refunds.returnedByHand(refund.refundNo(), note.getValue(), administrator);
                if (result instanceof Refunds.Result.Refused refusedNote
                        && (refusedNote.problem() == PaymentOrders.Problem.REASON_REQUIRED
                        || refusedNote.problem() == PaymentOrders.Problem.REASON_INVALID)) {
                    note.setInvalid(true);
                    note.setErrorMessage(getTranslation(refusedNote.problem() == PaymentOrders.Problem.REASON_REQUIRED
                            ? "admin.payments.refused.note-needed" : "admin.payments.refused.note-invalid"));
                    return;
                }
                if (result instanceof Refunds.Result.AwaitingApproval) {
                    Feedback.success(this, "admin.payments.refused.recorded");
                } else {
                    report(result);
                }
                showApprovals();
                showRefused();
            });
            elsewhere.addClassName("cc-refused-elsewhere");
            Button open = new Button(refund.order().value(), e -> orders.find(refund.order()).ifPresent(this::show));
            open.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            open.getElement().setAttribute("aria-label", getTranslation("admin.payments.refused.open", refund.order().value()));
            Div row = new Div(new Span(WHEN.format(refund.decidedAt()) + " · "), open, new Span(" · "
                    + yuan(refund.amountFen()) + " · " + refund.reason() + " · " + getTranslation("admin.payments.refused.why",
                    refund.failure() == null ? "—" : refund.failure())));
            // no longer owed at all (a top-up's money came back to the wallet and was spent there): only closed
            java.util.Optional<String> gone = refunds.noLongerOwed(refund.refundNo());
            if (gone.isPresent()) {
                Button close = new Button(getTranslation("admin.payments.refused.close"), e -> {
                    if (refunds.closeNoLongerOwed(refund.refundNo(), administrator)) {
                        Feedback.success(this, "admin.payments.refused.closed");
                    } else {
                        Feedback.error(this, getTranslation("admin.payments.refund.problem.WRONG_STATE"));
                    }
                    showRefused();
                });
                close.addClassName("cc-refused-close");
                row.add(new Span(" · " + getTranslation("admin.payments.refused.no-longer-owed",
                        getTranslation("admin.payments.refund.not-allowed." + gone.get()))), close);
            } else {
                row.add(again, note, elsewhere);
            }
            row.addClassName("cc-approval-row");
            refused.add(row);
        }
    }

    /** A refund of part or all of a paid order, with a reason; large ones wait for a second officer. */
    private Div refundForm(PaymentOrder order) {
        BigDecimalField amount = new BigDecimalField(getTranslation("admin.adjust.amount"));
        amount.setHelperText(getTranslation("admin.payments.refundable", yuan(order.refundableFen())));
        amount.setId("payments-refund-amount");
        TextField reason = new TextField(getTranslation("admin.reason"));
        reason.setMaxLength(200);
        reason.setId("payments-refund-reason");
        Button refund = new Button(getTranslation("admin.payments.refund"), e -> {
            BigDecimal yuan = amount.getValue();
            if (yuan == null || yuan.signum() <= 0 || yuan.scale() > 2) {
                Feedback.error(this, getTranslation("admin.payments.refund.amount"));
                return;
            }
            report(refunds.refund(order.no(), org.citycard.kernel.Fen.parseYuan(yuan).orElseThrow().value(), reason.getValue(), administrator));
            showApprovals();
            orders.find(order.no()).ifPresent(this::show);
        });
        refund.addThemeVariants(ButtonVariant.LUMO_ERROR);
        refund.setId("payments-refund");
        Div form = new Div(new H3(getTranslation("admin.payments.refund")), amount, reason, refund);
        form.addClassName("cc-filters");
        return form;
    }

    private void report(Refunds.Result result) {
        switch (result) {
            case Refunds.Result.Done done -> Feedback.success(this, "admin.payments.refund.done");
            case Refunds.Result.Pending pending -> Feedback.success(this, "admin.payments.refund.pending");
            case Refunds.Result.AwaitingApproval waiting -> Feedback.success(this, "admin.payments.refund.awaiting");
            case Refunds.Result.Rejected rejected -> Feedback.success(this, "admin.payments.refund.rejected");
            case Refunds.Result.Failed failed -> Feedback.error(this,
                    getTranslation("admin.payments.refund.failed", failed.reason()));
            case Refunds.Result.NotAllowed notAllowed -> Feedback.error(this,
                    getTranslation("admin.payments.refund.not-allowed." + notAllowed.reason()));
            case Refunds.Result.Refused refused -> Feedback.error(this,
                    getTranslation("admin.payments.refund.problem." + refused.problem().name()));
        }
    }

    /** One order: its timeline, refunds and raw notifications. */
    private void show(PaymentOrder order) {
        detail.removeAll();
        detail.add(new H2(order.no().value() + " · " + yuan(order.amountFen()) + " · "
                + getTranslation("payment.state." + order.state().name())));
        Grid<PaymentOrders.Step> timeline = new Grid<>();
        timeline.addColumn(step -> WHEN.format(step.at())).setHeader(getTranslation("wallet.when")).setAutoWidth(true);
        timeline.addColumn(step -> (step.from() == null ? "" : getTranslation("payment.state." + step.from().name()) + " → ")
                + getTranslation("payment.state." + step.to().name())).setHeader(getTranslation("orders.state"))
                .setAutoWidth(true);
        timeline.addColumn(PaymentOrders.Step::detail).setHeader(getTranslation("admin.payments.detail")).setFlexGrow(1);
        timeline.setItems(orders.timeline(order.no()));
        timeline.setAllRowsVisible(true);
        timeline.setId("payments-timeline");
        timeline.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        detail.add(new H3(getTranslation("admin.payments.timeline")), timeline);

        List<PaymentOrders.Refund> ofOrder = refunds.of(order.no());
        if (!ofOrder.isEmpty()) {
            detail.add(new H3(getTranslation("orders.refund")));
            ofOrder.forEach(refund -> detail.add(new Paragraph(refund.refundNo() + " · " + yuan(refund.amountFen())
                    + " · " + getTranslation("orders.refund." + refund.state().name()) + " · " + refund.reason()
                    + " · " + refund.requestedBy()
                    + (refund.failure() == null ? "" : " · " + getTranslation("admin.payments.refused.why", refund.failure()))
                    + (refund.followUp() == null ? "" : " · " + refund.followUp()))));
        }

        if (order.refundableFen() > 0) {
            detail.add(refundForm(order));
        }

        detail.add(new H3(getTranslation("admin.payments.notifications")));
        List<Notifications.Received> received = notifications.ofOrder(order.no());
        if (received.isEmpty()) {
            detail.add(new Paragraph(getTranslation("admin.payments.no-notifications")));
        }
        for (Notifications.Received notification : received) {
            Span verdict = verdict(notification.verdict());
            Details raw = new Details(new Span(WHEN.format(notification.at()) + " · "
                    + getTranslation("payment.channel." + notification.channel().name()) + " · "), new Pre(masked(notification.body())));
            raw.getSummary().getElement().appendChild(verdict.getElement());
            raw.add(new Paragraph(notification.detail() == null ? "" : notification.detail()));
            raw.addClassName("cc-notification");
            detail.add(raw);
        }
    }

    /** Channel health: the latest notifications per channel by verdict, and the latest alerts. */
    private Div health() {
        int latest = 1_000;
        Div health = new Div(new H2(getTranslation("admin.payments.health")),
                new Paragraph(getTranslation("admin.payments.health.help", latest)));
        health.setId("payments-health");
        Map<ChannelId, List<Notifications.VerdictCount>> byChannel = notifications.verdictCounts(latest).stream()
                .collect(Collectors.groupingBy(Notifications.VerdictCount::channel, TreeMap::new, Collectors.toList()));
        byChannel.forEach((channel, counts) -> {
            Div row = new Div(new Span(getTranslation("payment.channel." + channel.name()) + ": "));
            row.addClassName("cc-health-row");
            counts.forEach(count -> {
                Span badge = verdict(count.verdict());
                badge.setText(badge.getText() + " " + count.count());
                row.add(badge);
            });
            health.add(row);
        });
        List<Notifications.Received> alerts = notifications.alerts(20);
        health.add(new H3(getTranslation("admin.payments.alerts", alerts.size())));
        alerts.forEach(alert -> health.add(new Paragraph(WHEN.format(alert.at()) + " · "
                + getTranslation("payment.channel." + alert.channel().name()) + " · "
                + getTranslation("admin.payments.verdict." + alert.verdict().name()) + " · "
                + (alert.order() == null ? "" : alert.order().value() + " · ") + alert.detail())));
        return health;
    }

    private Span verdict(Notifications.Verdict verdict) {
        Span badge = new Span(getTranslation("admin.payments.verdict." + (verdict == null ? "NONE" : verdict.name())));
        badge.getElement().getThemeList().add("badge" + switch (verdict == null ? Notifications.Verdict.IGNORED : verdict) {
            case APPLIED -> " success";
            case REJECTED, MISMATCH -> " error";
            case DEFERRED -> "";
            default -> " contrast";
        });
        return badge;
    }

    /** Payer ids and card numbers in a raw notification are shown masked; the stored notification is kept whole. */
    static String masked(String body) {
        return body == null ? "" : body.replaceAll(
                "(buyer_id|buyer_logon_id|buyer_open_id|buyer_user_id|accNo|openid)(=|\\\":\\\")([^&\\\"]{0,3})[^&\\\"]*",
                "$1$2$3****");
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.nav.payments") + " · " + getTranslation("shell.brand");
    }
}

package org.citycard.portal.admin;

import static org.citycard.portal.account.WalletView.yuan;

import java.time.LocalDate;

import org.citycard.payment.Reconciliation;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import jakarta.annotation.security.RolesAllowed;

/**
 * Reconciliation and settlement for finance staff: a day's summary per channel (what it settled, its fees, the
 * net it owes), and every line that does not match, with what to do about it. The report is made every morning
 * for the day before; it can be made again at any time. FINANCE and ADMIN.
 */
@Route(value = "admin/reconciliation", layout = AdminLayout.class)
@RolesAllowed({"FINANCE", "ADMIN"})
public class AdminReconciliationView extends Div implements HasDynamicTitle, BeforeEnterObserver {

    private final Reconciliation reconciliation;
    private final Div report = new Div();
    private final DatePicker day;

    public AdminReconciliationView(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
        addClassNames("cc-admin", "cc-admin-reconciliation");
        LocalDate yesterday = LocalDate.now(org.citycard.kernel.ChinaTime.ZONE).minusDays(1);
        day = new DatePicker(getTranslation("reconciliation.day"), yesterday);
        day.setMax(yesterday.plusDays(1));
        day.setId("reconciliation-day");
        Button show = new Button(getTranslation("reconciliation.show"), e -> show(day.getValue(), false));
        show.setId("reconciliation-show");
        Button run = new Button(getTranslation("reconciliation.run"), e -> show(day.getValue(), true));
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.setId("reconciliation-run");
        run.setDisableOnClick(true);
        run.addClickListener(e -> run.setEnabled(true));
        Div form = new Div(day, show, run);
        form.addClassName("cc-filters");
        report.setId("reconciliation-report");
        report.getElement().setAttribute("aria-live", "polite");
        add(new H1(getTranslation("admin.nav.reconciliation")), new Paragraph(getTranslation("reconciliation.help")),
                form, report);
    }

    /** {@code ?day=2026-11-21} opens that day; otherwise yesterday. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var asked = event.getLocation().getQueryParameters().getParameters().getOrDefault("day", java.util.List.of());
        if (!asked.isEmpty()) {
            try {
                day.setValue(LocalDate.parse(asked.getFirst()));
            } catch (java.time.format.DateTimeParseException e) {
                Feedback.error(this, getTranslation("reconciliation.bad-day"));
            }
        }
        show(day.getValue(), false);
    }

    private void show(LocalDate day, boolean runNow) {
        report.removeAll();
        if (day == null) {
            return;
        }
        var found = runNow ? java.util.Optional.of(reconciliation.run(day)) : reconciliation.report(day);
        if (found.isEmpty()) {
            report.add(new Paragraph(getTranslation("reconciliation.none", day)));
            return;
        }
        Grid<Reconciliation.Summary> summaries = new Grid<>();
        summaries.addColumn(s -> getTranslation("payment.channel." + s.channel().name()))
                .setHeader(getTranslation("topup.channel")).setAutoWidth(true);
        summaries.addColumn(s -> s.error() != null ? getTranslation("reconciliation.unavailable", s.error())
                : getTranslation("reconciliation.counts", s.payments(), yuan(s.paidFen()), s.refunds(), yuan(s.refundedFen())))
                .setHeader(getTranslation("reconciliation.settled")).setFlexGrow(1);
        summaries.addColumn(s -> yuan(s.feeFen())).setHeader(getTranslation("reconciliation.fees")).setAutoWidth(true);
        summaries.addColumn(s -> yuan(s.netFen())).setHeader(getTranslation("reconciliation.net")).setAutoWidth(true);
        summaries.addColumn(s -> s.matched() + " / " + s.differences())
                .setHeader(getTranslation("reconciliation.matched")).setAutoWidth(true);
        summaries.setItems(found.get().summaries());
        summaries.setAllRowsVisible(true);
        summaries.setId("reconciliation-summaries");
        summaries.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);

        Grid<Reconciliation.Difference> differences = new Grid<>();
        differences.addColumn(d -> getTranslation("payment.channel." + d.channel().name()))
                .setHeader(getTranslation("topup.channel")).setAutoWidth(true);
        differences.addColumn(d -> getTranslation("reconciliation.outcome." + d.outcome().name()) + " · "
                + getTranslation("reconciliation.kind." + d.kind().name())).setHeader(getTranslation("orders.state"))
                .setAutoWidth(true);
        differences.addColumn(d -> d.orderNo() + (d.refundNo() == null ? "" : " / " + d.refundNo()))
                .setHeader(getTranslation("orders.no")).setAutoWidth(true);
        differences.addColumn(d -> (d.ourFen() == null ? "—" : yuan(d.ourFen())) + " / "
                + (d.channelFen() == null ? "—" : yuan(d.channelFen()))).setHeader(getTranslation("reconciliation.amounts"))
                .setAutoWidth(true);
        differences.addColumn(d -> getTranslation(d.action())).setHeader(getTranslation("reconciliation.action"))
                .setFlexGrow(1);
        differences.setItems(found.get().differences());
        differences.setAllRowsVisible(true);
        differences.setEmptyStateText(getTranslation("reconciliation.no-differences"));
        differences.setId("reconciliation-differences");
        differences.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        report.add(new H2(getTranslation("reconciliation.summary", day)), summaries,
                new H2(getTranslation("reconciliation.differences", found.get().differences().size())), differences);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.nav.reconciliation") + " · " + getTranslation("shell.brand");
    }
}

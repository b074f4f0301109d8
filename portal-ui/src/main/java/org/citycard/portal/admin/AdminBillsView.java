package org.citycard.portal.admin;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.citycard.bills.BillOperations;
import org.citycard.bills.BillPayment;
import org.citycard.kernel.ChinaTime;
import org.citycard.kernel.Fen;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * Bill payment for staff: each biller's connection, hours and health as this node sees it and what waits for its
 * write-off, each biller suspended or its hours changed (BILLING, ADMIN); those payments one by one, each tried again
 * on demand (BILLING, ADMIN); and each biller's daily file reconciled against our payments, made again on demand
 * (BILLING, FINANCE, ADMIN). BILLING, FINANCE and ADMIN see the page.
 */
@Route(value = "admin/bills", layout = AdminLayout.class)
@RolesAllowed({"BILLING", "FINANCE", "ADMIN"})
public class AdminBillsView extends Div implements HasDynamicTitle {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ChinaTime.ZONE);

    private final BillOperations operations;
    private final boolean mayAct;
    private final Grid<BillOperations.BillerStatus> billers = new Grid<>();
    private final Grid<BillPayment> waiting = new Grid<>();
    private final Grid<BillOperations.DayReconciliation> days = new Grid<>();
    private final Paragraph outcome = new Paragraph();

    public AdminBillsView(BillOperations operations, AuthenticationContext auth) {
        this.operations = operations;
        this.mayAct = auth.hasAnyRole("BILLING", "ADMIN");
        addClassNames("cc-admin", "cc-admin-bills");
        billers.setId("bills-billers");
        billers.addColumn(s -> s.biller().name()).setHeader(getTranslation("admin.bills.biller")).setAutoWidth(true);
        billers.addColumn(s -> getTranslation("bills.kind." + s.biller().kind().name()))
                .setHeader(getTranslation("admin.bills.kind")).setAutoWidth(true);
        billers.addColumn(s -> s.biller().chargeMode().name()).setHeader(getTranslation("admin.bills.mode")).setAutoWidth(true);
        billers.addColumn(s -> (s.biller().opensAt().equals(s.biller().closesAt()) ? getTranslation("admin.bills.all-day")
                        : s.biller().opensAt() + "–" + s.biller().closesAt()) + " · "
                        + getTranslation(!s.biller().enabled() ? "admin.bills.suspended"
                        : s.openNow() ? "admin.bills.open" : "admin.bills.closed"))
                .setHeader(getTranslation("admin.bills.hours")).setAutoWidth(true);
        billers.addColumn(s -> s.healthy() ? getTranslation("admin.bills.healthy")
                : getTranslation("admin.bills.failing", WHEN.format(s.lastFailureAt()), String.valueOf(s.lastFailure())))
                .setHeader(getTranslation("admin.bills.health")).setFlexGrow(2);
        billers.addColumn(BillOperations.BillerStatus::awaitingWriteOff).setHeader(getTranslation("admin.bills.awaiting"))
                .setAutoWidth(true);
        billers.addColumn(s -> s.connection().protocol() + " · " + s.connection().host() + " · "
                        + s.connection().partnerId() + " · " + s.connection().keyFingerprint())
                .setHeader(getTranslation("admin.bills.connection")).setAutoWidth(true);
        billers.addColumn(s -> s.lastChange() == null ? getTranslation("admin.bills.as-configured")
                        : WHEN.format(s.lastChange().at()) + " · " + s.lastChange().by())
                .setHeader(getTranslation("admin.bills.last-change")).setAutoWidth(true);
        if (mayAct) {
            String staff = auth.getPrincipalName().orElse("?");
            billers.addComponentColumn(s -> {
                Button edit = new Button(getTranslation("admin.bills.edit"),
                        e -> BillerDialog.open(this, operations, s.biller(), staff, () -> {
                            outcome.setText(getTranslation("admin.bills.changed", s.biller().name()));
                            refresh();
                        }));
                edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
                edit.setId("biller-edit-" + s.biller().id());
                return edit;
            }).setHeader(getTranslation("admin.bills.action"));
        }
        billers.setAllRowsVisible(true);

        waiting.setId("bills-waiting");
        waiting.addColumn(BillPayment::id).setHeader(getTranslation("admin.bills.payment")).setAutoWidth(true);
        waiting.addColumn(BillPayment::billerName).setHeader(getTranslation("admin.bills.biller")).setAutoWidth(true);
        waiting.addColumn(BillPayment::accountNoMasked).setHeader(getTranslation("bills.account-no")).setAutoWidth(true);
        waiting.addColumn(p -> Fen.of(p.amountFen()).display()).setHeader(getTranslation("bills.amount")).setAutoWidth(true);
        waiting.addColumn(p -> p.paidAt() == null ? "" : WHEN.format(p.paidAt())).setHeader(getTranslation("admin.bills.paid-at"))
                .setAutoWidth(true);
        if (mayAct) {
            waiting.addComponentColumn(p -> {
                Button retry = new Button(getTranslation("admin.bills.retry"), e -> {
                    outcome.setText(operations.retryNow(p.id()).map(now -> getTranslation("admin.bills.retried", p.id(),
                            getTranslation("bills.state." + now.state().name()))).orElse(""));
                    refresh();
                });
                retry.addThemeVariants(ButtonVariant.LUMO_SMALL);
                return retry;
            }).setHeader(getTranslation("admin.bills.action"));
        }
        waiting.setAllRowsVisible(true);

        LocalDate yesterday = LocalDate.now(ChinaTime.ZONE).minusDays(1);
        DatePicker day = new DatePicker(getTranslation("reconciliation.day"), yesterday);
        day.setMax(yesterday.plusDays(1));
        day.setId("bills-day");
        Button show = new Button(getTranslation("reconciliation.show"), e -> days.setItems(operations.reconciliations(day.getValue())));
        show.setId("bills-show");
        Button run = new Button(getTranslation("reconciliation.run"), e -> days.setItems(operations.reconcile(day.getValue())));
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.setId("bills-reconcile");
        run.setVisible(mayAct || auth.hasRole("FINANCE"));
        days.setId("bills-reconciliation");
        days.addColumn(BillOperations.DayReconciliation::billerName).setHeader(getTranslation("admin.bills.biller")).setAutoWidth(true);
        days.addColumn(BillOperations.DayReconciliation::matched).setHeader(getTranslation("admin.bills.matched"));
        days.addColumn(BillOperations.DayReconciliation::missingAtBiller).setHeader(getTranslation("admin.bills.missing-at-biller"));
        days.addColumn(BillOperations.DayReconciliation::missingWithUs).setHeader(getTranslation("admin.bills.missing-with-us"));
        days.addColumn(BillOperations.DayReconciliation::amountMismatch).setHeader(getTranslation("admin.bills.amount-mismatch"));
        days.addColumn(BillOperations.DayReconciliation::confirmed).setHeader(getTranslation("admin.bills.confirmed"));
        days.addColumn(BillOperations.DayReconciliation::reversed).setHeader(getTranslation("admin.bills.reversed"));
        days.addColumn(d -> Fen.of(d.fileTotalFen()).display()).setHeader(getTranslation("admin.bills.file-total"));
        days.addColumn(d -> Fen.of(d.owedFen()).display()).setHeader(getTranslation("admin.bills.owed"));
        days.addColumn(d -> Fen.of(d.refundedFen()).display()).setHeader(getTranslation("admin.bills.refunded"));
        days.setAllRowsVisible(true);
        days.setItems(operations.reconciliations(yesterday));
        Div form = new Div(day, show, run);
        form.addClassName("cc-filters");
        outcome.setId("bills-outcome");
        outcome.getElement().setAttribute("aria-live", "polite");

        add(new H1(getTranslation("admin.nav.bills")), outcome, new H2(getTranslation("admin.bills.billers")), billers,
                new H2(getTranslation("admin.bills.waiting")), waiting,
                new H2(getTranslation("admin.bills.reconciliation")), form, days);
        refresh();
    }

    private void refresh() {
        billers.setItems(operations.billers());
        waiting.setItems(operations.awaitingWriteOff(200));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.nav.bills") + " · " + getTranslation("shell.brand");
    }
}

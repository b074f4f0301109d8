package org.citycard.portal.admin;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.citycard.card.Citizen;
import org.citycard.card.Identities;
import org.citycard.card.Wallets;
import org.citycard.card.Wallets.Adjustment;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * Wallet adjustments with four eyes: one administrator requests (citizen by phone or ID number, amount in yuan,
 * reason), another approves or rejects; only an approval posts, once. FINANCE and ADMIN.
 */
@Route(value = "admin/adjustments", layout = AdminLayout.class)
@RolesAllowed({"FINANCE", "ADMIN"})
public class AdminAdjustmentsView extends Div implements HasDynamicTitle {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(org.citycard.kernel.ChinaTime.ZONE);

    private final Wallets wallets;
    private final String administrator;
    private final Grid<Adjustment> pending = new Grid<>();

    public AdminAdjustmentsView(Wallets wallets, Identities identities, AuthenticationContext auth) {
        this.wallets = wallets;
        this.administrator = auth.getPrincipalName().orElseThrow();
        TextField citizen = new TextField(getTranslation("admin.citizens.query"));
        citizen.setId("adjust-citizen");
        citizen.setMaxLength(20);
        BigDecimalField amount = new BigDecimalField(getTranslation("admin.adjust.amount"));
        amount.setHelperText(getTranslation("admin.adjust.amount.help"));
        amount.setId("adjust-amount");
        TextField reason = new TextField(getTranslation("admin.reason"));
        reason.setMaxLength(200);
        reason.setId("adjust-reason");
        Button request = new Button(getTranslation("admin.adjust.request"), e -> {
            List<Citizen> found = identities.lookup(citizen.getValue());
            Long fen = fen(amount.getValue());
            if (found.isEmpty() || fen == null) {
                Feedback.error(this, getTranslation(found.isEmpty() ? "admin.citizens.none" : "admin.adjust.amount.help"));
                return;
            }
            outcome(wallets.requestAdjustment(found.getFirst().id(), fen, reason.getValue(), administrator));
        });
        request.setId("adjust-request");
        request.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div form = new Div(citizen, amount, reason, request);
        form.addClassName("cc-form-row");

        pending.addColumn(a -> WHEN.format(a.requestedAt())).setHeader(getTranslation("admin.adjust.when")).setAutoWidth(true);
        pending.addColumn(Adjustment::citizenPhoneMasked).setHeader(getTranslation("account.phone")).setAutoWidth(true);
        pending.addColumn(a -> org.citycard.kernel.Fen.of(a.amountFen()).signed()).setHeader(getTranslation("admin.adjust.amount"))
                .setAutoWidth(true);
        pending.addColumn(Adjustment::reason).setHeader(getTranslation("admin.reason"));
        pending.addColumn(Adjustment::requestedBy).setHeader(getTranslation("admin.adjust.by")).setAutoWidth(true);
        pending.addComponentColumn(a -> {
            Button approve = new Button(getTranslation("admin.adjust.approve"), e -> outcome(wallets.approve(a.id(), administrator)));
            approve.setId("adjust-approve");
            approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
            Button reject = new Button(getTranslation("admin.adjust.reject"), e -> outcome(wallets.reject(a.id(), administrator)));
            reject.setId("adjust-reject");
            reject.addThemeVariants(ButtonVariant.LUMO_SMALL);
            return new Div(approve, reject);
        }).setAutoWidth(true);
        pending.setId("adjust-pending");
        pending.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        pending.setEmptyStateText(getTranslation("admin.adjust.none"));
        add(new H1(getTranslation("admin.adjust.heading")), form, new H2(getTranslation("admin.adjust.pending")), pending);
        refresh();
    }

    /** Yuan with at most two decimals, not zero, into fen; null otherwise. */
    static Long fen(BigDecimal yuan) {
        if (yuan == null || yuan.scale() > 2 || yuan.signum() == 0 || yuan.abs().compareTo(new BigDecimal("100000")) > 0) {
            return null;
        }
        return org.citycard.kernel.Fen.parseYuan(yuan).map(org.citycard.kernel.Fen::value).orElse(null);
    }

    private void outcome(Wallets.AdjustmentResult result) {
        switch (result) {
            case Wallets.AdjustmentResult.Done done -> Feedback.success(this, "admin.adjust.done." + done.adjustment().status().name());
            case Wallets.AdjustmentResult.Refused refused -> Feedback.error(this,
                    getTranslation("admin.adjust.problem." + refused.problem().name()));
        }
        refresh();
    }

    private void refresh() {
        pending.setItems(wallets.adjustments(Adjustment.Status.PENDING, 200));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.adjust.heading") + " · " + getTranslation("shell.brand");
    }
}

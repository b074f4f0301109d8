package org.citycard.portal.admin;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.citycard.kernel.ChinaTime;
import org.citycard.kernel.Fen;
import org.citycard.parking.ParkingAdministration;
import org.citycard.parking.ParkingAdministration.Staff;
import org.citycard.parking.ParkingSession;
import org.citycard.portal.shell.Svg;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;

import jakarta.annotation.security.RolesAllowed;

/**
 * Parking for staff. Every parking staff member: their lots' occupancy now (a chart and the numbers), their lots
 * (created and changed with the tariff previewed), and the stays waiting for staff, each decided with a fee and a
 * reason. The city's PARKING_ADMIN (and ADMIN) also: every operator, their feed keys and staff, and plates claimed
 * by a second citizen. PARKING_ADMIN, PARKING_OPERATOR (own operator only) and ADMIN.
 */
@Route(value = "admin/parking", layout = AdminLayout.class)
@RolesAllowed({"PARKING_ADMIN", "PARKING_OPERATOR", "ADMIN"})
public class AdminParkingView extends Div implements HasDynamicTitle {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ChinaTime.ZONE);

    private final ParkingAdministration administration;
    private final org.citycard.parking.ParkingSettlements settlements;
    private final Staff staff;
    private final Grid<org.citycard.parking.ParkingSettlements.Settlement> settled = new Grid<>();
    private final Grid<org.citycard.parking.ParkingSettlements.Reconciliation> files = new Grid<>();
    private final Grid<ParkingAdministration.Pass> passes = new Grid<>();
    private final Grid<ParkingAdministration.Occupancy> occupancy = new Grid<>();
    private final Grid<ParkingSession> anomalies = new Grid<>();
    private final Grid<ParkingAdministration.Operator> operators = new Grid<>();
    private final Grid<ParkingAdministration.Claim> claims = new Grid<>();
    private final Div chart = new Div();
    private final Paragraph outcome = new Paragraph();

    public AdminParkingView(ParkingAdministration administration,
                            org.citycard.parking.ParkingSettlements settlements, AuthenticationContext auth) {
        this.administration = administration;
        this.settlements = settlements;
        this.staff = new Staff(auth.getPrincipalName().orElse("?"), auth.hasAnyRole("PARKING_ADMIN", "ADMIN"));
        addClassNames("cc-admin", "cc-admin-parking");
        outcome.setId("parking-outcome");
        outcome.getElement().setAttribute("aria-live", "polite");

        occupancy.setId("parking-occupancy");
        occupancy.addColumn(o -> o.lot().name()).setHeader(getTranslation("admin.parking.lot")).setAutoWidth(true);
        occupancy.addColumn(o -> getTranslation("parking.kind." + o.lot().kind().name())).setHeader(getTranslation("admin.parking.kind"));
        occupancy.addColumn(o -> o.lot().offered()).setHeader(getTranslation("admin.parking.offered"));
        occupancy.addColumn(ParkingAdministration.Occupancy::occupied).setHeader(getTranslation("admin.parking.taken"));
        occupancy.addColumn(ParkingAdministration.Occupancy::free).setHeader(getTranslation("admin.parking.free"));
        occupancy.addComponentColumn(o -> {
            Button edit = new Button(getTranslation("admin.bills.edit"), e -> LotDialog.open(this, administration, staff,
                    administration.operators(staff), o.lot(), this::changed));
            edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
            edit.setId("lot-edit-" + o.lot().id());
            Button qr = new Button(getTranslation("admin.parking.qr"), e -> exitCode(o.lot()));
            qr.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            qr.setId("lot-qr-" + o.lot().id());
            return new Div(edit, qr);
        }).setHeader(getTranslation("admin.bills.action"));
        occupancy.setAllRowsVisible(true);
        Button newLot = new Button(getTranslation("admin.parking.new-lot", ""), e -> LotDialog.open(this, administration,
                staff, administration.operators(staff), null, this::changed));
        newLot.setId("lot-new");

        anomalies.setId("parking-anomalies");
        anomalies.addColumn(s -> s.lotId()).setHeader(getTranslation("admin.parking.lot")).setAutoWidth(true);
        anomalies.addColumn(s -> s.plate().text()).setHeader(getTranslation("myparking.plate"));
        anomalies.addColumn(s -> s.entryAt() == null ? "–" : WHEN.format(s.entryAt())).setHeader(getTranslation("admin.parking.entry"));
        anomalies.addColumn(s -> s.exitAt() == null ? "–" : WHEN.format(s.exitAt())).setHeader(getTranslation("admin.parking.exit"));
        anomalies.addColumn(s -> getTranslation("admin.parking.anomaly." + s.anomaly().name()))
                .setHeader(getTranslation("admin.parking.why")).setFlexGrow(2);
        anomalies.addComponentColumn(s -> {
            Button decide = new Button(getTranslation("admin.parking.decide"), e -> resolve(s));
            decide.addThemeVariants(ButtonVariant.LUMO_SMALL);
            decide.setId("anomaly-decide-" + s.id());
            return decide;
        }).setHeader(getTranslation("admin.bills.action"));
        anomalies.setAllRowsVisible(true);

        add(new H1(getTranslation("admin.nav.parking")), outcome, new H2(getTranslation("admin.parking.occupancy")), chart,
                occupancy, newLot, new H2(getTranslation("admin.parking.anomalies")), anomalies);
        add(passSection(), settlementSection());

        if (staff.cityAdmin()) {
            operators.setId("parking-operators");
            operators.addColumn(ParkingAdministration.Operator::id).setHeader(getTranslation("admin.parking.operator-id"));
            operators.addColumn(ParkingAdministration.Operator::name).setHeader(getTranslation("admin.parking.operator"));
            operators.addComponentColumn(o -> {
                Button key = new Button(getTranslation("admin.parking.key"), e -> key(o));
                key.addThemeVariants(ButtonVariant.LUMO_SMALL);
                key.setId("operator-key-" + o.id());
                return key;
            }).setHeader(getTranslation("admin.parking.feed"));
            operators.setAllRowsVisible(true);
            TextField operatorId = new TextField(getTranslation("admin.parking.operator-id"));
            operatorId.setId("operator-id");
            TextField operatorName = new TextField(getTranslation("admin.parking.operator"));
            operatorName.setId("operator-name");
            Button addOperator = new Button(getTranslation("admin.parking.add-operator"), e -> outcome.setText(
                    switch (administration.saveOperator(staff, new ParkingAdministration.Operator(operatorId.getValue(),
                            operatorName.getValue(), true))) {
                        case ParkingAdministration.Result.Done<ParkingAdministration.Operator> done -> {
                            changed();
                            yield getTranslation("admin.parking.saved", done.value().name());
                        }
                        case ParkingAdministration.Result.Refused<ParkingAdministration.Operator> refused ->
                                getTranslation("admin.parking.problem." + refused.problem().name());
                    }));
            addOperator.setId("operator-add");
            TextField username = new TextField(getTranslation("admin.parking.staff-account"));
            username.setId("staff-username");
            TextField staffOperator = new TextField(getTranslation("admin.parking.operator-id"));
            staffOperator.setId("staff-operator");
            Button assign = new Button(getTranslation("admin.parking.assign"), e -> outcome.setText(
                    switch (administration.assignStaff(staff, username.getValue(), staffOperator.getValue())) {
                        case ParkingAdministration.Result.Done<String> done ->
                                getTranslation("admin.parking.assigned", username.getValue(), done.value());
                        case ParkingAdministration.Result.Refused<String> refused ->
                                getTranslation("admin.parking.problem." + refused.problem().name());
                    }));
            assign.setId("staff-assign");
            Div operatorForm = new Div(operatorId, operatorName, addOperator);
            operatorForm.addClassName("cc-filters");
            Div staffForm = new Div(username, staffOperator, assign);
            staffForm.addClassName("cc-filters");

            claims.setId("parking-claims");
            claims.addColumn(c -> c.plate().text()).setHeader(getTranslation("myparking.plate"));
            claims.addColumn(c -> WHEN.format(c.claimedAt())).setHeader(getTranslation("admin.parking.claimed-at"));
            claims.addColumn(c -> c.holderSince() == null ? "–" : WHEN.format(c.holderSince()))
                    .setHeader(getTranslation("admin.parking.holder-since"));
            claims.addComponentColumn(c -> {
                if (!c.licenceUploaded()) {
                    return new com.vaadin.flow.component.html.Span(getTranslation("admin.parking.no-licence"));
                }
                com.vaadin.flow.component.html.Anchor view = new com.vaadin.flow.component.html.Anchor(
                        com.vaadin.flow.server.streams.DownloadHandler.fromInputStream(event -> administration
                                .licence(staff, c.id())
                                .map(l -> new com.vaadin.flow.server.streams.DownloadResponse(
                                        new java.io.ByteArrayInputStream(l.image()), "licence-" + c.id()
                                        + (l.mediaType().endsWith("png") ? ".png" : ".jpg"), l.mediaType(), l.image().length))
                                .orElseGet(() -> com.vaadin.flow.server.streams.DownloadResponse.error(404))),
                        getTranslation("admin.parking.view-licence"));
                view.setTarget(com.vaadin.flow.component.html.AnchorTarget.BLANK);
                return view;
            }).setHeader(getTranslation("admin.parking.licence"));
            claims.addComponentColumn(c -> {
                Button grant = new Button(getTranslation("admin.parking.grant"), e -> decideClaim(c, true));
                grant.addThemeVariants(ButtonVariant.LUMO_SMALL);
                Button refuse = new Button(getTranslation("admin.parking.refuse"), e -> decideClaim(c, false));
                refuse.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                return new Div(grant, refuse);
            }).setHeader(getTranslation("admin.bills.action"));
            claims.setAllRowsVisible(true);
            add(new H2(getTranslation("admin.parking.operators")), operators, operatorForm, staffForm,
                    new H2(getTranslation("admin.parking.claims")), new Paragraph(getTranslation("admin.parking.claims-help")),
                    claims);
        }
        changed();
    }

    /** Monthly passes of the staff member's lots: those still valid or in their grace days, and selling one. */
    private Div passSection() {
        passes.setId("parking-passes");
        passes.addColumn(ParkingAdministration.Pass::lotId).setHeader(getTranslation("admin.parking.lot")).setAutoWidth(true);
        passes.addColumn(ParkingAdministration.Pass::plate).setHeader(getTranslation("myparking.plate"));
        passes.addColumn(x -> x.validFrom() + " – " + x.validUntil()).setHeader(getTranslation("admin.parking.valid"));
        passes.addColumn(ParkingAdministration.Pass::freeUntil).setHeader(getTranslation("admin.parking.free-until"));
        passes.setAllRowsVisible(true);
        com.vaadin.flow.component.select.Select<org.citycard.parking.Lot> lot = new com.vaadin.flow.component.select.Select<>();
        lot.setLabel(getTranslation("admin.parking.lot"));
        lot.setItems(administration.lots(staff));
        lot.setItemLabelGenerator(org.citycard.parking.Lot::name);
        lot.setId("pass-lot");
        TextField plate = new TextField(getTranslation("myparking.plate"));
        plate.setId("pass-plate");
        com.vaadin.flow.component.select.Select<org.citycard.parking.Plate.Colour> colour = new com.vaadin.flow.component.select.Select<>();
        colour.setLabel(getTranslation("myparking.colour"));
        colour.setItems(org.citycard.parking.Plate.Colour.values());
        colour.setItemLabelGenerator(c -> getTranslation("myparking.colour." + c.name()));
        colour.setValue(org.citycard.parking.Plate.Colour.BLUE);
        java.time.LocalDate today = java.time.LocalDate.now(ChinaTime.ZONE);
        com.vaadin.flow.component.datepicker.DatePicker from = new com.vaadin.flow.component.datepicker.DatePicker(
                getTranslation("admin.parking.pass-from"), today);
        com.vaadin.flow.component.datepicker.DatePicker until = new com.vaadin.flow.component.datepicker.DatePicker(
                getTranslation("admin.parking.pass-until"), today.plusMonths(1).minusDays(1));
        com.vaadin.flow.component.textfield.IntegerField grace = new com.vaadin.flow.component.textfield.IntegerField(
                getTranslation("admin.parking.grace-days"));
        grace.setMin(0);
        grace.setMax(ParkingAdministration.MAX_PASS_GRACE_DAYS);
        grace.setStepButtonsVisible(true);
        grace.setValue(ParkingAdministration.DEFAULT_PASS_GRACE_DAYS);
        grace.setId("pass-grace");
        Button sell = new Button(getTranslation("admin.parking.add-pass"), e -> outcome.setText(lot.getValue() == null
                ? getTranslation("admin.parking.problem.UNKNOWN_LOT")
                : switch (administration.addPass(staff, lot.getValue().id(), plate.getValue(), colour.getValue(),
                        from.getValue(), until.getValue(), grace.getValue() == null ? -1 : grace.getValue())) {
                    case ParkingAdministration.Result.Done<ParkingAdministration.Pass> done -> {
                        passes.setItems(administration.passes(staff));
                        yield getTranslation("admin.parking.pass-added", done.value().plate(), done.value().validUntil());
                    }
                    case ParkingAdministration.Result.Refused<ParkingAdministration.Pass> refused ->
                            getTranslation("admin.parking.problem." + refused.problem().name());
                }));
        sell.setId("pass-add");
        passes.setItems(administration.passes(staff));
        Div form = new Div(lot, plate, colour, from, until, grace, sell);
        form.addClassName("cc-filters");
        return new Div(new H2(getTranslation("admin.parking.passes")),
                new Paragraph(getTranslation("admin.parking.passes-help")), form, passes);
    }

    /** A day's settlement per operator and channel, and the operators' files reconciled; settled again on demand. */
    private Div settlementSection() {
        java.time.LocalDate yesterday = java.time.LocalDate.now(ChinaTime.ZONE).minusDays(1);
        com.vaadin.flow.component.datepicker.DatePicker day = new com.vaadin.flow.component.datepicker.DatePicker(
                getTranslation("reconciliation.day"), yesterday);
        day.setMax(yesterday.plusDays(1));
        day.setId("parking-day");
        settled.setId("parking-settlement");
        settled.addColumn(org.citycard.parking.ParkingSettlements.Settlement::operatorId)
                .setHeader(getTranslation("admin.parking.operator-id")).setAutoWidth(true);
        settled.addColumn(x -> getTranslation("payment.channel." + x.channel())).setHeader(getTranslation("topup.channel"));
        settled.addColumn(org.citycard.parking.ParkingSettlements.Settlement::payments).setHeader(getTranslation("admin.parking.payments"));
        settled.addColumn(x -> Fen.of(x.collectedFen()).display()).setHeader(getTranslation("admin.parking.collected"));
        settled.addColumn(x -> Fen.of(x.feesFen()).display()).setHeader(getTranslation("admin.parking.fees"));
        settled.addColumn(x -> Fen.of(x.payoutFen()).display()).setHeader(getTranslation("admin.parking.payout"));
        settled.setAllRowsVisible(true);
        files.setId("parking-files");
        files.addColumn(org.citycard.parking.ParkingSettlements.Reconciliation::operatorId)
                .setHeader(getTranslation("admin.parking.operator-id")).setAutoWidth(true);
        files.addColumn(org.citycard.parking.ParkingSettlements.Reconciliation::fileLines).setHeader(getTranslation("admin.parking.file-lines"));
        files.addColumn(org.citycard.parking.ParkingSettlements.Reconciliation::matched).setHeader(getTranslation("admin.bills.matched"));
        files.addColumn(org.citycard.parking.ParkingSettlements.Reconciliation::missingWithUs).setHeader(getTranslation("admin.bills.missing-with-us"));
        files.addColumn(org.citycard.parking.ParkingSettlements.Reconciliation::missingAtOperator).setHeader(getTranslation("admin.parking.missing-at-operator"));
        files.addColumn(org.citycard.parking.ParkingSettlements.Reconciliation::feeMismatch).setHeader(getTranslation("admin.bills.amount-mismatch"));
        files.addColumn(org.citycard.parking.ParkingSettlements.Reconciliation::badLines).setHeader(getTranslation("admin.parking.bad-lines"));
        files.setAllRowsVisible(true);
        Runnable show = () -> {
            settled.setItems(settlements.settlements(staff, day.getValue()));
            files.setItems(settlements.reconciliations(staff, day.getValue()));
        };
        day.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                show.run();
            }
        });
        Button settle = new Button(getTranslation("admin.parking.settle"), e -> {
            if (day.getValue() != null) {
                settlements.settle(day.getValue());
                show.run();
            }
        });
        settle.setId("parking-settle");
        settle.setVisible(staff.cityAdmin());
        show.run();
        Div form = new Div(day, settle);
        form.addClassName("cc-filters");
        return new Div(new H2(getTranslation("admin.parking.settlement")), form, settled,
                new H2(getTranslation("admin.parking.files")), files);
    }

    private void changed() {
        List<ParkingAdministration.Occupancy> now = administration.occupancy(staff);
        occupancy.setItems(now);
        chart.removeAll();
        chart.add(chart(now));
        anomalies.setItems(administration.anomalies(staff, 200));
        if (staff.cityAdmin()) {
            operators.setItems(administration.operators(staff));
            claims.setItems(administration.claims(staff));
        }
    }

    /** Each lot as a bar: taken against offered (the grid below has the numbers). */
    private Html chart(List<ParkingAdministration.Occupancy> lots) {
        int width = 480;
        int row = 24;
        StringBuilder shapes = new StringBuilder();
        StringBuilder described = new StringBuilder();
        int y = 0;
        for (ParkingAdministration.Occupancy o : lots) {
            int offered = Math.max(1, o.lot().offered());
            int taken = (int) Math.min(width, (long) width * o.occupied() / offered);
            shapes.append("<rect x=\"0\" y=\"").append(y).append("\" width=\"").append(width)
                    .append("\" height=\"16\" fill=\"currentColor\" opacity=\"0.15\"/>")
                    .append("<rect x=\"0\" y=\"").append(y).append("\" width=\"").append(taken)
                    .append("\" height=\"16\" fill=\"currentColor\" opacity=\"0.75\"/>");
            described.append(getTranslation("admin.parking.bar", o.lot().name(), o.occupied(), o.lot().offered())).append(' ');
            y += row;
        }
        String label = described.isEmpty() ? getTranslation("admin.parking.no-lots") : described.toString().strip();
        return new Html("<div class=\"cc-delivery-bars\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 "
                + width + " " + Math.max(row, y) + "\" aria-label=\"" + Svg.escape(label) + "\">" + shapes + "</svg></div>");
    }

    /** The code printed for a lot's exit: it opens the page that pays for a plate's stay there. */
    private void exitCode(org.citycard.parking.Lot lot) {
        var request = com.vaadin.flow.server.VaadinRequest.getCurrent();
        // the address staff reach the console at (the Host header is checked against the platform's host names)
        String address = request == null ? "/parking/pay?lot=" + lot.id() : (request.isSecure() ? "https://" : "http://")
                + request.getHeader("Host") + request.getContextPath() + "/parking/pay?lot=" + lot.id();
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("admin.parking.qr-title", lot.name()));
        org.citycard.portal.account.QrCode code = new org.citycard.portal.account.QrCode(address,
                getTranslation("admin.parking.qr-title", lot.name()));
        code.setId("lot-qr-code");
        dialog.add(code, new Paragraph(getTranslation("admin.parking.qr-help", address)));
        dialog.getFooter().add(new Button(getTranslation("admin.cancel"), e -> dialog.close()));
        dialog.open();
    }

    private void resolve(ParkingSession session) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("admin.parking.decide-title", session.plate().text()));
        BigDecimalField fee = new BigDecimalField(getTranslation("admin.parking.fee"));
        fee.setValue(BigDecimal.ZERO);
        fee.setId("anomaly-fee");
        TextArea reason = new TextArea(getTranslation("admin.reason"));
        reason.setId("anomaly-reason");
        reason.setWidthFull();
        Paragraph problem = new Paragraph();
        problem.addClassName("cc-problem");
        Button ok = new Button(getTranslation("admin.confirm"), e -> {
            long fen = fee.getValue() == null ? -1 : Fen.parseYuan(fee.getValue()).map(Fen::value).orElse(-1L);
            switch (administration.resolve(staff, session.id(), fen, reason.getValue())) {
                case ParkingAdministration.Result.Done<ParkingSession> done -> {
                    dialog.close();
                    outcome.setText(getTranslation("admin.parking.decided", session.plate().text(), Fen.of(fen).display()));
                    changed();
                }
                case ParkingAdministration.Result.Refused<ParkingSession> refused ->
                        problem.setText(getTranslation("admin.parking.problem." + refused.problem().name()));
            }
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.setId("anomaly-confirm");
        dialog.add(fee, reason, problem);
        dialog.getFooter().add(new Button(getTranslation("admin.cancel"), e -> dialog.close()), ok);
        dialog.open();
    }

    private void key(ParkingAdministration.Operator operator) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("admin.parking.key-title", operator.name()));
        TextArea key = new TextArea(getTranslation("admin.parking.key-field"));
        key.setWidthFull();
        key.setId("operator-key-field");
        Paragraph problem = new Paragraph();
        problem.addClassName("cc-problem");
        Button ok = new Button(getTranslation("admin.confirm"), e -> {
            switch (administration.setOperatorKey(staff, operator.id(), key.getValue())) {
                case ParkingAdministration.Result.Done<String> done -> {
                    dialog.close();
                    outcome.setText(getTranslation("admin.parking.key-saved", operator.name()));
                }
                case ParkingAdministration.Result.Refused<String> refused ->
                        problem.setText(getTranslation("admin.parking.problem." + refused.problem().name()));
            }
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new Paragraph(getTranslation("admin.parking.key-help")), key, problem);
        dialog.getFooter().add(new Button(getTranslation("admin.cancel"), e -> dialog.close()), ok);
        dialog.open();
    }

    private void decideClaim(ParkingAdministration.Claim claim, boolean grant) {
        org.citycard.portal.shell.ReasonDialog.open(this, grant ? "admin.parking.grant" : "admin.parking.refuse",
                "claim-reason", "claim-confirm", reason -> {
                    switch (administration.decideClaim(staff, claim.id(), grant, reason)) {
                        case ParkingAdministration.Result.Done<ParkingAdministration.Claim> done ->
                                outcome.setText(getTranslation(grant ? "admin.parking.granted" : "admin.parking.refused",
                                        claim.plate().text()));
                        case ParkingAdministration.Result.Refused<ParkingAdministration.Claim> refused ->
                                outcome.setText(getTranslation("admin.parking.problem." + refused.problem().name()));
                    }
                    changed();
                });
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.nav.parking") + " · " + getTranslation("shell.brand");
    }
}

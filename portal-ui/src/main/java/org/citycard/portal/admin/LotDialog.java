package org.citycard.portal.admin;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import org.citycard.kernel.ChinaTime;
import org.citycard.kernel.Fen;
import org.citycard.parking.GeoPoint;
import org.citycard.parking.Lot;
import org.citycard.parking.ParkingAdministration;
import org.citycard.parking.fees.FeeEngine;
import org.citycard.parking.fees.FeeRule;
import org.citycard.parking.fees.Quote;
import org.citycard.parking.fees.Vehicle;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;

/**
 * A lot created or changed by parking staff: where it is (GCJ-02, as a map picker gives it), its spaces, hours and
 * what an exit without entry costs, and its tariff, with a preview of what a stay would cost ("a car from 08:10 to
 * 19:45 pays ¥40.00") line by line, before anything is saved.
 */
final class LotDialog {

    private LotDialog() {
    }

    static void open(Component owner, ParkingAdministration administration, ParkingAdministration.Staff staff,
                     List<ParkingAdministration.Operator> operators, Lot existing, Runnable saved) {
        Lot lot = existing != null ? existing : new Lot("", operators.isEmpty() ? "" : operators.getFirst().id(), "",
                Lot.Kind.OFF_STREET, "", new GeoPoint(30.2006, 115.0389), 100, 0, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                FeeRule.typical(), Lot.ExitWithoutEntry.FIRST_PERIOD);
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(owner.getTranslation(existing == null ? "admin.parking.new-lot" : "admin.parking.edit-lot",
                lot.name()));
        TextField id = text(owner, "admin.parking.lot-id", lot.id(), "lot-id");
        id.setReadOnly(existing != null);
        Select<ParkingAdministration.Operator> operator = new Select<>();
        operator.setLabel(owner.getTranslation("admin.parking.operator"));
        operator.setItems(operators);
        operator.setItemLabelGenerator(ParkingAdministration.Operator::name);
        operators.stream().filter(o -> o.id().equals(lot.operatorId())).findFirst().ifPresent(operator::setValue);
        operator.setReadOnly(existing != null && !staff.cityAdmin());
        operator.setId("lot-operator");
        TextField name = text(owner, "admin.parking.lot-name", lot.name(), "lot-name");
        Select<Lot.Kind> kind = new Select<>();
        kind.setLabel(owner.getTranslation("admin.parking.kind"));
        kind.setItems(Lot.Kind.values());
        kind.setItemLabelGenerator(k -> owner.getTranslation("parking.kind." + k.name()));
        kind.setValue(lot.kind());
        TextField address = text(owner, "admin.parking.address", lot.address(), "lot-address");
        NumberField lat = new NumberField(owner.getTranslation("admin.parking.lat"));
        lat.setValue(lot.position().lat());
        lat.setId("lot-lat");
        NumberField lng = new NumberField(owner.getTranslation("admin.parking.lng"));
        lng.setValue(lot.position().lng());
        lng.setId("lot-lng");
        lat.setHelperText(owner.getTranslation("admin.parking.gcj02"));
        IntegerField capacity = integer(owner, "admin.parking.capacity", lot.capacity(), "lot-capacity");
        IntegerField reserved = integer(owner, "admin.parking.reserved", lot.reserved(), "lot-reserved");
        TimePicker opens = time(owner, "admin.parking.opens", lot.opensAt());
        TimePicker closes = time(owner, "admin.parking.closes", lot.closesAt());
        closes.setHelperText(owner.getTranslation("admin.bills.always-open"));
        Select<Lot.ExitWithoutEntry> orphans = new Select<>();
        orphans.setLabel(owner.getTranslation("admin.parking.exit-without-entry"));
        orphans.setItems(Lot.ExitWithoutEntry.values());
        orphans.setItemLabelGenerator(x -> owner.getTranslation("admin.parking.orphans." + x.name()));
        orphans.setValue(lot.exitWithoutEntry());

        FeeRule r = lot.feeRule();
        IntegerField free = integer(owner, "admin.parking.rule.free", r.freeMinutes(), "rule-free");
        TimePicker dayStart = time(owner, "admin.parking.rule.day-start", r.dayStart());
        TimePicker dayEnd = time(owner, "admin.parking.rule.day-end", r.dayEnd());
        IntegerField firstMinutes = integer(owner, "admin.parking.rule.first-minutes", r.firstMinutes(), "rule-first-minutes");
        BigDecimalField firstFen = money(owner, "admin.parking.rule.first-price", r.firstFen(), "rule-first-price");
        IntegerField dayUnit = integer(owner, "admin.parking.rule.day-unit", r.dayUnitMinutes(), "rule-day-unit");
        BigDecimalField dayUnitFen = money(owner, "admin.parking.rule.day-price", r.dayUnitFen(), "rule-day-price");
        IntegerField nightUnit = integer(owner, "admin.parking.rule.night-unit", r.nightUnitMinutes(), "rule-night-unit");
        BigDecimalField nightUnitFen = money(owner, "admin.parking.rule.night-price", r.nightUnitFen(), "rule-night-price");
        BigDecimalField nightCap = money(owner, "admin.parking.rule.night-cap", r.nightCapFen(), "rule-night-cap");
        BigDecimalField cap = money(owner, "admin.parking.rule.cap", r.capFen(), "rule-cap");
        IntegerField large = integer(owner, "admin.parking.rule.large", r.largePercent(), "rule-large");
        IntegerField green = integer(owner, "admin.parking.rule.new-energy", r.newEnergyPercent(), "rule-new-energy");
        IntegerField leave = integer(owner, "admin.parking.rule.leave", r.leaveMinutes(), "rule-leave");

        TimePicker from = time(owner, "admin.parking.preview.from", LocalTime.of(8, 10));
        TimePicker to = time(owner, "admin.parking.preview.to", LocalTime.of(19, 45));
        from.setId("preview-from");
        to.setId("preview-to");
        Paragraph preview = new Paragraph();
        preview.setId("lot-preview");
        preview.getElement().setAttribute("aria-live", "polite");
        UnorderedList lines = new UnorderedList();
        Paragraph problem = new Paragraph();
        problem.addClassName("cc-problem");
        problem.setId("lot-problem");
        problem.getElement().setAttribute("aria-live", "polite");

        java.util.function.Supplier<Optional<FeeRule>> rule = () -> {
            try {
                FeeRule candidate = new FeeRule(value(free), dayStart.getValue(), dayEnd.getValue(), value(firstMinutes),
                        fen(firstFen), value(dayUnit), fen(dayUnitFen), value(nightUnit), fen(nightUnitFen), fen(nightCap),
                        fen(cap), value(large), value(green), value(leave));
                return candidate.problems().isEmpty() ? Optional.of(candidate) : Optional.empty();
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        };
        Button show = new Button(owner.getTranslation("admin.parking.preview.show"), e -> {
            lines.removeAll();
            Optional<FeeRule> candidate = rule.get();
            if (candidate.isEmpty() || from.getValue() == null || to.getValue() == null) {
                preview.setText(owner.getTranslation("admin.parking.preview.bad"));
                return;
            }
            LocalDate day = LocalDate.now(ChinaTime.ZONE);
            var entry = day.atTime(from.getValue()).atZone(ChinaTime.ZONE).toInstant();
            var exit = day.atTime(to.getValue()).atZone(ChinaTime.ZONE).toInstant();
            if (exit.isBefore(entry)) {
                exit = exit.plus(Duration.ofDays(1));
            }
            Quote quote = FeeEngine.quote(candidate.get(), Vehicle.SMALL, entry, exit);
            preview.setText(owner.getTranslation("admin.parking.preview.result", from.getValue(), to.getValue(),
                    Fen.of(quote.totalFen()).display()));
            quote.lines().forEach(l -> lines.add(new ListItem(owner.getTranslation("quote.kind." + l.kind().name()) + " · "
                    + (l.units() > 0 ? l.units() + " × " + Fen.of(l.unitFen()).display() + " = " : "")
                    + Fen.of(l.amountFen()).display())));
        });
        show.setId("preview-show");

        Button save = new Button(owner.getTranslation("admin.bills.save"), e -> {
            Optional<FeeRule> candidate = rule.get();
            Double la = lat.getValue();
            Double ln = lng.getValue();
            if (candidate.isEmpty()) {
                problem.setText(owner.getTranslation("admin.parking.problem.BAD_FEE_RULE"));
                return;
            }
            if (la == null || ln == null || !GeoPoint.valid(la, ln) || operator.getValue() == null) {
                problem.setText(owner.getTranslation(operator.getValue() == null ? "admin.parking.problem.UNKNOWN_OPERATOR"
                        : "admin.parking.problem.BAD_POSITION"));
                return;
            }
            Lot candidateLot = new Lot(id.getValue().strip(), operator.getValue().id(), name.getValue(), kind.getValue(),
                    address.getValue(), new GeoPoint(la, ln), value(capacity), value(reserved), opens.getValue(),
                    closes.getValue(), candidate.get(), orphans.getValue());
            switch (administration.saveLot(staff, candidateLot)) {
                case ParkingAdministration.Result.Done<Lot> done -> {
                    dialog.close();
                    saved.run();
                }
                case ParkingAdministration.Result.Refused<Lot> refused ->
                        problem.setText(owner.getTranslation("admin.parking.problem." + refused.problem().name()));
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("lot-save");

        FormLayout where = new FormLayout(id, operator, name, kind, address, lat, lng, capacity, reserved, opens, closes,
                orphans);
        FormLayout tariff = new FormLayout(free, dayStart, dayEnd, firstMinutes, firstFen, dayUnit, dayUnitFen, nightUnit,
                nightUnitFen, nightCap, cap, large, green, leave);
        dialog.add(where, new H3(owner.getTranslation("admin.parking.tariff")), tariff,
                new H3(owner.getTranslation("admin.parking.preview")), new FormLayout(from, to), show, preview, lines, problem);
        dialog.getFooter().add(new Button(owner.getTranslation("admin.cancel"), e -> dialog.close()), save);
        dialog.setWidth("min(56rem, 96vw)");
        dialog.open();
    }

    private static TextField text(Component owner, String key, String value, String id) {
        TextField field = new TextField(owner.getTranslation(key), value, "");
        field.setId(id);
        return field;
    }

    private static IntegerField integer(Component owner, String key, int value, String id) {
        IntegerField field = new IntegerField(owner.getTranslation(key));
        field.setValue(value);
        field.setId(id);
        return field;
    }

    private static BigDecimalField money(Component owner, String key, long fen, String id) {
        BigDecimalField field = new BigDecimalField(owner.getTranslation(key));
        field.setValue(BigDecimal.valueOf(fen, 2));
        field.setId(id);
        return field;
    }

    private static TimePicker time(Component owner, String key, LocalTime value) {
        TimePicker field = new TimePicker(owner.getTranslation(key), value);
        field.setStep(Duration.ofMinutes(15));
        return field;
    }

    private static int value(IntegerField field) {
        return field.getValue() == null ? -1 : field.getValue();
    }

    private static long fen(BigDecimalField field) {
        return field.getValue() == null ? -1 : Fen.parseYuan(field.getValue()).map(Fen::value).orElse(-1L);
    }
}

package org.citycard.portal.admin;

import java.time.Duration;
import java.time.format.DateTimeFormatter;

import org.citycard.bills.BillOperations;
import org.citycard.bills.Biller;
import org.citycard.kernel.ChinaTime;
import org.citycard.portal.shell.ReasonDialog;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;

/**
 * Billing staff change a biller: taking payments or suspended (with what citizens read meanwhile), and its service
 * hours; why is required and kept with who and when. The last changes are listed under the form.
 */
final class BillerDialog {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ChinaTime.ZONE);

    private BillerDialog() {
    }

    static void open(Component owner, BillOperations operations, Biller biller, String staff, Runnable changed) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(owner.getTranslation("admin.bills.edit-title", biller.name()));
        Checkbox enabled = new Checkbox(owner.getTranslation("admin.bills.enabled"), biller.enabled());
        enabled.setId("biller-enabled");
        TimePicker opens = new TimePicker(owner.getTranslation("admin.bills.opens"), biller.opensAt());
        opens.setStep(Duration.ofMinutes(30));
        opens.setId("biller-opens");
        TimePicker closes = new TimePicker(owner.getTranslation("admin.bills.closes"), biller.closesAt());
        closes.setStep(Duration.ofMinutes(30));
        closes.setId("biller-closes");
        closes.setHelperText(owner.getTranslation("admin.bills.always-open"));
        TextField notice = new TextField(owner.getTranslation("admin.bills.notice"), biller.notice(), "");
        notice.setMaxLength(BillOperations.NOTICE_MAX);
        notice.setHelperText(owner.getTranslation("admin.bills.notice-help"));
        notice.setWidthFull();
        notice.setId("biller-notice");
        TextArea reason = new TextArea(owner.getTranslation("admin.reason"));
        reason.setMaxLength(ReasonDialog.MAX_REASON);
        reason.setRequired(true);
        reason.setWidthFull();
        reason.setId("biller-reason");
        Paragraph problem = new Paragraph();
        problem.addClassName("cc-problem");
        problem.setId("biller-problem");
        problem.getElement().setAttribute("aria-live", "polite");
        Button save = new Button(owner.getTranslation("admin.bills.save"), e -> operations.changeBiller(biller.id(),
                        enabled.getValue(), opens.getValue(), closes.getValue(), notice.getValue(), reason.getValue(), staff)
                .ifPresentOrElse(refused -> problem.setText(owner.getTranslation("admin.bills.refused." + refused.name())),
                        () -> {
                            dialog.close();
                            changed.run();
                        }));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("biller-save");
        UnorderedList history = new UnorderedList();
        history.setId("biller-changes");
        operations.changes(biller.id(), 10).forEach(c -> history.add(new ListItem(owner.getTranslation(
                "admin.bills.change-line", WHEN.format(c.at()), c.by(),
                owner.getTranslation(c.enabled() ? "admin.bills.taking" : "admin.bills.suspended"),
                c.opensAt() + "–" + c.closesAt(), c.reason()))));
        dialog.add(enabled, opens, closes, notice, reason, problem);
        if (history.getChildren().findAny().isPresent()) {
            dialog.add(new H3(owner.getTranslation("admin.bills.changes")), history);
        }
        dialog.getFooter().add(new Button(owner.getTranslation("admin.cancel"), e -> dialog.close()), save);
        dialog.open();
    }
}

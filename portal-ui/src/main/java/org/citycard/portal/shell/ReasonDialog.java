package org.citycard.portal.shell;

import java.util.function.Consumer;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;

/**
 * Asks why (required, at most {@value #MAX_REASON} characters) before a step that is audited with its reason:
 * catalog decisions, and card operations by citizens and staff.
 */
public final class ReasonDialog {

    public static final int MAX_REASON = 200;

    private ReasonDialog() {
    }

    /** A button that opens the dialog; {@code id} names the button, its field ({@code id-reason}) and confirm. */
    public static Button button(Component owner, String titleKey, String id, Consumer<String> confirmed) {
        Button button = new Button(owner.getTranslation(titleKey),
                e -> open(owner, titleKey, id + "-reason", id + "-confirm", confirmed));
        button.setId(id);
        return button;
    }

    public static void open(Component owner, String titleKey, String fieldId, String confirmId,
                            Consumer<String> confirmed) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(owner.getTranslation(titleKey));
        TextArea reason = new TextArea(owner.getTranslation("admin.reason"));
        reason.setMaxLength(MAX_REASON);
        reason.setRequired(true);
        reason.setWidthFull();
        reason.setId(fieldId);
        Button ok = new Button(owner.getTranslation("admin.confirm"), e -> {
            if (reason.getValue() == null || reason.getValue().isBlank()) {
                reason.setErrorMessage(owner.getTranslation("catalog.problem.required"));
                reason.setInvalid(true);
                return;
            }
            dialog.close();
            confirmed.accept(reason.getValue().strip());
        });
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        ok.setId(confirmId);
        dialog.add(reason);
        dialog.getFooter().add(new Button(owner.getTranslation("admin.cancel"), e -> dialog.close()), ok);
        dialog.open();
        reason.focus();
    }
}

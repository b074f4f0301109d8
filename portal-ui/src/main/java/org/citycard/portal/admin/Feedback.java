package org.citycard.portal.admin;

import java.util.List;
import java.util.function.Consumer;

import org.citycard.catalog.FieldProblem;
import org.citycard.catalog.Outcome;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextArea;

/** How the admin console tells an administrator what happened: notifications, problem lists, reason dialogs. */
final class Feedback {

    private Feedback() {
    }

    static void success(Component owner, String key) {
        Notification n = Notification.show(owner.getTranslation(key), 4000, Notification.Position.TOP_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    /** A refusal in the user's words (already translated). */
    static void error(Component owner, String text) {
        Notification n = Notification.show(text, 6000, Notification.Position.TOP_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    static void rejected(Component owner, Outcome.Rejected rejected) {
        Notification n = Notification.show(owner.getTranslation(rejected.reason().messageKey()), 6000,
                Notification.Position.TOP_CENTER);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    static UnorderedList problems(Component owner, List<FieldProblem> problems) {
        UnorderedList list = new UnorderedList();
        list.addClassName("cc-problems");
        list.getElement().setAttribute("role", "alert");
        problems.forEach(p -> list.add(new ListItem(p.field() + ": " + owner.getTranslation(p.messageKey()))));
        return list;
    }

    /** Asks for a reason (required) before doing something that needs one. */
    static void askReason(Component owner, String titleKey, Consumer<String> then) {
        org.citycard.portal.shell.ReasonDialog.open(owner, titleKey, "reason-field", "reason-confirm", then);
    }
}

package org.citycard.portal.shell;

import org.citycard.kernel.Busy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServiceInitListener;

/**
 * Per UI: apply the visitor's remembered preferences. Per session: one error handler that logs the cause
 * and shows a friendly notification, so no stack trace ever reaches a citizen.
 */
@Component
class PortalServiceInit implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(PortalServiceInit.class);

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> {
            Preferences.applyFromRequest(ui.getUI(), VaadinRequest.getCurrent());
            // screen readers pick the voice from <html lang>
            ui.getUI().getPage().executeJs("document.documentElement.lang = $0",
                    Preferences.english(ui.getUI()) ? "en" : "zh-CN");
            if (Preferences.dark(ui.getUI())) {
                ui.getUI().getPage().executeJs("document.documentElement.setAttribute('theme', 'dark')");
            }
        });
        event.getSource().addSessionInitListener(session -> session.getSession().setErrorHandler(error -> {
            if (isBadAddress(error.getThrowable())) {
                // an address with a broken %-escape, typed or forged: the visitor's mistake, not ours
                log.warn("Portal request with an undecodable address: {}", rootMessage(error.getThrowable()));
            } else if (isMalformedMessage(error.getThrowable())) {
                // a browser message Vaadin itself could not apply (tampered, or from an outdated page)
                log.warn("Portal message Vaadin could not apply: {}", rootMessage(error.getThrowable()));
            } else if (Busy.in(error.getThrowable())) {
                // the database or Redis away for a moment: the visitor may simply try again
                String busy = Busy.toLog(error.getThrowable());
                if (busy != null) {
                    log.warn("Portal request answered busy: {} (a backing service away for a moment)", busy);
                }
            } else {
                log.error("Portal request failed", error.getThrowable());
            }
            String message = Busy.in(error.getThrowable()) ? "error.busy" : "error.unexpected";
            UI ui = UI.getCurrent();
            if (ui != null) {
                ui.access(() -> {
                    Notification n = Notification.show(ui.getTranslation(message), 6000,
                            Notification.Position.MIDDLE);
                    n.addThemeVariants(NotificationVariant.LUMO_ERROR);
                });
            }
        }));
    }

    /** An address Vaadin could not decode (java.net.URLDecoder refuses a broken %-escape). */
    static boolean isBadAddress(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getMessage() != null && t.getMessage().startsWith("URLDecoder")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A failure inside Vaadin's decoding of a browser message, with none of CityCard's views or services on the
     * stack (the platform's own filters aside): the message was malformed, our code never ran.
     */
    static boolean isMalformedMessage(Throwable failure) {
        boolean inVaadinRpc = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                String type = frame.getClassName();
                if (type.startsWith("org.citycard.") && !type.startsWith("org.citycard.app.")) {
                    return false;
                }
                inVaadinRpc |= type.startsWith("com.vaadin.flow.server.communication.rpc.")
                        || type.equals("com.vaadin.flow.server.communication.ServerRpcHandler");
            }
        }
        return inVaadinRpc;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}

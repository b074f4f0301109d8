package org.citycard.portal.shell;

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
            log.error("Portal request failed", error.getThrowable());
            UI ui = UI.getCurrent();
            if (ui != null) {
                ui.access(() -> {
                    Notification n = Notification.show(ui.getTranslation("error.unexpected"), 6000,
                            Notification.Position.MIDDLE);
                    n.addThemeVariants(NotificationVariant.LUMO_ERROR);
                });
            }
        }));
    }
}

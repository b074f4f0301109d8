package org.citycard.portal.shell;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.component.page.Viewport;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The page around every view. Lumo plus the CityCard look from the themes jar, as plain style sheets: no
 * frontend bundle is rebuilt (see ARCHITECTURE.md).
 */
@StyleSheet(Lumo.STYLESHEET)
// Not under themes/: in development mode Vaadin reserves that URL space for application themes.
@StyleSheet("styles/citycard/citycard.css")
@Viewport("width=device-width, initial-scale=1")
@Meta(name = "description", content = "市民云卡 CityCard: city services in one place")
public class PortalShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("市民云卡 CityCard");
    }
}

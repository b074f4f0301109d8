package org.citycard.portal.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import jakarta.servlet.http.HttpServletResponse;

/** A page, service or bundle that does not exist: a friendly page with the way back, and status 404. Public. */
@ParentLayout(PortalLayout.class)
@AnonymousAllowed
public class NotFoundView extends Div implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        addClassName("cc-not-found");
        Paragraph hint = new Paragraph(getTranslation("notfound.text"));
        Anchor home = new Anchor("/", getTranslation("notfound.home"));
        Anchor search = new Anchor("search", getTranslation("notfound.search"));
        add(new H1(getTranslation("notfound.title")), hint, new Div(home), new Div(search));
        return HttpServletResponse.SC_NOT_FOUND;
    }
}

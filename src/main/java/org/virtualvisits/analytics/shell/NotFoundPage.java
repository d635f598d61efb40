package org.virtualvisits.analytics.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An address that is no page of ours: said plainly, inside the layout, HTTP 404, with the way
 * back to the report (never the framework's page, which lists every route in development mode).
 * Anonymous visitors are sent to sign in first, like for any other page.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class NotFoundPage extends Div implements HasErrorParameter<NotFoundException>, HasDynamicTitle {

    @Override
    public String getPageTitle() {
        return getTranslation("error.notFound.title") + " · " + getTranslation("app.name");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        addClassName("vva-page");
        setId("not-found");
        add(new H1(getTranslation("error.notFound.title")), new Paragraph(getTranslation("error.notFound")),
                new Anchor(AccessDeniedPage.home(), getTranslation("error.toReport")));
        return HttpServletResponse.SC_NOT_FOUND;
    }
}

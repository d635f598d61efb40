package org.virtualvisits.analytics.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.server.VaadinRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** A signed-in user opened a page their role does not allow: said plainly, inside the layout, HTTP 403. */
@ParentLayout(MainLayout.class)
@PermitAll
public class AccessDeniedPage extends Div implements HasErrorParameter<AccessDeniedException>, HasDynamicTitle {

    @Override
    public String getPageTitle() {
        return getTranslation("error.accessDenied.title") + " · " + getTranslation("app.name");
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        removeAll();
        addClassName("vva-page");
        setId("access-denied");
        add(new H1(getTranslation("error.accessDenied.title")), new Paragraph(getTranslation("error.accessDenied")),
                new Anchor(home(), getTranslation("error.toReport")));
        return HttpServletResponse.SC_FORBIDDEN;
    }

    /** The application's start page (the report), wherever the application is deployed. */
    static String home() {
        VaadinRequest request = VaadinRequest.getCurrent();
        return (request == null ? "" : request.getContextPath()) + "/";
    }
}

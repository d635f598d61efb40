package org.virtualvisits.analytics.subscriptions.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.function.Supplier;
import org.virtualvisits.analytics.report.ReportTab;
import org.virtualvisits.analytics.report.ShownReport;
import org.virtualvisits.analytics.report.ui.ReportSubscribing;
import org.virtualvisits.analytics.subscriptions.SubscriptionService;

/** The subscriptions feature's part of the report screen: "Subscribe to this report…" on each tab. */
@org.springframework.stereotype.Component
class SubscribingFromReport implements ReportSubscribing {

    private final SubscriptionService subscriptions;

    SubscribingFromReport(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public Component subscribeButton(ReportTab tab, Supplier<ShownReport> shown) {
        Button button = new Button();
        button.setText(button.getTranslation("subscriptions.subscribe"));
        button.setIcon(VaadinIcon.ENVELOPE_O.create());
        button.setId("subscribe");
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        button.addClickListener(e -> new SubscribeDialog(subscriptions, tab, shown.get()).open());
        return button;
    }
}

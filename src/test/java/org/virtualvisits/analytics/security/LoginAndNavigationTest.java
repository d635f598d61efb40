package org.virtualvisits.analytics.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.virtualvisits.analytics.KaribuTest;
import org.virtualvisits.analytics.report.ui.ReportView;
import org.virtualvisits.analytics.report.ui.TimeSeriesChart;

class LoginAndNavigationTest extends KaribuTest {

    @Test
    void afterAFailedSignInTheFormShowsTheTypedUsernameAgain() {
        com.vaadin.flow.server.VaadinSession.getCurrent().getSession().setAttribute(AttemptedUsername.ATTRIBUTE, "cardio-viewer");
        UI.getCurrent().navigate("login", com.vaadin.flow.router.QueryParameters.of("error", ""));
        assertThat(_get(LoginView.class).prefilledUsername()).isEqualTo("cardio-viewer");

        UI.getCurrent().navigate("login");
        assertThat(_get(LoginView.class).prefilledUsername()).as("only after a failure").isNull();
    }

    @Test
    void anonymousUserLandsOnTheLoginView() {
        UI.getCurrent().navigate("");
        MockVaadin.clientRoundtrip();
        assertThat(UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0))
                .isInstanceOf(LoginView.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "teams", "viewer", "cardio-viewer", "northwind-admin"})
    void everyRoleOpensTheReportWithChartAndGrid(String username) {
        login(username);
        UI.getCurrent().navigate(ReportView.class);
        ReportView view = _get(ReportView.class);
        TimeSeriesChart chart = _get(view, TimeSeriesChart.class);
        assertThat(chart.getData().categories()).hasSize(30);
        assertThat(chart.getData().series()).extracting(TimeSeriesChart.Series::name)
                .contains("Total");
        Grid<?> grid = _get(view, Grid.class);
        assertThat(grid.getColumns()).isNotEmpty();
        assertThat(GridKt._size(grid)).as("the grid lists the range's visits").isPositive();
    }
}

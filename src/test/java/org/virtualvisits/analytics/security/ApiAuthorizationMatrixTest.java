package org.virtualvisits.analytics.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.TestFixture;
import org.virtualvisits.analytics.organisation.DefaultOrganisation;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.organisation.Organisations;

/**
 * The authorization matrix of the HTTP interface: every request mapping of the application
 * (Spring MVC's handler mapping) called by every caller: nobody, a signed-in session of each
 * {@link Persona} (the API takes tokens only), tokens of each scope, a revoked and an unknown
 * token, and a token of the other organisation. {@link #API} is the explicit table; a mapping
 * without an entry fails the build. Successful answers must hold the caller's organisation's
 * data only.
 */
@IntegrationTest
class ApiAuthorizationMatrixTest {

    enum Caller {
        ANONYMOUS(null), UNKNOWN_TOKEN(null), REVOKED_TOKEN(null),
        GLOBAL_ADMIN_SESSION(Persona.GLOBAL_ADMIN), TEAMS_ADMIN_SESSION(Persona.TEAMS_ADMIN),
        REPORT_VIEWER_SESSION(Persona.REPORT_VIEWER), DEPARTMENT_VIEWER_SESSION(Persona.DEPARTMENT_VIEWER),
        OTHER_ORGANISATION_ADMIN_SESSION(Persona.OTHER_ORGANISATION_ADMIN),
        EVENTS_WRITE_TOKEN(null), REPORT_READ_TOKEN(null), ALL_SCOPES_TOKEN(null), OTHER_ORGANISATION_TOKEN(null);

        final Persona persona;

        Caller(Persona persona) {
            this.persona = persona;
        }
    }

    /** The expected answer of one endpoint to each caller, with a request that would succeed. */
    record Endpoint(Supplier<MockHttpServletRequestBuilder> request, Map<Caller, Integer> statuses) {
    }

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final String RANGE = "?from=" + TODAY.minusDays(29) + "&to=" + TODAY;

    /** Every /api/** mapping and who gets which status. Add an entry for every new endpoint. */
    static final Map<String, Endpoint> API = Map.of(
            "POST /api/v1/events", new Endpoint(
                    () -> post("/api/v1/events").contentType(MediaType.APPLICATION_JSON).content("{\"events\":[]}"),
                    statuses(202, EnumSet.of(Caller.EVENTS_WRITE_TOKEN, Caller.ALL_SCOPES_TOKEN,
                            Caller.OTHER_ORGANISATION_TOKEN), EnumSet.of(Caller.REPORT_READ_TOKEN))),
            "GET /api/v1/visits", new Endpoint(() -> get("/api/v1/visits" + RANGE + "&size=1000"),
                    statuses(200, EnumSet.of(Caller.REPORT_READ_TOKEN, Caller.ALL_SCOPES_TOKEN,
                            Caller.OTHER_ORGANISATION_TOKEN), EnumSet.of(Caller.EVENTS_WRITE_TOKEN))),
            "GET /api/v1/daily", new Endpoint(() -> get("/api/v1/daily" + RANGE),
                    statuses(200, EnumSet.of(Caller.REPORT_READ_TOKEN, Caller.ALL_SCOPES_TOKEN,
                            Caller.OTHER_ORGANISATION_TOKEN), EnumSet.of(Caller.EVENTS_WRITE_TOKEN))));

    /**
     * The application's own mappings outside /api/**. A new one (say, a download link) must be added
     * here with its callers. The unsubscribe link of a subscription mail is open to everyone: its
     * signed token is the credential (a genuine token of a subscription that is gone: 200 either way).
     */
    static final Map<String, Endpoint> WEB = Map.of(
            "GET /unsubscribe", new Endpoint(() -> get("/unsubscribe").param("token", unsubscribeToken(Long.MAX_VALUE)),
                    statuses(200, EnumSet.allOf(Caller.class), Set.of())),
            "POST /unsubscribe", new Endpoint(() -> post("/unsubscribe").param("token",
                    unsubscribeToken(Long.MAX_VALUE)), statuses(200, EnumSet.allOf(Caller.class), Set.of())));

    /** A genuine unsubscribe token under the tests' app.subscriptions.signing-key. */
    private static String unsubscribeToken(long subscriptionId) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(
                    "test-signing-key-0123456789abcdefghijklmnop".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "HmacSHA256"));
            byte[] signature = mac.doFinal(("unsubscribe:" + subscriptionId)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return subscriptionId + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Allowed callers get the success status, tokens without the scope 403, everybody else 401. */
    private static Map<Caller, Integer> statuses(int success, Set<Caller> allowed, Set<Caller> wrongScope) {
        Map<Caller, Integer> statuses = new EnumMap<>(Caller.class);
        for (Caller caller : Caller.values()) {
            statuses.put(caller, allowed.contains(caller) ? success : wrongScope.contains(caller) ? 403 : 401);
        }
        return statuses;
    }

    private static final Map<Caller, String> TOKENS = new EnumMap<>(Caller.class);
    private static final Map<Persona, MockHttpSession> SESSIONS = new EnumMap<>(Persona.class);

    @Autowired
    MockMvc mvc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    ApiTokens apiTokens;
    @Autowired
    Organisations organisations;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    @BeforeEach
    void callers() throws Exception {
        if (!TOKENS.isEmpty()) {
            return;
        }
        Organisation contoso = organisations.findBySlug(DefaultOrganisation.SLUG).orElseThrow();
        Organisation northwind = organisations.findBySlug(DefaultOrganisation.SECOND_DEMO_SLUG).orElseThrow();
        TOKENS.put(Caller.UNKNOWN_TOKEN, ApiTokens.newSecret());
        TOKENS.put(Caller.EVENTS_WRITE_TOKEN, token(contoso, EnumSet.of(ApiScope.EVENTS_WRITE)));
        TOKENS.put(Caller.REPORT_READ_TOKEN, token(contoso, EnumSet.of(ApiScope.REPORT_READ)));
        TOKENS.put(Caller.ALL_SCOPES_TOKEN, token(contoso, EnumSet.allOf(ApiScope.class)));
        TOKENS.put(Caller.OTHER_ORGANISATION_TOKEN, token(northwind, EnumSet.allOf(ApiScope.class)));
        String revoked = ApiTokens.newSecret();
        long revokedId = apiTokens.create(contoso.id(), "matrix revoked", EnumSet.allOf(ApiScope.class), revoked, "test");
        apiTokens.revoke(contoso.id(), revokedId);
        TOKENS.put(Caller.REVOKED_TOKEN, revoked);
        for (Persona persona : Persona.SIGNED_IN) {
            SESSIONS.put(persona, signIn(persona));
        }
    }

    private String token(Organisation organisation, Set<ApiScope> scopes) {
        String secret = ApiTokens.newSecret();
        apiTokens.create(organisation.id(), "matrix " + scopes, scopes, secret, "test");
        return secret;
    }

    /** A real form sign-in, so the session is exactly what a browser would hold. */
    private MockHttpSession signIn(Persona persona) throws Exception {
        return TestFixture.signInByForm(mvc, persona.username, Persona.PASSWORD);
    }

    /** "METHOD /path" of each of the application's request mappings, with the handler. */
    private Map<String, HandlerMethod> discovered() {
        Map<String, HandlerMethod> found = new TreeMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? Set.of("ANY")
                    : info.getMethodsCondition().getMethods().stream().map(Enum::name)
                            .collect(Collectors.toSet());
            for (String pattern : info.getPatternValues()) {
                for (String method : methods) {
                    found.put(method + " " + pattern, entry.getValue());
                }
            }
        }
        return found;
    }

    @Test
    void everyApiMappingHasAnEntryInTheAccessTable() {
        Set<String> api = new TreeSet<>();
        Set<String> ownWeb = new TreeSet<>();
        discovered().forEach((key, handler) -> {
            if (key.split(" ")[1].startsWith("/api/")) {
                api.add(key);
            } else if (handler.getBeanType().getName().startsWith("org.virtualvisits.analytics")) {
                ownWeb.add(key);
            }
        });
        assertThat(api).as("every /api/** mapping needs an entry in API").containsExactlyInAnyOrderElementsOf(API.keySet());
        assertThat(ownWeb).as("every own mapping outside /api/** needs an entry in WEB")
                .containsExactlyInAnyOrderElementsOf(WEB.keySet());
    }

    static Stream<Arguments> endpointsTimesCallers() {
        List<Arguments> cases = new ArrayList<>();
        Map<String, Endpoint> all = new TreeMap<>(API);
        all.putAll(WEB);
        all.forEach((key, endpoint) -> {
            for (Caller caller : Caller.values()) {
                cases.add(Arguments.of(key, caller));
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("endpointsTimesCallers")
    void endpointAnswersEachCallerAsTheTableSays(String key, Caller caller) throws Exception {
        Endpoint endpoint = API.containsKey(key) ? API.get(key) : WEB.get(key);
        Integer expected = endpoint.statuses().get(caller);
        assertThat(expected).as("no expected status for %s by %s", key, caller).isNotNull();
        MockHttpServletRequestBuilder request = endpoint.request().get();
        if (caller.persona != null) {
            request.session(SESSIONS.get(caller.persona)).with(csrf());
        } else if (TOKENS.containsKey(caller)) {
            request.header("Authorization", "Bearer " + TOKENS.get(caller));
        }
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).as("%s by %s", key, caller).isEqualTo(expected);
        if (expected == 200 && key.contains(" /api/")) {
            assertOnlyOwnData(key, caller, json.readTree(result.getResponse().getContentAsByteArray()));
        }
    }

    private void assertOnlyOwnData(String key, Caller caller, JsonNode body) {
        String slug = caller == Caller.OTHER_ORGANISATION_TOKEN ? DefaultOrganisation.SECOND_DEMO_SLUG
                : DefaultOrganisation.SLUG;
        String marker = caller == Caller.OTHER_ORGANISATION_TOKEN ? "NORTHWIND" : "CONTOSO";
        long organisationId = organisations.findBySlug(slug).orElseThrow().id();
        long visitsInRange = jdbc.sql("""
                        select count(*) from visit where organisation_id = :org
                        and start_time >= cast(:from as date) and start_time < cast(:to as date) + 1""")
                .param("org", organisationId).param("from", TODAY.minusDays(29).toString())
                .param("to", TODAY.toString()).query(Long.class).single();
        if (key.equals("GET /api/v1/visits")) {
            assertThat(body.get("totalItems").asLong()).isEqualTo(visitsInRange);
            body.get("items").forEach(item -> assertThat(item.get("meetingId").asText()).contains(marker));
        } else if (key.equals("GET /api/v1/daily")) {
            long total = 0;
            for (JsonNode day : body.get("days")) {
                total += day.get("total").asLong();
            }
            assertThat(total).isEqualTo(visitsInRange);
        }
    }
}

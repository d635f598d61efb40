package org.virtualvisits.analytics.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.virtualvisits.analytics.IntegrationTest;
import org.virtualvisits.analytics.admin.TokenAdministration.CreatedToken;
import org.virtualvisits.analytics.organisation.Organisation;
import org.virtualvisits.analytics.security.ApiScope;
import org.virtualvisits.analytics.security.ApiToken;
import org.virtualvisits.analytics.security.ApiTokens;
import org.virtualvisits.analytics.security.AppUserPrincipal;
import org.virtualvisits.analytics.security.Role;

@IntegrationTest
class TokenAdministrationTest extends AdminTestSupport {

    @Autowired
    TokenAdministration administration;
    @Autowired
    ApiTokens apiTokens;
    @Autowired
    MockMvc mvc;

    Organisation org;
    AppUserPrincipal admin;

    @BeforeEach
    void organisationWithAdmin() {
        org = newOrganisation();
        admin = newUser(org, Role.GLOBAL_ADMIN);
        signIn(admin);
    }

    @Test
    void aNewTokenIsShownOnceAndStoredAsAHashOnly() throws Exception {
        CreatedToken created = administration.create(" EHR connector ", EnumSet.of(ApiScope.EVENTS_WRITE));
        assertThat(created.name()).isEqualTo("EHR connector");
        assertThat(created.secret()).startsWith("vva_").hasSizeGreaterThanOrEqualTo(ApiTokens.MIN_SECRET_LENGTH);
        assertThat(created.toString()).doesNotContain(created.secret());

        String stored = jdbc.sql("select token_hash from api_token where id = :id").param("id", created.id())
                .query(String.class).single();
        assertThat(stored).isNotEqualTo(created.secret()).isEqualTo(sha256(created.secret()));
        Long containingSecret = jdbc.sql("select count(*) from api_token where token_hash like :s or name like :s")
                .param("s", "%" + created.secret() + "%").query(Long.class).single();
        assertThat(containingSecret).isZero();

        List<ApiToken> tokens = administration.tokens();
        assertThat(tokens).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("EHR connector");
            assertThat(t.scopes()).containsExactly(ApiScope.EVENTS_WRITE);
            assertThat(t.createdBy()).isEqualTo(admin.username());
            assertThat(t.lastUsedAt()).isNull();
            assertThat(t.active()).isTrue();
        });
        assertThat(auditOf(org)).containsExactly("token.created|" + admin.username() + "|EHR connector (events:write)");
    }

    @Test
    void theTokenWorksWithinItsScopesAndRecordsItsLastUse() throws Exception {
        CreatedToken events = administration.create("writer", EnumSet.of(ApiScope.EVENTS_WRITE));
        CreatedToken reader = administration.create("reader", EnumSet.of(ApiScope.REPORT_READ));

        assertThat(status(events.secret(), writeEvents())).isEqualTo(202);
        assertThat(status(events.secret(), readDaily())).isEqualTo(403);
        assertThat(status(reader.secret(), readDaily())).isEqualTo(200);
        assertThat(status(reader.secret(), writeEvents())).isEqualTo(403);

        assertThat(administration.tokens()).allSatisfy(t -> assertThat(t.lastUsedAt()).isNotNull());
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() throws Exception {
        CreatedToken created = administration.create("to revoke", EnumSet.allOf(ApiScope.class));
        administration.revoke(created.id());
        assertThat(status(created.secret(), readDaily())).isEqualTo(401);
        assertThat(administration.tokens()).singleElement().extracting(ApiToken::active).isEqualTo(false);
        assertThat(auditOf(org)).last().asString().startsWith("token.revoked|" + admin.username() + "|to revoke");
    }

    @Test
    void refusesTokensWithoutNameOrScope() {
        assertThatThrownBy(() -> administration.create(" ", EnumSet.of(ApiScope.REPORT_READ)))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.token.name");
        assertThatThrownBy(() -> administration.create("x", EnumSet.noneOf(ApiScope.class)))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.token.scopes");
        assertThat(administration.tokens()).isEmpty();
    }

    @Test
    void tokensOfAnotherOrganisationCanNeitherBeSeenNorRevoked() throws Exception {
        Organisation other = newOrganisation();
        String secret = ApiTokens.newSecret();
        long foreign = apiTokens.create(other.id(), "foreign", EnumSet.allOf(ApiScope.class), secret, "someone");

        assertThat(administration.tokens()).extracting(ApiToken::id).doesNotContain(foreign);
        assertThatThrownBy(() -> administration.revoke(foreign))
                .isInstanceOf(AdminException.class).extracting("key").isEqualTo("admin.error.notFound");
        assertThat(apiTokens.findByOrganisation(other.id())).singleElement().extracting(ApiToken::active)
                .isEqualTo(true);
        assertThat(status(secret, readDaily())).as("the other organisation's token still works").isEqualTo(200);
    }

    private static MockHttpServletRequestBuilder writeEvents() {
        return post("/api/v1/events").contentType(MediaType.APPLICATION_JSON).content("{\"events\":[]}");
    }

    private static MockHttpServletRequestBuilder readDaily() {
        return get("/api/v1/daily?from=2026-01-01&to=2026-01-02");
    }

    /** The API's answer to a call with this token (made with nobody signed in on the test thread). */
    private int status(String secret, MockHttpServletRequestBuilder request) throws Exception {
        return anonymously(admin, () -> mvc.perform(request.header("Authorization", "Bearer " + secret))
                .andReturn().getResponse().getStatus());
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}

package org.virtualvisits.analytics.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.virtualvisits.analytics.IntegrationTest;

/**
 * Method security of the administration services, independent of the views: every public
 * method of each service refuses every caller but a global admin (whatever the arguments; the
 * check runs before the method).
 */
@IntegrationTest
class AdminServiceSecurityTest extends AdminTestSupport {

    static final List<Class<?>> SERVICES = List.of(UserAdministration.class, TokenAdministration.class,
            OrganisationSettings.class, AuditLog.class);

    @Autowired
    ApplicationContext context;

    static Stream<Method> publicMethods() {
        return SERVICES.stream().flatMap(service -> Arrays.stream(service.getDeclaredMethods()))
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !m.isSynthetic());
    }

    static Stream<Arguments> methods() {
        return publicMethods().map(m -> Arguments.of(m.getDeclaringClass().getSimpleName() + "." + m.getName(), m));
    }

    static Stream<Arguments> methodsTimesCallers() {
        List<Arguments> cases = new ArrayList<>();
        publicMethods().forEach(method -> {
            for (String caller : List.of("anonymous", "teams", "viewer", "cardio-viewer")) {
                cases.add(Arguments.of(method.getDeclaringClass().getSimpleName() + "." + method.getName(), method,
                        caller));
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} by {2}")
    @MethodSource("methodsTimesCallers")
    void onlyGlobalAdminsMayCallAdministrationServices(String name, Method method, String caller) {
        if (!caller.equals("anonymous")) {
            signIn(userAccounts.findByUsername(caller).orElseThrow());
        }
        Throwable thrown = invoke(method);
        assertThat(thrown).as(name + " by " + caller).isInstanceOfAny(AccessDeniedException.class,
                AuthenticationCredentialsNotFoundException.class);
        assertThat(ranTheMethodBody(method, thrown)).as(name + " by " + caller + ": refused before its body ran")
                .isFalse();
    }

    @ParameterizedTest(name = "{0} by a global admin")
    @MethodSource("methods")
    void globalAdminsPassTheCheck(String name, Method method) {
        signIn(newUser(newOrganisation(), org.virtualvisits.analytics.security.Role.GLOBAL_ADMIN));
        Throwable thrown = invoke(method);
        // Dummy arguments may be refused as invalid, never as unauthorised: the call reaches the method.
        if (thrown != null) {
            assertThat(thrown).as(name).isNotInstanceOfAny(AccessDeniedException.class,
                    AuthenticationCredentialsNotFoundException.class);
        }
        assertThat(ranTheMethodBody(method, thrown)).as(name + ": the call reached the service").isTrue();
    }

    /**
     * Whether the service method's own body ran: it returned, or what it threw passed through a frame of
     * the method itself (the security interceptor runs in the proxy, before any such frame).
     */
    private static boolean ranTheMethodBody(Method method, Throwable thrown) {
        if (thrown == null) {
            return true;
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().equals(method.getDeclaringClass().getName())
                        && frame.getMethodName().equals(method.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private Throwable invoke(Method method) {
        Object bean = context.getBean(method.getDeclaringClass());
        Object[] arguments = Arrays.stream(method.getParameterTypes()).map(AdminServiceSecurityTest::dummy).toArray();
        try {
            method.invoke(bean, arguments);
            return null;
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object dummy(Class<?> type) {
        if (type == long.class) {
            return -1L;
        }
        if (type == int.class) {
            return 1;
        }
        if (type == boolean.class) {
            return false;
        }
        return null;
    }
}

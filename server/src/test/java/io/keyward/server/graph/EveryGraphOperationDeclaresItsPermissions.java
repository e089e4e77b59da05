package io.keyward.server.graph;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authorization fails closed (BearerAuthentication refuses a method without {@link RequiresAnyOf}), so a
 * forgotten annotation shows up as an operation nobody can call; this test catches it before a client does.
 */
class EveryGraphOperationDeclaresItsPermissions {

    @Test
    void everyHttpOperationRequiresAtLeastOnePermission() {
        List<String> undeclared = new ArrayList<>();
        for (Method operation : operations()) {
            RequiresAnyOf required = operation.getAnnotation(RequiresAnyOf.class);
            if ((required == null || required.value().length == 0) && !operation.isAnnotationPresent(AuthorizedPerRequest.class)) {
                undeclared.add(operation.getDeclaringClass().getSimpleName() + "." + operation.getName());
            }
        }

        assertThat(undeclared).as("Graph operations without @RequiresAnyOf permissions").isEmpty();
    }

    /** Only JSON batching carries other operations; anything else marked so would escape authorization. */
    @Test
    void onlyTheBatchIsAuthorizedPerInnerRequest() {
        assertThat(operations()).filteredOn(m -> m.isAnnotationPresent(AuthorizedPerRequest.class))
                .extracting(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName())
                .containsExactly("BatchResource.batch");
    }

    @Test
    void scanFindsTheOperationsOfEveryResource() {
        assertThat(operations())
                .extracting(m -> m.getDeclaringClass().getSimpleName())
                .contains("UsersResource", "GroupsResource", "InvitationsResource", "OrganizationResource", "DirectoryAuditsResource",
                        "AuthenticationMethodsPolicyResource");
    }

    @Test
    void resourcesHaveNoSubResourceLocatorsThatWouldEscapeTheCheck() {
        List<String> locators = new ArrayList<>();
        for (Class<?> resource : resources()) {
            for (Method method : resource.getMethods()) {
                if (method.isAnnotationPresent(Path.class) && httpMethod(method) == null) {
                    locators.add(resource.getSimpleName() + "." + method.getName());
                }
            }
        }

        assertThat(locators).isEmpty();
    }

    private static List<Method> operations() {
        List<Method> operations = new ArrayList<>();
        for (Class<?> resource : resources()) {
            for (Method method : resource.getMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && httpMethod(method) != null) {
                    operations.add(method);
                }
            }
        }
        return operations;
    }

    private static List<Class<?>> resources() {
        return new GraphApi().getClasses().stream().filter(c -> c.isAnnotationPresent(Path.class)).toList();
    }

    /** {@code @GET}, {@code @POST}, {@code @PATCH}, ... are the annotations meta-annotated with {@link HttpMethod}. */
    private static Annotation httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .filter(a -> a.annotationType().isAnnotationPresent(HttpMethod.class))
                .findFirst().orElse(null);
    }
}

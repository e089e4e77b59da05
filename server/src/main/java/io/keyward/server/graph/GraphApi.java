package io.keyward.server.graph;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Set;

/** The Graph API application: its resources, filters and exception mappers, nothing scanned implicitly. */
@ApplicationPath("/graph")
public class GraphApi extends Application {

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                io.keyward.server.web.TrustedBaseUri.class,
                RequestIdFilter.class,
                GraphPathCanonicalizer.class,
                BearerAuthentication.class,
                RequestBodies.class,
                QueryOptions.class,
                GraphExceptionMapper.class,
                UsersResource.class,
                UserDeltaResource.class,
                BatchResource.class,
                MeResource.class,
                ApplicationsResource.class,
                RoleManagementResource.class,
                ServicePrincipalsResource.class,
                OAuth2PermissionGrantsResource.class,
                GroupsResource.class,
                InvitationsResource.class,
                OrganizationResource.class,
                DirectoryAuditsResource.class,
                Fido2MethodsResource.class,
                TemporaryAccessPassResource.class,
                SignInsResource.class,
                MetadataResource.class,
                RegistrationDetailsResource.class,
                AaguidInventoryResource.class,
                PasskeyReportsResource.class,
                AuthenticationMethodsResource.class,
                AuthenticationMethodsPolicyResource.class,
                AuthenticationStrengthPoliciesResource.class,
                ConditionalAccessPoliciesResource.class);
    }
}

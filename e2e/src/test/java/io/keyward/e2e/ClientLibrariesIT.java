package io.keyward.e2e;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.graph.core.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.nimbusds.jwt.SignedJWT;
import io.netty.handler.ssl.SslContextBuilder;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Microsoft's own client libraries against {@code ./keyward start-dev}, configured as their docs say with only the
 * authority (and the base URL) changed: instance discovery off, the https authority of bootstrap.json, and the
 * generated certificate trusted through a trust store made here from its PEM. msal4j and azure-identity get tokens
 * for the bootstrap client; the Graph Java SDK (v6, Kiota) pages through the users over https with its PageIterator.
 */
@ExtendWith(KeywardServer.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientLibrariesIT {

    private Bootstrap bootstrap;
    private KeywardTls tls;
    private String host;

    @BeforeAll
    void trustTheGeneratedCertificate(KeywardServer keyward, @TempDir Path directory) throws Exception {
        bootstrap = keyward.bootstrap();
        tls = KeywardTls.trusting(Path.of(bootstrap.tlsCertificate()), directory);
        host = URI.create(bootstrap.authorityHttps()).getHost();
    }

    private ConfidentialClientApplication msal() throws Exception {
        return ConfidentialClientApplication.builder(bootstrap.clientId(), ClientCredentialFactory.createFromSecret(bootstrap.clientSecret()))
                .authority(bootstrap.authorityHttps() + "/")
                .instanceDiscovery(false)
                .sslSocketFactory(tls.sslContext().getSocketFactory())
                .build();
    }

    @Test
    void msal4jGetsATokenForGraphWithOnlyTheAuthorityChanged() throws Exception {
        IAuthenticationResult result = msal().acquireToken(ClientCredentialParameters.builder(
                Set.of("https://graph.microsoft.com/.default")).build()).get();

        SignedJWT token = SignedJWT.parse(result.accessToken());
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(bootstrap.authorityHttps() + "/v2.0");
        assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).contains("User.Read.All");
        GraphClient graph = new GraphClient(tls.sslContext());
        assertThat(graph.get(bootstrap.graphBaseUrlHttps() + "/organization", Optional.of(result.accessToken())).status())
                .as("the token over https").isEqualTo(200);
        assertThat(graph.get(bootstrap.graphBaseUrl() + "/organization", Optional.of(result.accessToken())).status())
                .as("the same token over http").isEqualTo(200);
    }

    @Test
    void msal4jAskingForAResourceKeywardDoesNotServeGetsInvalidScope() {
        assertThatThrownBy(() -> msal().acquireToken(ClientCredentialParameters.builder(
                Set.of("https://management.azure.com/.default")).build()).get())
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(MsalServiceException.class)
                .extracting(e -> ((MsalServiceException) e).errorCode()).isEqualTo("invalid_scope");
    }

    private ClientSecretCredential azureIdentity() throws Exception {
        HttpClient http = new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                .secure(spec -> spec.sslContext(sslContextFor(tls)))).build();
        return new ClientSecretCredentialBuilder()
                .authorityHost(URI.create(bootstrap.authorityHttps()).resolve("/").toString())
                .tenantId(bootstrap.tenantId())
                .clientId(bootstrap.clientId())
                .clientSecret(bootstrap.clientSecret())
                .disableInstanceDiscovery()
                .httpClient(http)
                .build();
    }

    private static io.netty.handler.ssl.SslContext sslContextFor(KeywardTls tls) {
        try {
            return SslContextBuilder.forClient().trustManager(tls.trustManagerFactory()).build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void azureIdentityGetsATokenWithOnlyTheAuthorityHostChanged() throws Exception {
        AccessToken token = azureIdentity().getTokenSync(new TokenRequestContext().addScopes("https://graph.microsoft.com/.default"));

        assertThat(SignedJWT.parse(token.getToken()).getJWTClaimsSet().getIssuer()).isEqualTo(bootstrap.authorityHttps() + "/v2.0");
    }

    @Test
    void azureIdentityAskingForKeywardsOwnOriginGetsAGraphToken() throws Exception {
        AccessToken token = azureIdentity().getTokenSync(new TokenRequestContext().addScopes("https://" + host + "/.default"));

        assertThat(SignedJWT.parse(token.getToken()).getJWTClaimsSet().getAudience()).containsExactly(bootstrap.scope().replace("/.default", ""));
    }

    /** The one extra line for a non-Microsoft host: Keyward's host among the provider's allowed hosts. */
    private GraphServiceClient graphSdk() throws Exception {
        AzureIdentityAuthenticationProvider authentication = new AzureIdentityAuthenticationProvider(azureIdentity(), new String[]{host});
        OkHttpClient http = GraphClientFactory.create().sslSocketFactory(tls.sslContext().getSocketFactory(), tls.trustManager()).build();
        GraphServiceClient graph = new GraphServiceClient(authentication, http);
        graph.getRequestAdapter().setBaseUrl(bootstrap.graphBaseUrlHttps());
        return graph;
    }

    @Test
    void theGraphSdkPagesThroughTheUsersOverHttpsWithItsPageIterator() throws Exception {
        GraphServiceClient graph = graphSdk();
        UserCollectionResponse first = graph.users().get(request -> {
            request.queryParameters.top = 2;
            request.queryParameters.select = new String[]{"id", "userPrincipalName"};
        });
        assertThat(first.getOdataNextLink()).as("more than one page").startsWith(bootstrap.graphBaseUrlHttps() + "/users?");
        List<String> names = new ArrayList<>();
        int[] pages = {1};
        PageIterator<User, UserCollectionResponse> iterator = new PageIterator.Builder<User, UserCollectionResponse>()
                .client(graph)
                .collectionPage(first)
                .collectionPageFactory(UserCollectionResponse::createFromDiscriminatorValue)
                .requestConfigurator(request -> {
                    pages[0]++;
                    return request;
                })
                .processPageItemCallback(user -> names.add(user.getUserPrincipalName()))
                .build();

        iterator.iterate();

        assertThat(names).contains("alice@contoso.keyward.local", "bob@contoso.keyward.local", bootstrap.adminUserPrincipalName())
                .doesNotHaveDuplicates();
        assertThat(pages[0]).as("pages fetched").isGreaterThan(2);
    }

    @Test
    void withoutKeywardAmongTheAllowedHostsTheSdkSendsNoTokenAndKeywardRefusesTheCall() throws Exception {
        AzureIdentityAuthenticationProvider authentication = new AzureIdentityAuthenticationProvider(azureIdentity(), new String[]{});
        OkHttpClient http = GraphClientFactory.create().sslSocketFactory(tls.sslContext().getSocketFactory(), tls.trustManager()).build();
        GraphServiceClient graph = new GraphServiceClient(authentication, http);
        graph.getRequestAdapter().setBaseUrl(bootstrap.graphBaseUrlHttps());

        assertThatThrownBy(() -> graph.users().get())
                .isInstanceOf(com.microsoft.graph.models.odataerrors.ODataError.class)
                .extracting(e -> ((com.microsoft.graph.models.odataerrors.ODataError) e).getResponseStatusCode()).isEqualTo(401);
    }
}

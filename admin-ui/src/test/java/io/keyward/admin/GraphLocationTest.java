package io.keyward.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphLocationTest {

    @Test
    void resolvesVersionedGraphPathsUnderTheServerBase() {
        GraphLocation graph = GraphLocation.of("https://login.example.com/keyward");

        assertThat(graph.v1("/users?$top=5")).hasToString("https://login.example.com/keyward/graph/v1.0/users?$top=5");
        assertThat(graph.beta("policies/authenticationMethodsPolicy"))
                .hasToString("https://login.example.com/keyward/graph/beta/policies/authenticationMethodsPolicy");
    }

    @Test
    void refusesAServerUrlThatIsNotHttp() {
        assertThatThrownBy(() -> GraphLocation.of("ftp://example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http or https");
    }
}

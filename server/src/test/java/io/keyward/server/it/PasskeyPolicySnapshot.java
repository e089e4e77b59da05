package io.keyward.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The passkey policy is one per tenant and every IT shares it. This extension notes it just before each test runs
 * (after the test's own {@code @BeforeEach}) and, after the test and its {@code @AfterEach} — also when the test
 * failed or was aborted — puts it back through Graph if the test changed it, so that no test leaves another a
 * different policy.
 */
final class PasskeyPolicySnapshot implements BeforeTestExecutionCallback, AfterEachCallback {

    static final String FIDO2 = "policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PasskeyPolicySnapshot.class);

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        GraphIT test = (GraphIT) context.getRequiredTestInstance();
        Graph.Reply policy = test.graph.get(FIDO2, test.admin);
        if (policy.status() != 200) {
            throw new IllegalStateException("Cannot note the passkey policy before " + context.getDisplayName() + ": " + policy);
        }
        context.getStore(NAMESPACE).put("policy", comparable(policy.json()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ObjectNode before = context.getStore(NAMESPACE).remove("policy", ObjectNode.class);
        if (before == null) {
            return;
        }
        GraphIT test = (GraphIT) context.getRequiredTestInstance();
        if (comparable(test.graph.get(FIDO2, test.admin).json()).equals(before)) {
            return;
        }
        Graph.Reply restored = test.graph.patch(FIDO2, test.admin, before.toString());
        if (restored.status() != 204) {
            throw new IllegalStateException("Cannot restore the passkey policy after " + context.getDisplayName() + ": " + restored);
        }
    }

    /** The configuration without its version and context annotations, as PATCH takes it back. */
    private static ObjectNode comparable(JsonNode policy) {
        ObjectNode copy = policy.deepCopy();
        copy.remove(java.util.List.of("@odata.context", "@odata.etag"));
        return copy;
    }
}

package io.keyward.admin;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.io.Serializable;

/**
 * A change of the passkey policy as the admin center makes it: first reviewed with the lockout preview (who the saved
 * policy would stop signing in, decided by the sign-in rule), then saved with one PATCH carrying the If-Match of the
 * policy as the page read it — so that a change another administrator saved meanwhile is refused (412), never
 * overwritten. A body that changed after its review is reviewed again instead of saved. Used by the passkey policy page
 * and the passkey profile page.
 */
final class ReviewedPolicyChange implements Serializable {

    static final String POLICY = "/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/fido2";
    static final String TYPE = "#microsoft.graph.fido2AuthenticationMethodConfiguration";

    private final String etag;
    private LockoutPreview lockout;
    private String reviewedBody;

    ReviewedPolicyChange(String etag) {
        this.etag = etag;
    }

    /** Computes the lockout preview of these PATCH properties; Save is offered once it was seen. */
    boolean review(Graph graph, JsonObject properties) {
        changed();
        try {
            lockout = LockoutPreview.of(graph, body(properties));
        } catch (GraphRefused refusal) {
            Messages.refused("The preview could not be computed. " + Messages.words(refusal));
            return false;
        }
        reviewedBody = body(properties).toString();
        return true;
    }

    /**
     * Saves the reviewed properties. When they are not the ones reviewed, reviews them instead and says so; a refusal
     * from Graph (a conflict, a role that cannot change the policy) is shown and nothing is saved.
     */
    boolean save(Graph graph, JsonObject properties) {
        if (!isReviewed() || !body(properties).toString().equals(reviewedBody)) {
            if (review(graph, properties)) {
                Messages.refused("The settings changed since the last review. Check who the change would lock out below, then save again.");
            }
            return false;
        }
        try {
            patch(graph, properties, etag);
        } catch (GraphRefused refusal) {
            Messages.refused(refusal);
            changed();
            return false;
        }
        return true;
    }

    /** Forgets the review: the settings on the page changed. */
    void changed() {
        lockout = null;
        reviewedBody = null;
    }

    /**
     * The one way the admin center changes the passkey policy: a PATCH of these properties (with {@code @odata.type})
     * carrying If-Match, so that a change saved by someone else since {@code etag} was read is refused (412), never
     * overwritten. Also used by the inventory's allow list.
     */
    static void patch(Graph graph, JsonObject properties, String etag) {
        graph.send("PATCH", POLICY, body(properties), etag);
    }

    private static JsonObject body(JsonObject properties) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("@odata.type", TYPE);
        properties.forEach((name, value) -> {
            if (!"@odata.type".equals(name)) {
                body.add(name, value);
            }
        });
        return body.build();
    }

    boolean isReviewed() {
        return lockout != null;
    }

    LockoutPreview lockout() {
        return lockout;
    }

    String etag() {
        return etag;
    }
}

package io.keyward.server.graph;

import io.keyward.server.platform.Actor;
import io.keyward.server.token.Caller;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;
import java.util.UUID;

/** What the Graph filters learn about the current request, for resources and the exception mapper. */
@RequestScoped
public class GraphRequest {

    private final String requestId = UUID.randomUUID().toString();
    private String clientRequestId;
    private Caller caller;
    private String operator;

    public String requestId() {
        return requestId;
    }

    public Optional<String> clientRequestId() {
        return Optional.ofNullable(clientRequestId);
    }

    void setClientRequestId(String clientRequestId) {
        this.clientRequestId = clientRequestId;
    }

    /** The authenticated caller; the authentication filter guarantees one before any resource runs. */
    public Caller caller() {
        if (caller == null) {
            throw new IllegalStateException("No authenticated caller on this request");
        }
        return caller;
    }

    void setCaller(Caller caller) {
        this.caller = caller;
    }

    void setOperator(String operator) {
        this.operator = operator;
    }

    /**
     * Who the audit log names for this request's changes: the caller; for an application acting for a person at a
     * kiosk (the enrollment station sends {@code X-Keyward-Operator}), the application and, as it reports, the
     * operator: "Keyward kiosk (operator: Jane Doe)". Control characters are dropped and the name is cut at 64.
     */
    public Actor actor() {
        Actor actor = caller().actor();
        if (operator == null || caller().isDelegated()) {
            return actor;
        }
        String name = operator.codePoints().filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        if (name.isEmpty()) {
            return actor;
        }
        name = name.length() > 64 ? name.substring(0, 64) : name;
        return new Actor(actor.kind(), actor.id(), (actor.displayName() == null ? "app" : actor.displayName()) + " (operator: " + name + ")");
    }
}

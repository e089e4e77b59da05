package io.keyward.server.graph;

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
}

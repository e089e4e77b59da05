package io.keyward.admin;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.util.List;

/** The dashboard's passkey coverage: users, and users with a passkey (Graph's registration details report). */
@Named
@RequestScoped
public class DashboardView {

    @Inject
    Graph graph;

    private int users;
    private int usersWithPasskey;
    private String error;

    @PostConstruct
    void load() {
        try {
            List<JsonObject> details = graph.list("/reports/authenticationMethods/userRegistrationDetails");
            users = details.size();
            usersWithPasskey = (int) details.stream().filter(d -> d.getJsonArray("methodsRegistered").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).anyMatch(m -> m.startsWith("passKey") || m.equals("fido2"))).count();
        } catch (GraphRefused refusal) {
            error = "Passkey coverage needs a role that reads reports (Global Reader, Reports Reader, Global Administrator). " + Messages.words(refusal);
        }
    }

    public int getUsers() { return users; }
    public int getUsersWithPasskey() { return usersWithPasskey; }
    public String getError() { return error; }
}

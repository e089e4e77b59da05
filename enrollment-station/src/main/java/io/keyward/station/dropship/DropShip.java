package io.keyward.station.dropship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.enrollment.Enrollment;
import io.keyward.station.enrollment.EnrollmentFailure;
import io.keyward.station.enrollment.EnrollmentResult;
import io.keyward.station.enrollment.PinSource;
import io.keyward.station.enrollment.StationReason;
import io.keyward.station.graph.CreationOptions;
import io.keyward.station.graph.Employee;
import io.keyward.station.graph.ProvisioningStatement;
import io.keyward.station.graph.GraphRefusal;
import io.keyward.station.graph.KeywardUnavailableException;
import io.keyward.station.graph.RegisteredPasskey;
import io.keyward.station.graph.StationGraph;
import io.keyward.station.key.UsbKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

/**
 * Drop-ship: keys mailed to remote staff. {@link #prepare} makes the credential now, with a challenge Keyward keeps
 * for up to 43,200 minutes (30 days, the beta creationOptions limit), and saves the key's answer to a file;
 * {@link #register} sends it to Keyward later, e.g. when the employee confirms the key arrived. The file holds no
 * PIN and nothing secret: a credential id and the key's attestation.
 */
public final class DropShip {

    public static final int MAX_MINUTES = 43_200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final StationGraph graph;
    private final Enrollment enrollment;
    private final Clock clock;

    public DropShip(StationGraph graph, Enrollment enrollment, Clock clock) {
        this.graph = graph;
        this.enrollment = enrollment;
        this.clock = clock;
    }

    public EnrollmentResult prepare(UsbKey key, Employee employee, EnrollmentProfile profile, PinSource pins, int minutes,
                                    Path file) throws EnrollmentFailure {
        if (minutes < 5 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException("a drop-ship challenge lasts 5 to " + MAX_MINUTES + " minutes");
        }
        return enrollment.enroll(key, employee, profile, pins, minutes, new Enrollment.Registrar() {
            @Override
            public RegisteredPasskey register(Employee user, String displayName, byte[] credentialId, byte[] clientData,
                                              byte[] attestation, CreationOptions options, ProvisioningStatement statement) {
                ObjectNode pending = JSON.createObjectNode()
                        .put("userId", user.id()).put("userPrincipalName", user.userPrincipalName())
                        .put("employee", user.displayName()).put("displayName", displayName)
                        .put("credentialId", B64.encodeToString(credentialId)).put("clientDataJSON", B64.encodeToString(clientData))
                        .put("attestationObject", B64.encodeToString(attestation))
                        .put("challengeExpires", options.challengeExpires().toString()).put("preparedAt", clock.instant().toString());
                statement.toJson(pending.putObject("provisioning"));
                try {
                    Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(pending));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot save the prepared key to " + file, e);
                }
                return new RegisteredPasskey("pending", displayName, "", "", "pending");
            }

            @Override
            public void withdraw(Employee user, RegisteredPasskey passkey) throws KeywardUnavailableException {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new KeywardUnavailableException("cannot delete " + file + ": " + e.getMessage(), e);
                }
            }

            @Override
            public String where() {
                return "the drop-ship file " + file;
            }
        });
    }

    /** Registers a prepared key; refuses locally, without asking Keyward, once its challenge has expired. */
    public RegisteredPasskey register(Path file) throws EnrollmentFailure, IOException {
        JsonNode pending = JSON.readTree(file.toFile());
        String employee = pending.path("employee").asText();
        String leftOnKey = "The passkey stays on the mailed key, unregistered: prepare a new key for " + employee
                + ", and have this one reset or its passkey deleted.";
        if (clock.instant().isAfter(Instant.parse(pending.path("challengeExpires").asText()))) {
            throw new EnrollmentFailure("challengeExpired", "The key prepared for " + employee + " waited too long: its"
                    + " registration expired at " + pending.path("challengeExpires").asText() + ". " + leftOnKey);
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        try {
            return graph.register(pending.path("userId").asText(), pending.path("displayName").asText(),
                    b64.decode(pending.path("credentialId").asText()), b64.decode(pending.path("clientDataJSON").asText()),
                    b64.decode(pending.path("attestationObject").asText()),
                    // a file from a station before the statement existed states nothing
                    pending.has("provisioning") ? ProvisioningStatement.fromJson(pending.get("provisioning")) : null);
        } catch (GraphRefusal refusal) {
            throw new EnrollmentFailure(refusal.code(), "Keyward refused the key prepared for " + employee + ": "
                    + refusal.getMessage() + " " + leftOnKey);
        } catch (KeywardUnavailableException e) {
            throw new EnrollmentFailure(StationReason.KEYWARD_UNREACHABLE.code(), e.getMessage()
                    + ". Nothing was registered; run the command again when Keyward is back.");
        }
    }
}

package io.keyward.station.batch;

import io.keyward.station.config.EnrollmentProfile;
import io.keyward.station.enrollment.Enrollment;
import io.keyward.station.enrollment.EnrollmentFailure;
import io.keyward.station.enrollment.EnrollmentResult;
import io.keyward.station.enrollment.PinSource;
import io.keyward.station.enrollment.StationReason;
import io.keyward.station.graph.Employee;
import io.keyward.station.graph.GraphRefusal;
import io.keyward.station.graph.KeywardUnavailableException;
import io.keyward.station.graph.StationGraph;
import io.keyward.station.key.UsbKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Enrolls keys for a list of employees, one after the other: "next: Jane Doe — insert a key". Every outcome is
 * appended to the result file at once, so a batch that stops (crash, pulled key, closed station) is resumed by
 * running it again with the same result file: employees already enrolled are skipped.
 */
public final class Batch {

    private final StationGraph graph;
    private final Enrollment enrollment;
    private final KeySlot slot;
    private final Consumer<String> operator;
    private final Duration keyWait;
    private final Consumer<EnrollmentResult> enrolled;

    /**
     * @param operator receives each line to show the operator (queue, progress, outcomes)
     * @param keyWait  how long to wait for a key per employee before recording {@code noKeyInserted}
     * @param enrolled receives each enrolled key (receipts)
     */
    public Batch(StationGraph graph, Enrollment enrollment, KeySlot slot, Consumer<String> operator, Duration keyWait,
                 Consumer<EnrollmentResult> enrolled) {
        this.graph = graph;
        this.enrollment = enrollment;
        this.slot = slot;
        this.operator = operator;
        this.keyWait = keyWait;
        this.enrolled = enrolled;
    }

    /** UPNs from a CSV file: the first column; a header line naming userPrincipalName and blank lines are skipped. */
    public static List<String> readUpns(Path csv) throws IOException {
        List<String> upns = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            String upn = Csv.fields(line.strip()).get(0).strip();
            if (!upn.isEmpty() && !upn.equalsIgnoreCase("userPrincipalName") && !upn.startsWith("#")) {
                upns.add(upn);
            }
        }
        return upns;
    }

    /** The UPNs of a security group's members. */
    public List<String> groupUpns(String groupId) throws GraphRefusal, KeywardUnavailableException {
        return graph.groupMembers(groupId).stream().map(Employee::userPrincipalName).toList();
    }

    public Summary run(List<String> upns, EnrollmentProfile profile, PinSource pins, Path results)
            throws IOException, InterruptedException {
        Set<String> done = alreadyEnrolled(results);
        if (!Files.exists(results)) {
            Files.writeString(results, BatchRow.HEADER + "\n", StandardCharsets.UTF_8);
        }
        Map<String, Integer> failures = new TreeMap<>();
        int enrolled = 0;
        int skipped = 0;
        for (int i = 0; i < upns.size(); i++) {
            String upn = upns.get(i);
            String progress = "[" + (i + 1) + "/" + upns.size() + "] ";
            if (done.contains(upn.toLowerCase())) {
                operator.accept(progress + upn + ": already enrolled in this batch, skipped.");
                skipped++;
                continue;
            }
            BatchRow row = enrollOne(upn, progress, profile, pins);
            Files.writeString(results, row.csv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            if (row.status().equals(BatchRow.ENROLLED)) {
                enrolled++;
            } else {
                failures.merge(row.reasonCode(), 1, Integer::sum);
            }
        }
        Summary summary = new Summary(upns.size(), enrolled, skipped, failures);
        operator.accept(summary.toString());
        return summary;
    }

    private BatchRow enrollOne(String upn, String progress, EnrollmentProfile profile, PinSource pins)
            throws InterruptedException {
        Employee employee;
        try {
            employee = graph.user(upn);
        } catch (GraphRefusal refusal) {
            operator.accept(progress + upn + ": " + (refusal.status() == 404 ? "no such user in Keyward." : refusal.getMessage()));
            return failed(upn, refusal.status() == 404 ? "Request_ResourceNotFound" : refusal.code());
        } catch (KeywardUnavailableException e) {
            operator.accept(progress + upn + ": " + e.getMessage());
            return failed(upn, StationReason.KEYWARD_UNREACHABLE.code());
        }
        try {
            Enrollment.checkEmployee(employee);
        } catch (EnrollmentFailure failure) {
            operator.accept(progress + "skipped [" + failure.reasonCode() + "]: " + failure.getMessage());
            return failed(upn, failure.reasonCode());
        }
        operator.accept(progress + "next: " + employee.displayName() + " (" + upn + ") — insert a key");
        Optional<UsbKey> key = slot.awaitKey(keyWait);
        if (key.isEmpty()) {
            operator.accept(progress + "no key was inserted for " + employee.displayName() + "; moving on.");
            return failed(upn, StationReason.NO_KEY.code());
        }
        try {
            EnrollmentResult result = enrollment.enroll(key.get(), employee, profile, pins);
            enrolled.accept(result);
            operator.accept(progress + employee.displayName() + ": enrolled (" + result.modelName() + ") — remove the key");
            return new BatchRow(upn, result.key().aaguid().toString(), result.modelName(),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(result.credentialId()), BatchRow.ENROLLED, "");
        } catch (EnrollmentFailure failure) {
            operator.accept(progress + employee.displayName() + ": not enrolled [" + failure.reasonCode() + "] "
                    + failure.getMessage() + " — remove the key");
            return failed(upn, failure.reasonCode());
        } finally {
            slot.awaitRemoval(Duration.ofMinutes(5));
        }
    }

    private static BatchRow failed(String upn, String reason) {
        return new BatchRow(upn, "", "", "", BatchRow.FAILED, reason);
    }

    private static Set<String> alreadyEnrolled(Path results) throws IOException {
        if (!Files.exists(results)) {
            return Set.of();
        }
        return Files.readAllLines(results, StandardCharsets.UTF_8).stream().skip(1).filter(line -> !line.isBlank())
                .map(BatchRow::parse).filter(row -> row.status().equals(BatchRow.ENROLLED))
                .map(row -> row.userPrincipalName().toLowerCase()).collect(Collectors.toSet());
    }

    /** Counts of the run; failures by reason code. */
    public record Summary(int employees, int enrolled, int skipped, Map<String, Integer> failures) {

        public Summary {
            failures = new LinkedHashMap<>(failures);
        }

        public int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }

        @Override
        public String toString() {
            return "Batch done: " + employees + " employees, " + enrolled + " enrolled, " + skipped + " already enrolled before, "
                    + failed() + " not enrolled" + (failures.isEmpty() ? "." : " " + failures + ".");
        }
    }
}

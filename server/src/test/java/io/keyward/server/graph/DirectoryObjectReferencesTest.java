package io.keyward.server.graph;

import io.keyward.server.platform.ReasonCode;
import io.keyward.server.platform.Refused;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code @odata.id} references as POSTed to {@code /groups/{id}/members/$ref}. */
class DirectoryObjectReferencesTest {

    private static final UUID ID = UUID.fromString("3e0a4d9b-2f6c-4b1a-9d7e-5c8f0a1b2c3d");

    @Test
    void graphDirectoryObjectsUrlGivesTheObjectId() {
        assertThat(DirectoryObjectReferences.objectId("https://graph.microsoft.com/v1.0/directoryObjects/" + ID)).isEqualTo(ID);
    }

    @Test
    void graphsOwnOdataIdWithATypeCastSegmentGivesTheObjectId() {
        assertThat(DirectoryObjectReferences.objectId(
                "https://graph.microsoft.com/v2/tenant/directoryObjects/" + ID + "/Microsoft.DirectoryServices.User")).isEqualTo(ID);
    }

    @Test
    void betaUrlGivesTheObjectId() {
        assertThat(DirectoryObjectReferences.objectId("https://graph.microsoft.com/beta/directoryObjects/" + ID)).isEqualTo(ID);
    }

    @Test
    void keywardsOwnHostGivesTheObjectId() {
        assertThat(DirectoryObjectReferences.objectId("https://keyward.contoso.example:8443/graph/v1.0/directoryObjects/" + ID))
                .isEqualTo(ID);
    }

    @Test
    void usersSegmentGivesTheObjectId() {
        assertThat(DirectoryObjectReferences.objectId("https://graph.microsoft.com/v1.0/users/" + ID)).isEqualTo(ID);
    }

    @Test
    void groupsSegmentGivesTheObjectId() {
        assertThat(DirectoryObjectReferences.objectId("https://graph.microsoft.com/v1.0/groups/" + ID)).isEqualTo(ID);
    }

    @Test
    void upperCaseGuidIsAccepted() {
        assertThat(DirectoryObjectReferences.objectId("https://graph.microsoft.com/v1.0/directoryObjects/" + ID.toString().toUpperCase()))
                .isEqualTo(ID);
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(DirectoryObjectReferences.objectId("  https://graph.microsoft.com/v1.0/directoryObjects/" + ID + "\n")).isEqualTo(ID);
    }

    @Test
    void relativeReferenceGivesTheObjectId() {
        assertThat(DirectoryObjectReferences.objectId("directoryObjects/" + ID)).isEqualTo(ID);
    }

    @Test
    void odataKeySyntaxGivesTheObjectId() {
        assertThat(DirectoryObjectReferences.objectId("https://graph.microsoft.com/v1.0/directoryObjects('" + ID + "')")).isEqualTo(ID);
    }

    @Test
    void odataKeySyntaxWithoutQuotesGivesTheObjectId() {
        assertThat(DirectoryObjectReferences.objectId("https://graph.microsoft.com/v1.0/users(" + ID + ")")).isEqualTo(ID);
    }

    @Test
    void odataKeySyntaxOnAnotherCollectionIsRefused() {
        assertInvalid("https://graph.microsoft.com/v1.0/applications('" + ID + "')",
                "must reference directoryObjects/{id}, users/{id} or groups/{id}");
    }

    @Test
    void otherCollectionIsRefused() {
        assertInvalid("https://graph.microsoft.com/v1.0/applications/" + ID,
                "must reference directoryObjects/{id}, users/{id} or groups/{id}");
    }

    @Test
    void subResourceOfAUserIsRefused() {
        assertInvalid("https://graph.microsoft.com/v1.0/users/" + ID + "/manager", "must reference directoryObjects/{id}");
    }

    @Test
    void idThatIsNotAGuidIsRefused() {
        assertInvalid("https://graph.microsoft.com/v1.0/directoryObjects/jane@contoso.example",
                "Invalid object identifier 'jane@contoso.example'");
    }

    @Test
    void guidOfTheWrongLengthIsRefused() {
        assertInvalid("https://graph.microsoft.com/v1.0/directoryObjects/1-2-3-4-5", "Invalid object identifier '1-2-3-4-5'");
    }

    @Test
    void guidWithNonHexDigitsIsRefused() {
        assertInvalid("https://graph.microsoft.com/v1.0/directoryObjects/zzzzzzzz-2f6c-4b1a-9d7e-5c8f0a1b2c3d",
                "Invalid object identifier 'zzzzzzzz-2f6c-4b1a-9d7e-5c8f0a1b2c3d'");
    }

    @Test
    void textThatIsNotAUrlIsRefused() {
        assertInvalid("not a reference at all", "is not a valid directory object reference URL");
    }

    @Test
    void emptyReferenceIsRefused() {
        assertInvalid("", "is not a valid directory object reference URL");
    }

    @Test
    void opaqueUriIsRefused() {
        assertInvalid("mailto:jane@contoso.example", "is not a valid directory object reference URL");
    }

    @Test
    void bareGuidWithoutCollectionIsRefused() {
        assertInvalid(ID.toString(), "is not a valid directory object reference URL");
    }

    private static void assertInvalid(String reference, String... words) {
        Refused refused = catchThrowableOfType(Refused.class, () -> DirectoryObjectReferences.objectId(reference));

        assertThat(refused).as("refusal of '%s'", reference).isNotNull();
        assertThat(refused.reason()).isEqualTo(ReasonCode.INVALID_REQUEST);
        assertThat(refused.getMessage()).contains(List.of(words));
    }
}

package io.keyward.station.maintenance;

import com.yubico.yubikit.core.application.CommandException;
import com.yubico.yubikit.core.fido.CtapException;
import com.yubico.yubikit.fido.ctap.ClientPin;
import com.yubico.yubikit.fido.ctap.CredentialManagement;
import com.yubico.yubikit.fido.ctap.Ctap2Session;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocol;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocolV1;
import com.yubico.yubikit.fido.ctap.PinUvAuthProtocolV2;
import io.keyward.station.enrollment.EnrollmentFailure;
import io.keyward.station.enrollment.KeyErrors;
import io.keyward.station.enrollment.KeyFacts;
import io.keyward.station.enrollment.StationReason;
import io.keyward.station.key.HidFidoConnection;
import io.keyward.station.key.KeyUnavailableException;
import io.keyward.station.key.UsbKey;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Help-desk work on a key: list its passkeys, delete one, rewrite the user name and display name stored with one
 * after a UPN change (CTAP 2.1 updateUserInformation), factory reset. Keyward is not involved: deleting a passkey
 * from a key does not delete it in Keyward, and the other way round.
 */
public final class KeyMaintenance {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private interface Work<T> {
        T run(CredentialManagement management) throws IOException, CommandException, EnrollmentFailure;
    }

    public List<StoredPasskey> list(UsbKey key, char[] pin) throws EnrollmentFailure {
        return withManagement(key, pin, management -> {
            List<StoredPasskey> passkeys = new ArrayList<>();
            if (management.getMetadata().getExistingResidentCredentialsCount() == 0) {
                return passkeys;
            }
            for (CredentialManagement.RpData rp : management.enumerateRps()) {
                for (CredentialManagement.CredentialData credential : management.enumerateCredentials(rp.getRpIdHash())) {
                    passkeys.add(new StoredPasskey(String.valueOf(rp.getRp().get("id")), String.valueOf(credential.getUser().get("name")),
                            String.valueOf(credential.getUser().get("displayName")),
                            B64.encodeToString((byte[]) credential.getCredentialId().get("id"))));
                }
            }
            return passkeys;
        });
    }

    public void delete(UsbKey key, char[] pin, String credentialId) throws EnrollmentFailure {
        withManagement(key, pin, management -> {
            management.deleteCredential(find(management, credentialId).getCredentialId());
            return null;
        });
    }

    /** updateUserInformation: same user id, new user name and display name on the key. */
    public void rewriteUser(UsbKey key, char[] pin, String credentialId, String userName, String displayName)
            throws EnrollmentFailure {
        withManagement(key, pin, management -> {
            if (!management.isUpdateUserInformationSupported()) {
                throw new EnrollmentFailure(StationReason.KEY_ERROR, "This key cannot rewrite the user stored with a passkey"
                        + " (no CTAP 2.1 updateUserInformation). Delete the passkey and enroll the key again.");
            }
            CredentialManagement.CredentialData credential = find(management, credentialId);
            management.updateUserInformation(credential.getCredentialId(),
                    Map.of("id", credential.getUser().get("id"), "name", userName, "displayName", displayName));
            return null;
        });
    }

    /** Factory reset: every passkey and the PIN are erased. Keys allow it only just after being plugged in. */
    public void reset(UsbKey key) throws EnrollmentFailure {
        try (HidFidoConnection connection = key.open(); Ctap2Session session = new Ctap2Session(connection)) {
            session.reset(null);
        } catch (CtapException e) {
            if (e.getCtapError() == CtapException.ERR_NOT_ALLOWED) {
                throw new EnrollmentFailure(StationReason.RESET_NOT_ALLOWED, "A key can only be reset in the first 10"
                        + " seconds after it is plugged in. Pull it out, insert it again and reset at once.");
            }
            throw KeyErrors.translate(e, -1);
        } catch (KeyUnavailableException e) {
            throw new EnrollmentFailure(StationReason.KEY_REMOVED, "The key was pulled out: it was not reset.");
        } catch (IOException | CommandException e) {
            throw new EnrollmentFailure(StationReason.KEY_ERROR, "The key could not be reset: " + e.getMessage());
        }
    }

    private static CredentialManagement.CredentialData find(CredentialManagement management, String credentialId)
            throws IOException, CommandException, EnrollmentFailure {
        if (management.getMetadata().getExistingResidentCredentialsCount() > 0) {
            for (CredentialManagement.RpData rp : management.enumerateRps()) {
                for (CredentialManagement.CredentialData credential : management.enumerateCredentials(rp.getRpIdHash())) {
                    if (B64.encodeToString((byte[]) credential.getCredentialId().get("id")).equals(credentialId)) {
                        return credential;
                    }
                }
            }
        }
        throw new EnrollmentFailure(StationReason.KEY_ERROR, "The key holds no passkey with credential id " + credentialId + ".");
    }

    private static <T> T withManagement(UsbKey key, char[] pin, Work<T> work) throws EnrollmentFailure {
        int retries = -1;
        try (HidFidoConnection connection = key.open(); Ctap2Session session = new Ctap2Session(connection)) {
            KeyFacts facts = KeyFacts.of(session.getInfo());
            if (!facts.credentialManagement()) {
                throw new EnrollmentFailure(StationReason.KEY_ERROR, "This key cannot list or delete single passkeys (it"
                        + " has no CTAP 2.1 credential management); only a reset removes them.");
            }
            PinUvAuthProtocol protocol = facts.pinUvAuthProtocols().contains(2) ? new PinUvAuthProtocolV2() : new PinUvAuthProtocolV1();
            ClientPin clientPin = new ClientPin(session, protocol);
            retries = clientPin.getPinRetries().getCount() - 1;
            byte[] token = clientPin.getPinToken(pin, ClientPin.PIN_PERMISSION_CM, null);
            return work.run(new CredentialManagement(session, protocol, token));
        } catch (CtapException e) {
            throw KeyErrors.translate(e, retries);
        } catch (KeyUnavailableException e) {
            throw new EnrollmentFailure(StationReason.KEY_REMOVED, "The key was pulled out before the change was made.");
        } catch (IOException | CommandException e) {
            throw new EnrollmentFailure(StationReason.KEY_ERROR, "The key could not be used: " + e.getMessage());
        } finally {
            Arrays.fill(pin, '\0');
        }
    }
}

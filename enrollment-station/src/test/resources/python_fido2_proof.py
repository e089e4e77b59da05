"""An independent CTAP2 client (Debian's python3-fido2) against the first USB FIDO device it finds.

Prints one JSON object: what getInfo said, whether the PIN (protocol 2) worked, and the packed attestation of a
discoverable credential as python-fido2's own attestation verifier judged it. Run by Debian's /usr/bin/python3.
"""
import hashlib
import json
import sys

from fido2.attestation import Attestation
from fido2.ctap2 import Ctap2
from fido2.ctap2.pin import ClientPin, PinProtocolV2
from fido2.hid import CtapHidDevice

pin = sys.argv[1]
devices = list(CtapHidDevice.list_devices())
device = devices[0]
ctap = Ctap2(device)
info = ctap.get_info()
client_pin = ClientPin(ctap, PinProtocolV2())
client_pin.set_pin(pin)
token = client_pin.get_pin_token(pin, ClientPin.PERMISSION.MAKE_CREDENTIAL, "proof.keyward.test")
client_data_hash = hashlib.sha256(b"python-fido2 proof").digest()
credential = ctap.make_credential(
    client_data_hash,
    {"id": "proof.keyward.test", "name": "Keyward proof"},
    {"id": b"user-1", "name": "proof@keyward.test", "displayName": "Proof User"},
    [{"type": "public-key", "alg": -7}],
    options={"rk": True},
    pin_uv_param=client_pin.protocol.authenticate(token, client_data_hash),
    pin_uv_protocol=client_pin.protocol.VERSION,
)
result = Attestation.for_type(credential.fmt)().verify(credential.att_statement, credential.auth_data, client_data_hash)
print(json.dumps({
    "devices": len(devices),
    "versions": info.versions,
    "aaguid": bytes(info.aaguid).hex(),
    "pinRetries": client_pin.get_pin_retries()[0],
    "fmt": credential.fmt,
    "attestationType": result.attestation_type.name,
    "credentialAaguid": bytes(credential.auth_data.credential_data.aaguid).hex(),
    "userVerified": credential.auth_data.is_user_verified(),
}))

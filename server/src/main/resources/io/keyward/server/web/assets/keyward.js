// Shared by the Keyward pages: JSON calls to the server, WebAuthn through the browser's JSON helpers
// (WebAuthn L3 §5.1.8/§5.1.9 parse…FromJSON, §5.1 toJSON), and messages people can read.

/** Answer of {@link call}: ok with data, or refused with a reason code and a sentence to show. */
export class Refusal extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** The words shown for what goes wrong in the browser rather than on the server. Codes are documented in docs/sign-in.md. */
const BROWSER_REFUSALS = {
  networkError: 'Keyward cannot be reached. Check your connection and try again.',
  serverError: 'Something went wrong on our side. Try again in a moment.',
  passkeysNotSupported: 'This browser cannot use passkeys. Use an up-to-date browser, or sign in another way.',
  passkeyCancelled: 'The passkey request was cancelled or timed out. Try again when you are ready.',
  passkeyAlreadyOnDevice: 'This authenticator already holds a passkey for your account. Use another one, or sign in with the one you have.',
  passkeyAddressNotAllowed: 'Passkeys cannot be used on this address. Open Keyward at the address your administrator gave you.',
  passkeyBrowserError: 'Your browser could not complete the passkey request. Try again.',
  userNameRequired: 'Type your user name first, or sign in with a passkey.',
  passkeyNameRequired: 'Type a name for the passkey.',
};

/**
 * Refusals about the ceremony's plumbing rather than the person: the server's sentence names timestamps and
 * purposes, so the page says what to do instead. The reason code is kept.
 */
const RESTATED = {
  challengeExpired: 'That took too long and the request expired. Please start again.',
  challengeNotFound: 'That request is no longer valid. Please start again.',
  // The server names the WebAuthn check that failed, for administrators and logs; people get what to do.
  invalidAssertionResponse: 'Your passkey\'s answer could not be accepted. Try again, or use another passkey.',
  invalidAttestationResponse: 'This passkey could not be added: the authenticator\'s answer was not accepted. Try again, or use another authenticator.',
  invalidAttestationStatement: 'This security key could not prove what model it is, so it cannot be added. Use another security key, or ask your administrator.',
  unsupportedAttestationFormat: 'This kind of authenticator cannot be used here. Use another one.',
  // The policy's own sentences name the model's AAGUID and the counter values, for administrators and logs.
  aaguidNotAllowed: 'Your organization does not allow this make and model of passkey. Use a passkey or security key your organization has approved.',
  attestationRequired: 'Your organization requires proof of which make and model a passkey is, and this one gave none. Use a security key your organization has approved.',
  attestationNotTrusted: 'Your organization could not confirm who made this passkey. Use a security key your organization has approved.',
  authenticatorCompromised: 'The maker of this kind of security key reported it compromised, so it cannot be used. Use another one.',
  signCountRegression: 'This passkey\'s signature counter went backwards, a sign that it may have been copied. Sign-in refused; your administrator can see it flagged.',
  // Graph's not-found sentence names the resource id; the pages only ever ask for the person's own things.
  Request_ResourceNotFound: 'That is no longer there: it may have been deleted in another window. The page has been brought up to date.',
};

export function browserRefusal(code) {
  return new Refusal(code, BROWSER_REFUSALS[code]);
}

/**
 * POSTs (or sends `method`) JSON and returns the parsed answer; throws a Refusal with the server's code and words.
 * `serverWords` keeps the server's sentence for the policy codes, when the server already worded it for people
 * (Security info names the model).
 */
export async function call(path, { method = 'POST', body, serverWords = false } = {}) {
  let response;
  // Writes always carry JSON: the server refuses other content types on its sign-in and Security info API (CSRF).
  const payload = body === undefined && ['POST', 'PUT', 'PATCH'].includes(method) ? {} : body;
  try {
    response = await fetch(path, {
      method,
      headers: payload === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
      credentials: 'same-origin',
    });
  } catch {
    throw browserRefusal('networkError');
  }
  if (response.status === 204) {
    return null;
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    // Not JSON: a proxy's or server's error page. Its text is never shown.
  }
  if (response.ok && data !== null) {
    return data;
  }
  const error = data && data.error;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const ceremony = ['challengeExpired', 'challengeNotFound', 'invalidAssertionResponse', 'invalidAttestationResponse',
      'unsupportedAttestationFormat'].includes(error.code);
    throw new Refusal(error.code, ((ceremony || !serverWords) && RESTATED[error.code]) || error.message);
  }
  throw browserRefusal('serverError');
}

export function webAuthnAvailable() {
  return typeof window.PublicKeyCredential === 'function'
    && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function'
    && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function';
}

/** Maps a DOMException of navigator.credentials to a Refusal; AbortError is returned as null (we aborted it). */
export function fromBrowserError(error) {
  if (error instanceof Refusal) {
    return error;
  }
  switch (error && error.name) {
    case 'AbortError': return null;
    case 'NotAllowedError': return browserRefusal('passkeyCancelled');
    case 'InvalidStateError': return browserRefusal('passkeyAlreadyOnDevice');
    case 'SecurityError': return browserRefusal('passkeyAddressNotAllowed');
    case 'NotSupportedError': return browserRefusal('passkeysNotSupported');
    default: return browserRefusal('passkeyBrowserError');
  }
}

/** Gets an assertion for request options from the server; `mediation` 'conditional' for autofill. */
export async function getAssertion(options, { mediation, signal } = {}) {
  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(options.publicKey);
  const credential = await navigator.credentials.get({ publicKey, mediation, signal });
  return credential.toJSON();
}

/** Creates a credential for creation options from the server. */
export async function createCredential(options) {
  const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(options.publicKey);
  const credential = await navigator.credentials.create({ publicKey });
  return credential.toJSON();
}

/**
 * Shows a message: `outcome` 'refused' (with the reason code in data-reason, which tests and support read)
 * or 'success'. Text only: nothing from the server is ever parsed as HTML.
 */
export function show(element, outcome, text, code = '') {
  element.textContent = text;
  element.dataset.outcome = outcome;
  element.dataset.reason = code;
  element.hidden = false;
}

export function showRefusal(element, refusal) {
  show(element, 'refused', refusal.message, refusal.code);
}

export function clear(element) {
  element.hidden = true;
  element.textContent = '';
  element.dataset.outcome = '';
  element.dataset.reason = '';
}

/** Moves keyboard focus to an element (made focusable if it is a heading) and keeps it in view. */
export function focus(element) {
  if (element) {
    element.focus({ preventScroll: false });
  }
}

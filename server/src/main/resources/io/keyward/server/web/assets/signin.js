// The sign-in page: passkey in the autofill list (conditional UI), "Sign in with a passkey" (usernameless),
// and, once a name is typed, the user's passkey, a Temporary Access Pass or a password.
import { call, clear, fromBrowserError, getAssertion, showRefusal, browserRefusal, webAuthnAvailable } from './keyward.js';

const $ = (id) => document.getElementById(id);
const message = $('signin-message');
const nameForm = $('signin-name-form');
const nameInput = $('signin-name');
const methods = $('signin-methods');

/** The pending conditional request, aborted before any modal one: a browser runs one WebAuthn request at a time. */
let conditional = null;

function signedIn(result) {
  window.location.assign(result && typeof result.next === 'string' && result.next.startsWith('/') && !result.next.startsWith('//') ? result.next : '/myaccount');
}

async function startConditionalUi() {
  if (!webAuthnAvailable() || typeof PublicKeyCredential.isConditionalMediationAvailable !== 'function'
      || !(await PublicKeyCredential.isConditionalMediationAvailable())) {
    nameForm.dataset.conditionalUi = 'unavailable';
    return;
  }
  const controller = new AbortController();
  const done = (async () => {
    try {
      const options = await call('/signin/passkey/options', { body: {} });
      const assertion = await getAssertion(options, { mediation: 'conditional', signal: controller.signal });
      signedIn(await call('/signin/passkey', { body: assertion }));
    } catch (error) {
      const refusal = fromBrowserError(error);
      // A refused autofill choice is worth saying; a cancelled or aborted one is not.
      if (refusal && refusal.code !== 'passkeyCancelled') {
        showRefusal(message, refusal);
      }
    }
  })();
  conditional = { controller, done };
  nameForm.dataset.conditionalUi = 'started';
}

async function stopConditionalUi() {
  if (conditional) {
    const { controller, done } = conditional;
    conditional = null;
    controller.abort();
    await done;
  }
}

/** A modal passkey sign-in, usernameless or for the named user. */
async function signInWithPasskey(userPrincipalName) {
  clear(message);
  if (!webAuthnAvailable()) {
    showRefusal(message, browserRefusal('passkeysNotSupported'));
    return;
  }
  await stopConditionalUi();
  try {
    const options = await call('/signin/passkey/options', { body: userPrincipalName ? { userPrincipalName } : {} });
    const assertion = await getAssertion(options);
    signedIn(await call('/signin/passkey', { body: assertion }));
  } catch (error) {
    const refusal = fromBrowserError(error);
    if (refusal) {
      showRefusal(message, refusal);
    }
    // Offer the autofill again for the next attempt.
    startConditionalUi();
  }
}

async function signInWithSecret(path, field, input) {
  clear(message);
  try {
    const result = await call(path, { body: { userPrincipalName: nameInput.value.trim(), [field]: input.value } });
    await stopConditionalUi();
    signedIn(result);
  } catch (error) {
    input.value = '';
    showRefusal(message, fromBrowserError(error));
  }
}

nameForm.addEventListener('submit', (event) => {
  event.preventDefault();
  clear(message);
  const name = nameInput.value.trim();
  if (!name) {
    showRefusal(message, { code: 'userNameRequired', message: 'Type your user name first, or sign in with a passkey.' });
    nameInput.focus();
    return;
  }
  $('signin-methods-name').textContent = name;
  methods.hidden = false;
  $('signin-user-passkey').focus();
});

$('signin-change-name').addEventListener('click', () => {
  methods.hidden = true;
  clear(message);
  nameInput.focus();
});

$('signin-passkey').addEventListener('click', () => signInWithPasskey(null));
$('signin-user-passkey').addEventListener('click', () => signInWithPasskey(nameInput.value.trim()));
$('signin-tap-form').addEventListener('submit', (event) => {
  event.preventDefault();
  signInWithSecret('/signin/temporary-access-pass', 'temporaryAccessPass', $('signin-tap'));
});
$('signin-password-form').addEventListener('submit', (event) => {
  event.preventDefault();
  signInWithSecret('/signin/password', 'password', $('signin-password'));
});

// An app's authorization request may name the account (login_hint): start from it.
nameInput.value = new URLSearchParams(window.location.search).get('login_hint') ?? '';
startConditionalUi();

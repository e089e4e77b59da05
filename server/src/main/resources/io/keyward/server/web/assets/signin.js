// The sign-in page, one step at a time: the name (with passkeys in its autofill list, and "Sign in with a passkey"
// for usernameless sign-in); then, for that name, a passkey; "Other ways to sign in" behind a link: a Temporary
// Access Pass or a password, each on its own step.
import { call, clear, focus, fromBrowserError, getAssertion, show, showRefusal, browserRefusal, webAuthnAvailable } from './keyward.js';

const $ = (id) => document.getElementById(id);
const page = $('signin');
const message = $('signin-message');
const nameForm = $('signin-name-form');
const nameInput = $('signin-name');

/** Each step: what it shows, and which control gets the keyboard focus when it opens. */
const STEPS = {
  name: { section: 'signin-step-name', focus: 'signin-name' },
  passkey: { section: 'signin-step-passkey', focus: 'signin-user-passkey' },
  other: { section: 'signin-step-other', focus: 'signin-choose-tap' },
  tap: { section: 'signin-tap-form', focus: 'signin-tap' },
  password: { section: 'signin-password-form', focus: 'signin-password' },
};

function showStep(step) {
  page.dataset.step = step;
  $('signin-methods').hidden = step === 'name';
  for (const [name, { section }] of Object.entries(STEPS)) {
    $(section).hidden = name !== step;
  }
  focus($(STEPS[step].focus));
}

/** The pending conditional request, aborted before any modal one: a browser runs one WebAuthn request at a time. */
let conditional = null;

function signedIn(result) {
  window.location.assign(result && typeof result.next === 'string' && result.next.startsWith('/') && !result.next.startsWith('//') && !result.next.includes('\\') ? result.next : '/myaccount');
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

/** A modal passkey sign-in: usernameless, or bound to the name the person typed. */
async function signInWithPasskey(userPrincipalName, button) {
  clear(message);
  if (!webAuthnAvailable()) {
    showRefusal(message, browserRefusal('passkeysNotSupported'));
    return;
  }
  await stopConditionalUi();
  button.disabled = true;
  try {
    const options = await call('/signin/passkey/options', { body: userPrincipalName ? { userPrincipalName } : {} });
    const assertion = await getAssertion(options);
    signedIn(await call('/signin/passkey', { body: assertion }));
  } catch (error) {
    const refusal = fromBrowserError(error);
    if (refusal) {
      showRefusal(message, refusal);
    }
    button.disabled = false;
    focus(button);
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
    focus(input);
  }
}

nameForm.addEventListener('submit', (event) => {
  event.preventDefault();
  clear(message);
  const name = nameInput.value.trim();
  if (!name) {
    showRefusal(message, browserRefusal('userNameRequired'));
    focus(nameInput);
    return;
  }
  $('signin-methods-name').textContent = name;
  showStep('passkey');
});

$('signin-change-name').addEventListener('click', () => {
  clear(message);
  showStep('name');
});

$('signin-passkey').addEventListener('click', (event) => signInWithPasskey(null, event.currentTarget));
$('signin-user-passkey').addEventListener('click', (event) => signInWithPasskey(nameInput.value.trim(), event.currentTarget));
$('signin-other-ways').addEventListener('click', () => { clear(message); showStep('other'); });
$('signin-back-to-passkey').addEventListener('click', () => { clear(message); showStep('passkey'); });
$('signin-choose-tap').addEventListener('click', () => { clear(message); showStep('tap'); });
$('signin-choose-password').addEventListener('click', () => { clear(message); showStep('password'); });
document.querySelectorAll('.signin-back-to-other').forEach((link) => link.addEventListener('click', () => {
  clear(message);
  showStep('other');
}));
$('signin-tap-form').addEventListener('submit', (event) => {
  event.preventDefault();
  signInWithSecret('/signin/temporary-access-pass', 'temporaryAccessPass', $('signin-tap'));
});
$('signin-password-form').addEventListener('submit', (event) => {
  event.preventDefault();
  signInWithSecret('/signin/password', 'password', $('signin-password'));
});
// Esc goes one step back, as a dialog's Cancel would.
document.addEventListener('keydown', (event) => {
  const back = { passkey: 'name', other: 'passkey', tap: 'other', password: 'other' }[page.dataset.step];
  if (event.key === 'Escape' && back) {
    clear(message);
    showStep(back);
  }
});

// Arrivals: from an invitation (?username=, the address it was sent to), an app (?login_hint=) or "Sign out" (?signedout).
const arrival = new URLSearchParams(window.location.search);
// An app's authorization request may name the account (login_hint): start from it too.
if (arrival.has('username') || arrival.has('login_hint')) {
  nameInput.value = arrival.get('username') ?? arrival.get('login_hint');
}
if (arrival.has('signedout')) {
  show(message, 'success', 'You have signed out. Close the browser if this is a shared computer.', 'signedOut');
}
focus(nameInput);
startConditionalUi();
// An app sent the browser here although it is signed in: its sign-in falls short of what the app's conditional access
// asks. Say what the app needs (the qualifying passkey models, for example) before the person tries.
if (arrival.has('requirement')) {
  call('/signin/requirement', { method: 'GET' }).then((missing) => {
    if (missing && typeof missing.message === 'string' && typeof missing.code === 'string' && message.hidden) {
      show(message, 'refused', missing.message, missing.code);
    }
  }).catch(() => { /* nothing to add: the person can still sign in, and a refusal would explain itself */ });
}

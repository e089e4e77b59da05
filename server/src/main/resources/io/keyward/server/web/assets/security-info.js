// Security info: my passkeys (name, model, AAGUID, dates, flags), add one, rename, delete, sign out.
import { Refusal, call, clear, createCredential, fromBrowserError, show, showRefusal, browserRefusal, webAuthnAvailable } from './keyward.js';

const $ = (id) => document.getElementById(id);
const page = $('security-info');
const message = $('security-info-message');
const list = $('passkeys');
const template = $('passkey-template');

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const formatDate = (iso) => (iso ? dateFormat.format(new Date(iso)) : 'Never');

/** What the passkey's type means to a person (Graph passkeyType). */
const TYPES = { deviceBound: 'On this device or key', synced: 'Synced' };

/** Words for the suspect reasons a passkey can carry (reason codes, docs/sign-in.md). */
const SUSPECT = {
  signCountRegression: 'Flagged: this passkey\u2019s signature counter went backwards, a sign that it may have been copied. '
    + 'It cannot be used to sign in. Delete it and contact your administrator.',
};

function toSignIn() {
  window.location.assign('/signin');
}

async function load() {
  let me;
  try {
    me = await call('/myaccount', { method: 'GET' });
  } catch (error) {
    if (error instanceof Refusal && error.code === 'unauthenticated') {
      toSignIn();
      return;
    }
    showRefusal(message, fromBrowserError(error));
    return;
  }
  $('account-name').textContent = me.displayName;
  $('account-upn').textContent = me.userPrincipalName;
  $('account').hidden = false;
  render(me.passkeys);
  page.dataset.state = 'ready';
}

function render(passkeys) {
  list.replaceChildren(...passkeys.map(item));
  $('passkeys-empty').hidden = passkeys.length > 0;
  list.dataset.count = String(passkeys.length);
}

function item(passkey) {
  const li = template.content.firstElementChild.cloneNode(true);
  const part = (cls) => li.querySelector('.' + cls);
  li.dataset.passkeyId = passkey.id;
  li.dataset.aaguid = passkey.aaGuid;
  part('passkey-name').textContent = passkey.displayName;
  part('passkey-type').textContent = TYPES[passkey.passkeyType] || passkey.passkeyType;
  part('passkey-type').dataset.passkeyType = passkey.passkeyType;
  part('passkey-model').textContent = passkey.model || 'Unknown model';
  part('passkey-aaguid').textContent = passkey.aaGuid;
  part('passkey-created').textContent = formatDate(passkey.createdDateTime);
  part('passkey-last-used').textContent = formatDate(passkey.lastUsedDateTime);
  if (passkey.isRegisteredUnderPreviousUserPrincipalName) {
    const flag = part('passkey-flag-previous-upn');
    flag.textContent = `Registered under a previous user name (${passkey.registeredUserPrincipalName}). `
      + 'It still signs you in; your security key may show the old name.';
    flag.dataset.registeredUserPrincipalName = passkey.registeredUserPrincipalName;
    flag.hidden = false;
  }
  if (passkey.suspectReason) {
    const flag = part('passkey-flag-suspect');
    flag.textContent = SUSPECT[passkey.suspectReason] || 'Flagged by Keyward: this passkey cannot be used to sign in. Contact your administrator.';
    flag.dataset.reason = passkey.suspectReason;
    flag.hidden = false;
  }
  wireRename(li, passkey);
  wireDelete(li, passkey);
  return li;
}

function wireRename(li, passkey) {
  const form = li.querySelector('.passkey-rename-form');
  const input = li.querySelector('.passkey-rename-input');
  li.querySelector('.passkey-rename').addEventListener('click', () => {
    input.value = passkey.displayName;
    form.hidden = false;
    input.focus();
  });
  li.querySelector('.passkey-rename-cancel').addEventListener('click', () => { form.hidden = true; });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(message);
    try {
      const renamed = await call(`/myaccount/passkeys/${encodeURIComponent(passkey.id)}`, {
        method: 'PATCH', body: { displayName: input.value.trim() },
      });
      show(message, 'success', `Renamed to \u201c${renamed.displayName}\u201d.`);
      await reload();
    } catch (error) {
      showRefusal(message, fromBrowserError(error));
    }
  });
}

function wireDelete(li, passkey) {
  const confirmation = li.querySelector('.passkey-delete-confirmation');
  li.querySelector('.passkey-delete').addEventListener('click', () => { confirmation.hidden = false; });
  li.querySelector('.passkey-delete-cancel').addEventListener('click', () => { confirmation.hidden = true; });
  li.querySelector('.passkey-delete-confirm').addEventListener('click', async () => {
    clear(message);
    try {
      await call(`/myaccount/passkeys/${encodeURIComponent(passkey.id)}`, { method: 'DELETE' });
      show(message, 'success', `Deleted \u201c${passkey.displayName}\u201d.`);
      await reload();
    } catch (error) {
      showRefusal(message, fromBrowserError(error));
    }
  });
}

async function reload() {
  try {
    render((await call('/myaccount', { method: 'GET' })).passkeys);
  } catch (error) {
    if (error instanceof Refusal && error.code === 'unauthenticated') {
      toSignIn();
    }
  }
}

$('add-passkey-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clear(message);
  const button = $('add-passkey');
  if (!webAuthnAvailable()) {
    showRefusal(message, browserRefusal('passkeysNotSupported'));
    return;
  }
  button.disabled = true;
  page.dataset.state = 'adding';
  try {
    const options = await call('/myaccount/passkeys/options');
    const credential = await createCredential(options);
    const name = $('add-passkey-name').value.trim();
    const added = await call('/myaccount/passkeys', { body: name ? { credential, displayName: name } : { credential } });
    $('add-passkey-name').value = '';
    show(message, 'success', `Passkey \u201c${added.displayName}\u201d added. You can now sign in with it.`);
    message.dataset.passkeyId = added.id;
    await reload();
  } catch (error) {
    const refusal = fromBrowserError(error);
    if (refusal) {
      showRefusal(message, refusal);
    }
  } finally {
    button.disabled = false;
    page.dataset.state = 'ready';
  }
});

$('sign-out').addEventListener('click', async () => {
  try {
    await call('/signin/signout');
  } finally {
    toSignIn();
  }
});

load();

// Security info: my passkeys with what each can do now (usable, blocked by the organization, flagged, registered under
// an old name), add one (or why I can't), rename, delete, sign out. Keyboard focus always lands somewhere useful.
import {
  Refusal, browserRefusal, call, clear, createCredential, focus, fromBrowserError, show, showRefusal, webAuthnAvailable,
} from './keyward.js';

const $ = (id) => document.getElementById(id);
const page = $('security-info');
const message = $('security-info-message');
const list = $('passkeys');
const template = $('passkey-template');

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const formatDate = (iso) => (iso ? dateFormat.format(new Date(iso)) : 'Never');

/** How each kind of passkey is called (Security info JSON `kind`, docs/sign-in.md). */
const KINDS = { securityKey: 'Security key', device: 'Passkey on this device', synced: 'Synced passkey' };

/** The badge for each state (JSON `state`); the sentence under it comes from the server. */
const STATES = {
  usable: 'Can sign you in',
  previousUserName: 'Can sign you in',
  blocked: 'Blocked by your organization',
  flagged: 'Flagged',
};

let account = null;

function toSignIn(query = '') {
  window.location.assign('/signin' + query);
}

/** Loads the account and its passkeys; on the first load, focuses the first useful control. */
async function load({ firstTime = false } = {}) {
  let me;
  try {
    me = await call('/myaccount', { method: 'GET' });
  } catch (error) {
    if (error instanceof Refusal && error.code === 'unauthenticated') {
      toSignIn();
      return null;
    }
    showRefusal(message, fromBrowserError(error));
    return null;
  }
  account = me;
  $('account-name').textContent = me.displayName;
  $('account-upn').textContent = me.userPrincipalName;
  $('account').hidden = false;
  renderAdd(me.addPasskey, me.passkeys.length === 0);
  render(me.passkeys);
  page.dataset.state = 'ready';
  if (firstTime) {
    focus(me.addPasskey.available ? $('add-passkey') : (list.querySelector('.passkey-rename') || $('sign-out')));
  }
  return me;
}

/** "Add a passkey" when the policy lets this person add one; otherwise why not, up front. A welcome for a first passkey. */
function renderAdd(add, noPasskeys) {
  const unavailable = $('add-passkey-unavailable');
  $('add-passkey-form').hidden = !add.available;
  unavailable.hidden = add.available;
  unavailable.textContent = add.available ? '' : add.message;
  unavailable.dataset.reason = add.reason || '';
  $('welcome').hidden = !(noPasskeys && add.available);
  $('welcome-name').textContent = account && account.displayName ? `, ${account.displayName}` : '';
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
  li.dataset.kind = passkey.kind;
  li.dataset.state = passkey.state;
  part('passkey-name').textContent = passkey.displayName;
  part('passkey-type').textContent = KINDS[passkey.kind] || 'Passkey';
  part('passkey-type').dataset.passkeyType = passkey.passkeyType;
  part('passkey-type').dataset.kind = passkey.kind;
  part('passkey-state').textContent = STATES[passkey.state] || passkey.state;
  part('passkey-state').dataset.state = passkey.state;
  part('passkey-state').dataset.reason = passkey.stateReason || '';
  part('passkey-model').textContent = passkey.isModelKnown ? passkey.model : 'Not known to your organization';
  part('passkey-aaguid').textContent = passkey.aaGuid;
  part('passkey-created').textContent = formatDate(passkey.createdDateTime);
  part('passkey-last-used').textContent = formatDate(passkey.lastUsedDateTime);
  // Why it cannot sign in, or what else to know: blocked under the badge, flagged and old-name as flags.
  const stateMessage = part('passkey-state-message');
  stateMessage.textContent = passkey.state === 'blocked' ? passkey.stateMessage : '';
  stateMessage.hidden = passkey.state !== 'blocked';
  if (passkey.suspectReason) {
    const flag = part('passkey-flag-suspect');
    flag.textContent = passkey.state === 'flagged' ? passkey.stateMessage
      : 'Flagged by Keyward: this passkey cannot be used to sign in. Contact your administrator.';
    flag.dataset.reason = passkey.suspectReason;
    flag.hidden = false;
  }
  if (passkey.isRegisteredUnderPreviousUserPrincipalName) {
    const flag = part('passkey-flag-previous-upn');
    flag.textContent = passkey.state === 'previousUserName' ? passkey.stateMessage
      : `Registered under your previous user name (${passkey.registeredUserPrincipalName}).`;
    flag.dataset.registeredUserPrincipalName = passkey.registeredUserPrincipalName;
    flag.hidden = false;
  }
  const label = `${passkey.displayName}, ${KINDS[passkey.kind] || 'passkey'}`;
  part('passkey-rename').setAttribute('aria-label', `Rename ${label}`);
  part('passkey-delete').setAttribute('aria-label', `Delete ${label}`);
  wireRename(li, passkey);
  wireDelete(li, passkey);
  return li;
}

/** The list item of a passkey after a reload, by id. */
const itemOf = (id) => list.querySelector(`li.passkey[data-passkey-id="${CSS.escape(id)}"]`);

function wireRename(li, passkey) {
  const form = li.querySelector('.passkey-rename-form');
  const input = li.querySelector('.passkey-rename-input');
  const open = li.querySelector('.passkey-rename');
  const close = () => {
    form.hidden = true;
    focus(open);
  };
  open.addEventListener('click', () => {
    input.value = passkey.displayName;
    form.hidden = false;
    focus(input);
    input.select();
  });
  li.querySelector('.passkey-rename-cancel').addEventListener('click', close);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(message);
    const name = input.value.trim();
    if (!name) {
      showRefusal(message, browserRefusal('passkeyNameRequired'));
      focus(input);
      return;
    }
    try {
      const renamed = await call(`/myaccount/passkeys/${encodeURIComponent(passkey.id)}`, { method: 'PATCH', body: { displayName: name } });
      show(message, 'success', `Renamed to \u201c${renamed.displayName}\u201d.`);
      await load();
      focus(itemOf(passkey.id)?.querySelector('.passkey-rename'));
    } catch (error) {
      await failed(error, input);
    }
  });
}

function wireDelete(li, passkey) {
  const confirmation = li.querySelector('.passkey-delete-confirmation');
  const open = li.querySelector('.passkey-delete');
  const close = () => {
    confirmation.hidden = true;
    focus(open);
  };
  open.addEventListener('click', () => {
    confirmation.hidden = false;
    focus(li.querySelector('.passkey-delete-confirm'));
  });
  li.querySelector('.passkey-delete-cancel').addEventListener('click', close);
  confirmation.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  li.querySelector('.passkey-delete-confirm').addEventListener('click', async () => {
    clear(message);
    // Where focus goes once the item is gone: the next passkey, else the one before, else "Add a passkey".
    const neighbour = li.nextElementSibling || li.previousElementSibling;
    const neighbourId = neighbour ? neighbour.dataset.passkeyId : null;
    try {
      await call(`/myaccount/passkeys/${encodeURIComponent(passkey.id)}`, { method: 'DELETE' });
      show(message, 'success', `Deleted \u201c${passkey.displayName}\u201d.`);
      await load();
      focus((neighbourId && itemOf(neighbourId)?.querySelector('.passkey-rename'))
        || (account.addPasskey.available ? $('add-passkey') : $('security-info-heading')));
    } catch (error) {
      await failed(error, open);
    }
  });
}

/** A refused rename or delete: say why; a passkey that is gone is taken off the list. */
async function failed(error, fallbackFocus) {
  const refusal = fromBrowserError(error);
  if (refusal && refusal.code === 'unauthenticated') {
    toSignIn();
    return;
  }
  showRefusal(message, refusal);
  if (refusal && refusal.code === 'Request_ResourceNotFound') {
    await load();
    focus($('security-info-heading'));
    return;
  }
  focus(fallbackFocus);
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
  let added = null;
  try {
    const options = await call('/myaccount/passkeys/options', { serverWords: true });
    const credential = await createCredential(options);
    const name = $('add-passkey-name').value.trim();
    added = await call('/myaccount/passkeys', { body: name ? { credential, displayName: name } : { credential }, serverWords: true });
    $('add-passkey-name').value = '';
    show(message, 'success', `Passkey \u201c${added.displayName}\u201d added. You can now sign in with it.`);
    message.dataset.passkeyId = added.id;
    await load();
  } catch (error) {
    const refusal = fromBrowserError(error);
    if (refusal) {
      showRefusal(message, refusal);
    }
  } finally {
    button.disabled = false;
    page.dataset.state = 'ready';
    // The new passkey's name, so that a screen reader says what was added; otherwise back to the button.
    focus((added && itemOf(added.id)?.querySelector('.passkey-name')) || (!$('add-passkey-form').hidden ? button : $('security-info-heading')));
  }
});

$('sign-out').addEventListener('click', async () => {
  try {
    await call('/signin/signout');
  } finally {
    toSignIn('?signedout');
  }
});

load({ firstTime: true });

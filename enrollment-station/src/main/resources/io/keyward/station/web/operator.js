// The operator page: no framework, no external resources (the kiosk may be offline but for Keyward).
const $ = id => document.getElementById(id);
let chosen = null;
let key = null;
let profiles = [];

function text(tag, value, className) {
  const element = document.createElement(tag);
  element.textContent = value;
  if (className) element.className = className;
  return element;
}

async function json(url, options) {
  const response = await fetch(url, options);
  return { status: response.status, body: await response.json() };
}

async function loadProfiles() {
  const { body } = await json('/api/profiles');
  profiles = body.profiles;
  $('operator').textContent = 'Operator: ' + body.operator;
  for (const profile of profiles) {
    const option = text('option', profile.name + ' (PIN: ' + profile.pinMode + (profile.resetFirst ? ', resets the key' : '') + ')');
    option.value = profile.name;
    $('profile').append(option);
  }
  $('profile').value = 'default';
  refreshHint();
}

async function search() {
  const q = $('search').value.trim();
  const { body } = await json('/api/employees?q=' + encodeURIComponent(q));
  $('employees').replaceChildren();
  $('search-message').textContent = body.message || (q && body.employees.length === 0 ? 'Nobody found.' : '');
  for (const employee of body.employees) {
    const refused = employee.guest ? ' (guest: cannot get a key)' : (!employee.accountEnabled ? ' (account disabled)' : '');
    const item = text('li', employee.displayName + ' — ' + employee.userPrincipalName + refused, refused ? 'refused' : '');
    if (!refused) {
      item.onclick = () => {
        chosen = employee;
        for (const other of $('employees').children) other.classList.remove('chosen');
        item.classList.add('chosen');
        refreshHint();
      };
    }
    $('employees').append(item);
  }
}

async function refreshKey() {
  const { body } = await json('/api/key');
  key = body.message ? null : body;
  const list = $('key');
  list.replaceChildren();
  if (!key) {
    list.append(text('dd', body.message));
  } else {
    const rows = [['Model', key.product], ['Serial', key.serial || 'not reported'], ['AAGUID', key.aaguid],
      ['Firmware', key.firmware], ['CTAP', key.versions],
      ['PIN', key.pinSet ? 'set, ' + key.pinRetries + ' tries left' : 'not set'],
      ['Free slots', key.slotsLeft === undefined ? 'not reported' : String(key.slotsLeft)]];
    for (const [name, value] of rows) list.append(text('dt', name), text('dd', value));
  }
  refreshHint();
}

function refreshHint() {
  const profile = profiles.find(p => p.name === $('profile').value);
  const randomPin = profile && profile.pinMode === 'random';
  $('pin-label').hidden = key && !key.pinSet && randomPin;
  $('pin-label').firstChild.textContent = key && key.pinSet ? "Key's PIN " : 'New PIN ';
  $('enroll').disabled = !(chosen && key);
  $('hint').textContent = !chosen ? 'Choose an employee.' : !key ? 'Insert a key.'
    : 'Ready: ' + chosen.displayName + ' — the key blinks, touch it when asked.';
}

async function enroll() {
  $('enroll').disabled = true;
  $('hint').textContent = 'Touch the key when it blinks…';
  const { status, body } = await json('/api/enroll', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId: chosen.id, profile: $('profile').value, pin: $('pin').value })
  });
  $('pin').value = '';
  const outcome = $('outcome');
  outcome.hidden = false;
  outcome.replaceChildren();
  if (status === 200) {
    outcome.className = 'wide ok';
    outcome.append(text('h2', 'Enrolled: ' + body.passkey), text('p', 'Model: ' + body.model));
    for (const notice of body.notices) outcome.append(text('p', 'Notice: ' + notice));
    const link = text('a', body.pinSlip ? 'Print the receipt and the PIN slip (separate pages)' : 'Print the receipt');
    link.href = body.receipt;
    link.target = '_blank';
    outcome.append(link);
  } else {
    outcome.className = 'wide refused';
    outcome.append(text('h2', 'Not enrolled'), text('p', body.message), text('p', 'Reason code: ' + body.reasonCode));
    if (body.leftOnKey) outcome.append(text('p', 'Left on the key: ' + body.leftOnKey));
  }
  refreshKey();
}

$('search').addEventListener('input', () => { clearTimeout(window.searchTimer); window.searchTimer = setTimeout(search, 250); });
$('profile').addEventListener('change', refreshHint);
$('enroll').addEventListener('click', enroll);
loadProfiles();
refreshKey();
setInterval(refreshKey, 2000);

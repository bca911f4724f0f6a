// Live capture of a workshop's notes, faster with JavaScript; the form works without it.
// Every note is kept in localStorage from the first keystroke until the server confirms it, so a
// reload or a network drop loses nothing; each note carries its client key, so a note sent twice
// is stored once.
(function () {
  'use strict';
  var form = document.querySelector('form[data-capture]');
  if (!form || !window.fetch || !window.localStorage || !window.URLSearchParams) return;

  var workshop = form.getAttribute('data-workshop');
  var QUEUE = 'ensemble.saisie.' + workshop + '.file';
  var DRAFT = 'ensemble.saisie.' + workshop + '.brouillon';
  var body = form.querySelector('textarea[name="body"]');
  var keyInput = form.querySelector('input[name="clientKey"]');
  var participant = form.querySelector('select[name="participantId"]');
  var csrf = form.querySelector('input[name="_csrf"]').value;
  var countEl = document.getElementById('capture-count');
  var nounEl = document.getElementById('capture-noun');
  var queueEl = document.getElementById('capture-queue');
  var statusEl = document.getElementById('capture-status');
  var list = document.getElementById('capture-last');
  var empty = document.getElementById('capture-empty');
  var flushing = false;
  var retryTimer = null;

  function load(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || 'null'); } catch (e) { return null; }
  }
  function store(key, value) {
    try {
      if (value == null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* storage full or disabled: the server copy is still the reference */ }
  }
  function newKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }
  function themeValue() {
    var checked = form.querySelector('input[name="themeId"]:checked');
    return checked ? checked.value : '';
  }
  function setTheme(value) {
    var radios = form.querySelectorAll('input[name="themeId"]');
    for (var i = 0; i < radios.length; i++) if (radios[i].value === value) radios[i].checked = true;
  }
  function snapshot() {
    return { body: body.value, clientKey: keyInput.value, themeId: themeValue(), participantId: participant ? participant.value : '' };
  }
  function showQueue() {
    var n = (load(QUEUE) || []).length;
    queueEl.hidden = n === 0;
    queueEl.textContent = n === 0 ? '' : ' ' + n + ' note(s) en attente d’envoi, conservée(s) sur cet appareil : elles partiront dès que la connexion revient.';
  }
  function showError(message) {
    statusEl.hidden = !message;
    statusEl.textContent = message || '';
  }
  function addEntry(entry) {
    if (!entry || !list) return;
    var li = document.createElement('li');
    var meta = document.createElement('span');
    meta.className = 'capture-meta';
    meta.textContent = 'N° ' + entry.id + ' — ' + (entry.theme || 'À classer') + (entry.author ? ' — ' + entry.author : '');
    var text = document.createElement('span');
    text.className = 'capture-body';
    text.textContent = entry.body.length > 300 ? entry.body.slice(0, 300) + '…' : entry.body;
    li.appendChild(meta);
    li.appendChild(document.createTextNode(' '));
    li.appendChild(text);
    list.insertBefore(li, list.firstChild);
    while (list.children.length > 10) list.removeChild(list.lastChild);
    if (empty) empty.hidden = true;
  }
  function dropFromQueue(clientKey) {
    store(QUEUE, (load(QUEUE) || []).filter(function (n) { return n.clientKey !== clientKey; }));
  }
  function scheduleRetry() {
    if (retryTimer) return;
    retryTimer = window.setTimeout(function () { retryTimer = null; flush(); }, 5000);
  }

  function send(note) {
    var params = new URLSearchParams();
    params.set('body', note.body);
    params.set('themeId', note.themeId || '');
    params.set('participantId', note.participantId || '');
    params.set('clientKey', note.clientKey);
    return window.fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', 'x-csrf-token': csrf },
      body: params.toString(),
    }).then(function (res) {
      return res.json().then(
        function (data) { return { status: res.status, data: data }; },
        function () { return { status: res.status, data: null }; }
      );
    });
  }

  // Sends queued notes one by one, oldest first; stops at the first network failure and retries later.
  function flush() {
    if (flushing) return;
    var queue = load(QUEUE) || [];
    showQueue();
    if (!queue.length) return;
    flushing = true;
    var note = queue[0];
    send(note).then(function (res) {
      flushing = false;
      if (res.data && res.data.ok) {
        dropFromQueue(note.clientKey);
        countEl.textContent = new Intl.NumberFormat('fr-FR').format(res.data.count);
        // French plural rules, as the server writes them: 0 and 1 take the singular.
        if (nounEl) nounEl.textContent = new Intl.PluralRules('fr-FR').select(res.data.count) === 'one' ? nounEl.dataset.one : nounEl.dataset.other;
        if (!res.data.duplicate) addEntry(res.data.entry);
        showError('');
        flush();
      } else if (res.status === 422 || res.status === 409) {
        // Refused (too short, closed workshop…): give the note back to the person, with the reason.
        dropFromQueue(note.clientKey);
        if (!body.value) {
          body.value = note.body;
          keyInput.value = note.clientKey;
          setTheme(note.themeId);
          store(DRAFT, snapshot());
        }
        var errors = (res.data && res.data.errors) || {};
        showError(Object.keys(errors).map(function (k) { return errors[k]; }).join(' ') || 'La note a été refusée.');
        showQueue();
        body.focus();
        flush();
      } else {
        // Session expired or server unavailable: the note stays on this device.
        showError(res.status === 403 ? 'Votre session a expiré : reconnectez-vous dans un autre onglet. Vos notes sont conservées sur cet appareil.' : '');
        showQueue();
        scheduleRetry();
      }
    }, function () {
      flushing = false;
      showQueue();
      scheduleRetry();
    });
  }

  // A draft left by a reload comes back into the textarea.
  var draft = load(DRAFT);
  if (draft && draft.body && !body.value) {
    body.value = draft.body;
    if (draft.clientKey) keyInput.value = draft.clientKey;
    if (draft.themeId != null) setTheme(draft.themeId);
    if (participant && draft.participantId) participant.value = draft.participantId;
  }
  if (!keyInput.value) keyInput.value = newKey();
  body.addEventListener('input', function () { store(DRAFT, snapshot()); });
  form.addEventListener('change', function () { if (body.value) store(DRAFT, snapshot()); });

  form.addEventListener('submit', function (event) {
    var note = snapshot();
    var length = Array.from(note.body.trim()).length;
    // An invalid note goes the ordinary way: the server answers with the form and its message.
    if (length < 10 || length > 5000) return;
    event.preventDefault();
    var queue = load(QUEUE) || [];
    queue.push(note);
    store(QUEUE, queue);
    store(DRAFT, null);
    body.value = '';
    keyInput.value = newKey();
    if (participant) participant.value = '';
    body.focus();
    flush();
  });

  document.addEventListener('keydown', function (event) {
    if (event.altKey && !event.ctrlKey && !event.metaKey) {
      var m = /^Digit([0-9])$/.exec(event.code || '') || /^Numpad([0-9])$/.exec(event.code || '');
      if (!m) return;
      var radio = form.querySelector('input[name="themeId"][data-shortcut="' + m[1] + '"]');
      if (radio) {
        event.preventDefault();
        radio.checked = true;
        store(DRAFT, snapshot());
        body.focus();
      }
    } else if ((event.ctrlKey || event.metaKey) && event.key === 'Enter' && event.target === body) {
      event.preventDefault();
      if (form.requestSubmit) form.requestSubmit();
      else form.submit();
    }
  });

  window.addEventListener('online', flush);
  flush();
})();

// Progress of a running import: asks the server every 2 s and updates the bar; reloads the page when
// the import is over. Without JavaScript the page offers an « Actualiser » link instead.
document.addEventListener('DOMContentLoaded', function () {
  var box = document.querySelector('[data-import-progress]');
  if (!box || !window.fetch) return;
  var url = box.getAttribute('data-state-url');
  var bar = document.getElementById('import-progress-bar');
  var text = document.getElementById('import-progress-text');
  var format = new Intl.NumberFormat('fr-FR');
  function tick() {
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (res) { return res.json(); })
      .then(function (state) {
        if (state.status !== 'running') { window.location.reload(); return; }
        bar.max = Math.max(1, state.rowsTotal);
        bar.value = state.rowsDone;
        text.textContent = format.format(state.rowsDone) + ' ligne(s) traitée(s) sur ' + format.format(state.rowsTotal) + '.';
        window.setTimeout(tick, 2000);
      })
      .catch(function () { window.setTimeout(tick, 2000); });
  }
  window.setTimeout(tick, 2000);
});

// Progress of a long task (an import, a white paper's layout): asks the server every 2 s for
// { finished, done, total, message } and updates the bar; reloads the page when the task is over.
// Without JavaScript the page offers an « Actualiser » link instead.
document.addEventListener('DOMContentLoaded', function () {
  var box = document.querySelector('[data-progress]');
  if (!box || !window.fetch) return;
  var url = box.getAttribute('data-state-url');
  var bar = document.getElementById('progress-bar');
  var text = document.getElementById('progress-text');
  function tick() {
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (res) { return res.json(); })
      .then(function (state) {
        if (state.finished) { window.location.reload(); return; }
        bar.max = Math.max(1, state.total);
        bar.value = state.done;
        text.textContent = state.message;
        window.setTimeout(tick, 2000);
      })
      .catch(function () { window.setTimeout(tick, 2000); });
  }
  window.setTimeout(tick, 2000);
});

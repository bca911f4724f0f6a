// Progressive enhancement: the remaining points follow what is typed. Without JavaScript the page
// shows them as saved (or as typed, after a refused save), and the server checks every ballot.
document.addEventListener('DOMContentLoaded', function () {
  var form = document.querySelector('form.ballot[data-budget]');
  if (!form) return;
  var budget = Number(form.getAttribute('data-budget'));
  var out = form.querySelector('[data-remaining]');
  var box = form.querySelector('.remaining');
  var fmt = new Intl.NumberFormat('fr-FR');
  function update() {
    var spent = 0;
    form.querySelectorAll('input[data-points]').forEach(function (input) {
      var v = input.value.trim();
      if (/^\d+$/.test(v)) spent += Number(v);
    });
    var left = budget - spent;
    out.textContent = fmt.format(left);
    box.classList.toggle('remaining-over', left < 0);
  }
  form.addEventListener('input', update);
});

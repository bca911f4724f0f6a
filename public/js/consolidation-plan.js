// Progressive enhancement of the consolidation plan: each group shows only the fields its chosen
// action needs (target for « Rattacher », title for « Créer », reason for « Hors périmètre »).
// Without JavaScript every field shows and the server reads only the ones the action uses.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('select[data-plan-action]').forEach(function (select) {
    var group = select.closest('.plan-group');
    if (!group) return;
    function update() {
      group.querySelectorAll('[data-for]').forEach(function (block) {
        // A field with an error stays visible whatever the action, so that the message is read.
        var hasError = !!block.querySelector('[aria-invalid="true"]');
        block.hidden = !hasError && block.getAttribute('data-for') !== select.value;
      });
    }
    select.addEventListener('change', update);
    update();
  });
});

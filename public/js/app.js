// Progressive enhancement only: every page works without JavaScript.
document.addEventListener('DOMContentLoaded', function () {
  // Bring keyboard and screen-reader users straight to the list of form errors.
  var summary = document.querySelector('.error-summary[tabindex]');
  if (summary) summary.focus();
});

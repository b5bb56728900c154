// Small enhancements; every page works without them.
// 1. A form sends once: its submit buttons are disabled as it goes (the server also recognises a resent
//    form by its random value, so a double-click never acts twice).
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.dataset.sent === '1') {
    if (form instanceof HTMLFormElement) event.preventDefault();
    return;
  }
  form.dataset.sent = '1';
  for (const button of form.querySelectorAll('button[type=submit]')) {
    button.setAttribute('disabled', '');
    button.setAttribute('aria-busy', 'true');
  }
  // A form that opens a file (a PDF, a preview) in another tab leaves this page usable.
  if (form.target === '_blank') setTimeout(() => reset(form), 1500);
});
function reset(form) {
  delete form.dataset.sent;
  for (const button of form.querySelectorAll('button[type=submit]')) button.removeAttribute('disabled');
}
// Coming back to a page through the history shows it ready to use again.
window.addEventListener('pageshow', () => document.querySelectorAll('form[data-sent]').forEach(reset));

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

// 2. Saved as typed. A form marked data-tu-luu posts the item being changed (its [data-muc] block and
//    the form's own hidden fields) to the form's address when a choice is made, or a moment after
//    typing stops; the server answers JSON with the new versions. When someone else saved the item
//    first, saving it pauses and the page says so: the item's "Lưu" button then decides, knowingly.
const pending = new Map();
function fieldsOf(form, item) {
  const data = new URLSearchParams();
  for (const el of form.elements) {
    if (!el.name || el.type === 'file' || el.type === 'submit') continue;
    const owner = el.closest('[data-muc]');
    if ((owner && owner !== item) || ((el.type === 'radio' || el.type === 'checkbox') && !el.checked)) continue;
    data.append(el.name, el.value);
  }
  return data;
}
async function save(form, item, keepalive) {
  pending.delete(item);
  if (item.dataset.xungDot === '1') return;
  const status = item.querySelector('.save-state') || form.querySelector('.save-state');
  if (status) status.textContent = 'Đang lưu…';
  try {
    const res = await fetch(form.action.split('#')[0], { method: 'POST', headers: { accept: 'application/json' }, body: fieldsOf(form, item), keepalive });
    const answer = await res.json();
    for (const [name, value] of Object.entries(answer.fields || {})) {
      const el = form.elements.namedItem(name);
      if (el) el.value = value;
    }
    if (answer.progress) document.querySelectorAll('[data-tien-do]').forEach((el) => (el.textContent = answer.progress));
    if (answer.conflict) item.dataset.xungDot = '1';
    if (status) {
      status.textContent = answer.message || '';
      status.classList.toggle('bad', !res.ok);
      if (!res.ok) status.setAttribute('role', 'alert');
    }
  } catch {
    if (status) {
      status.textContent = 'Chưa lưu được (mất kết nối?). Nội dung vẫn còn trên màn hình; bấm “Lưu” khi có mạng.';
      status.classList.add('bad');
    }
  }
}
document.addEventListener('input', (event) => {
  const form = event.target.closest && event.target.closest('form[data-tu-luu]');
  const item = form && event.target.closest('[data-muc]');
  if (!item || event.target.type === 'file') return;
  clearTimeout(pending.get(item)?.timer);
  const instant = event.target.type === 'radio' || event.target.type === 'checkbox';
  pending.set(item, { form, timer: setTimeout(() => save(form, item, false), instant ? 0 : 1200) });
});
// Leaving the page (or putting the phone away) saves what is still waiting.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState !== 'hidden') return;
  for (const [item, { form, timer }] of pending) {
    clearTimeout(timer);
    save(form, item, true);
  }
});

// 3. A photo or file chosen is shown before it is sent (images as small previews, others by name).
document.addEventListener('change', (event) => {
  const input = event.target;
  const form = input.closest && input.closest('form[data-xem-truoc]');
  const box = form && form.querySelector('.preview');
  if (!box || input.type !== 'file') return;
  box.replaceChildren();
  for (const input of form.querySelectorAll('input[type=file]')) {
    for (const file of input.files) {
      if (file.type.startsWith('image/')) {
        const img = document.createElement('img');
        img.src = URL.createObjectURL(file);
        img.alt = `Ảnh sắp tải lên: ${file.name}`;
        box.append(img);
      } else box.append(document.createTextNode(`Tệp sắp tải lên: ${file.name} `));
    }
  }
});
// A form sent by its button saves everything itself: nothing waits behind it.
document.addEventListener('submit', (event) => {
  for (const [item, waiting] of pending) {
    if (waiting.form !== event.target) continue;
    clearTimeout(waiting.timer);
    pending.delete(item);
  }
});

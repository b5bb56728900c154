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
// One save at a time per item: the next one is sent with the version the previous one answered, so a
// quick choice then typing never collides with itself.
const inflight = new Map();
function save(form, item, keepalive) {
  pending.delete(item);
  const run = (inflight.get(item) || Promise.resolve()).then(() => send(form, item, keepalive));
  inflight.set(item, run);
  run.finally(() => inflight.get(item) === run && inflight.delete(item));
}
async function send(form, item, keepalive) {
  if (item.dataset.xungDot === '1') return;
  const status = item.querySelector('.save-state') || form.querySelector('.save-state');
  if (status && !pending.has(item)) status.textContent = 'Đang lưu…';
  // A later change waiting to be saved keeps its "Chưa lưu" until its own answer.
  const say = (text, bad) => {
    if (!status || (pending.has(item) && !bad)) return;
    status.textContent = text;
    status.classList.toggle('bad', bad);
    if (bad) status.setAttribute('role', 'alert');
  };
  try {
    const res = await fetch(form.action.split('#')[0], { method: 'POST', headers: { accept: 'application/json' }, body: fieldsOf(form, item), keepalive });
    const answer = await res.json();
    for (const [name, value] of Object.entries(answer.fields || {})) {
      const el = form.elements.namedItem(name);
      if (el) el.value = value;
    }
    if (answer.progress) document.querySelectorAll('[data-tien-do]').forEach((el) => (el.textContent = answer.progress));
    if (answer.conflict) item.dataset.xungDot = '1';
    say(answer.message || '', !res.ok);
  } catch {
    say('Chưa lưu được (mất kết nối?). Nội dung vẫn còn trên màn hình; bấm “Lưu” khi có mạng.', true);
  }
}
document.addEventListener('input', (event) => {
  const form = event.target.closest && event.target.closest('form[data-tu-luu]');
  const item = form && event.target.closest('[data-muc]');
  if (!item || event.target.type === 'file') return;
  clearTimeout(pending.get(item)?.timer);
  const instant = event.target.type === 'radio' || event.target.type === 'checkbox';
  // Until the save answers, the item must not still say "Đã lưu" about what was there before.
  const status = item.querySelector('.save-state') || form.querySelector('.save-state');
  const waiting = 'Chưa lưu (tự lưu khi ngừng gõ)';
  if (status && item.dataset.xungDot !== '1' && !instant && status.textContent !== waiting) {
    status.textContent = waiting;
    status.classList.remove('bad');
    status.removeAttribute('role');
  }
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

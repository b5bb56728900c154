// The office's feed page follows new conclusions by itself: a long poll (the server holds the request
// until something new arrives or 25 s pass) and the new entries are put on top. Without JavaScript
// the page shows the newest entries and is reloaded by hand.
const list = document.getElementById('dong-ket-luan');
const status = document.getElementById('truc-tiep');
if (list && status) {
  let cursor = list.dataset.conTro;
  const url = list.dataset.moi;
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  status.textContent = 'Đang theo dõi: kết luận mới sẽ tự hiện ở đầu danh sách.';
  (async function follow() {
    for (;;) {
      try {
        const response = await fetch(`${url}&sau=${encodeURIComponent(cursor)}`, { credentials: 'same-origin', headers: { accept: 'text/html' } });
        if (response.status === 200 || response.status === 204) {
          cursor = response.headers.get('x-con-tro') || cursor;
          if (response.status === 200) {
            const html = await response.text();
            list.insertAdjacentHTML('afterbegin', html);
            document.getElementById('chua-co')?.remove();
            const count = (html.match(/<li /g) || []).length;
            // The newest entry's time, as the server wrote it in the campaign's time zone (the browser's
            // clock and zone may be another's).
            const newest = list.querySelector('li time')?.textContent;
            status.textContent = `Vừa có ${count} kết luận mới${newest ? `, mới nhất lúc ${newest}` : ''}.`;
          }
        } else if (response.status >= 400 && response.status < 500) {
          status.textContent = 'Đã ngừng tự cập nhật (phiên đăng nhập hết hạn hoặc trang đã cũ): hãy tải lại trang.';
          return;
        } else {
          await wait(5000);
        }
      } catch {
        await wait(5000);
      }
    }
  })();
}

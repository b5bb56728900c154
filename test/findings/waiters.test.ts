import t from 'tap';
import { createFeedWaiters } from '../../src/findings/feed/waiters.js';

t.test('a waiter is released by a notify past its cursor, not by one at or before it', async (t) => {
  const waiters = createFeedWaiters({ latestSeq: () => 0, checkMs: 10_000 });
  t.teardown(() => waiters.close());
  const started = Date.now();
  const pending = waiters.wait('qx', 5, 5_000);
  waiters.notify('qx', 5);
  waiters.notify('other', 9);
  t.equal(waiters.size(), 1, 'still waiting');
  setTimeout(() => waiters.notify('qx', 6), 50);
  t.equal(await pending, true);
  t.ok(Date.now() - started < 2_000, 'answered early');
  t.equal(waiters.size(), 0);
});

t.test('a waiter times out with false', async (t) => {
  const waiters = createFeedWaiters({ latestSeq: () => 0, checkMs: 10_000 });
  t.equal(await waiters.wait('qx', 0, 30), false);
});

t.test('the periodic check finds events written by another process', async (t) => {
  let latest = 3;
  const waiters = createFeedWaiters({ latestSeq: () => latest, checkMs: 20 });
  t.teardown(() => waiters.close());
  const pending = waiters.wait('qx', 3, 5_000);
  setTimeout(() => (latest = 4), 50);
  t.equal(await pending, true);
});

t.test('close and abort release waiters at once', async (t) => {
  const waiters = createFeedWaiters({ latestSeq: () => 0, checkMs: 10_000 });
  const gone = new AbortController();
  const aborted = waiters.wait('qx', 0, 60_000, gone.signal);
  const closed = waiters.wait('qx', 0, 60_000);
  gone.abort();
  t.equal(await aborted, false);
  waiters.close();
  t.equal(await closed, false);
  t.equal(await waiters.wait('qx', 0, 60_000), false, 'no waiting after close');
  t.equal(waiters.size(), 0);
});

import t from 'tap';
import { createRateLimiter } from '../../src/http/rate-limit.js';

t.test('each key gets max requests per window, counted from its first request', async (t) => {
  const limiter = createRateLimiter({ max: 3, windowMs: 1000 });
  t.same(limiter.hit('token:1', 0), { allowed: true, limit: 3, remaining: 2, resetMs: 1000 });
  t.match(limiter.hit('token:1', 100), { allowed: true, remaining: 1, resetMs: 900 });
  t.match(limiter.hit('token:1', 200), { allowed: true, remaining: 0 });
  t.match(limiter.hit('token:1', 300), { allowed: false, remaining: 0, resetMs: 700 });
  t.match(limiter.hit('ip:10.0.0.1', 300), { allowed: true, remaining: 2 }, 'another key has its own allowance');
  t.match(limiter.hit('token:1', 1000), { allowed: true, remaining: 2, resetMs: 1000 }, 'a new window at its end');
});

t.test('windows that ended are dropped, so memory follows the keys of one window', async (t) => {
  const limiter = createRateLimiter({ max: 10, windowMs: 1000 });
  for (let i = 0; i < 500; i += 1) limiter.hit(`ip:${i}`, 0);
  t.equal(limiter.size(), 500);
  limiter.hit('ip:new', 2500);
  t.equal(limiter.size(), 1, 'only the key still counting');
});

// Fixed-window request counting per key (a token, or an address for requests without a valid one).
// In memory and per process: with several instances each allows `max` per window. Synchronous, so a
// request pays a map lookup rather than the promises of a pluggable store.

export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the key's window ends and its count starts again. */
  resetMs: number;
}

export interface RateLimiter {
  hit(key: string, nowMs: number): RateLimitVerdict;
  /** Keys with an open window (for tests and metrics). */
  size(): number;
}

export function createRateLimiter({ max, windowMs }: { max: number; windowMs: number }): RateLimiter {
  const windows = new Map<string, { count: number; endsAt: number }>();
  let sweepAt = 0;
  return {
    hit(key, nowMs) {
      // Once per window, windows that ended are dropped: memory stays bounded by the keys of one window.
      if (nowMs >= sweepAt) {
        for (const [k, w] of windows) if (w.endsAt <= nowMs) windows.delete(k);
        sweepAt = nowMs + windowMs;
      }
      let window = windows.get(key);
      if (!window || window.endsAt <= nowMs) {
        window = { count: 0, endsAt: nowMs + windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      return { allowed: window.count <= max, limit: max, remaining: Math.max(0, max - window.count), resetMs: window.endsAt - nowMs };
    },
    size: () => windows.size,
  };
}

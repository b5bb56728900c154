// Long polling: a request waiting for events after a seq is released as soon as one is committed.
// Events written by this process wake waiters at once (notify after commit); events written by
// another process (the CLI, a second instance) are found by one cheap head check per campaign every
// checkMs, shared by all the campaign's waiters. close() releases everyone (app shutdown).

interface Waiter {
  since: number;
  resolve: (arrived: boolean) => void;
  timer: NodeJS.Timeout;
}

export interface FeedWaiters {
  /** Resolves true when an event after `since` is committed, false on timeout, abort or close. */
  wait(campaignId: string, since: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  /** Called after a transaction that appended events to the campaign has committed. */
  notify(campaignId: string, latestSeq: number): void;
  close(): void;
  /** Waiting requests (for tests and diagnostics). */
  size(): number;
}

export function createFeedWaiters(deps: { latestSeq: (campaignId: string) => number; checkMs: number }): FeedWaiters {
  const byCampaign = new Map<string, Set<Waiter>>();
  let poller: NodeJS.Timeout | null = null;
  let closed = false;

  function release(campaignId: string, waiter: Waiter, arrived: boolean): void {
    clearTimeout(waiter.timer);
    const set = byCampaign.get(campaignId);
    set?.delete(waiter);
    if (set && set.size === 0) byCampaign.delete(campaignId);
    if (byCampaign.size === 0 && poller) {
      clearInterval(poller);
      poller = null;
    }
    waiter.resolve(arrived);
  }

  function notify(campaignId: string, latestSeq: number): void {
    const set = byCampaign.get(campaignId);
    if (!set) return;
    for (const waiter of [...set]) if (latestSeq > waiter.since) release(campaignId, waiter, true);
  }

  function check(): void {
    for (const campaignId of [...byCampaign.keys()]) {
      try {
        notify(campaignId, deps.latestSeq(campaignId));
      } catch {
        // the database is busy or closing; the next tick or the timeout answers
      }
    }
  }

  return {
    wait(campaignId, since, timeoutMs, signal) {
      if (closed || timeoutMs <= 0 || signal?.aborted) return Promise.resolve(false);
      return new Promise<boolean>((resolve) => {
        const waiter: Waiter = { since, resolve, timer: setTimeout(() => release(campaignId, waiter, false), timeoutMs) };
        const set = byCampaign.get(campaignId) ?? new Set<Waiter>();
        set.add(waiter);
        byCampaign.set(campaignId, set);
        signal?.addEventListener('abort', () => release(campaignId, waiter, false), { once: true });
        if (!poller) {
          poller = setInterval(check, deps.checkMs);
          poller.unref();
        }
      });
    },
    notify,
    close() {
      closed = true;
      for (const [campaignId, set] of [...byCampaign]) for (const waiter of [...set]) release(campaignId, waiter, false);
    },
    size() {
      let n = 0;
      for (const set of byCampaign.values()) n += set.size;
      return n;
    },
  };
}

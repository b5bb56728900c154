import type { Test } from 'tap';

/** Asserts an HTTP status, naming the answer's body only when it is not the one expected. */
export function expectStatus(t: Test, res: { statusCode: number; body: string }, status: number): void {
  t.equal(res.statusCode, status, res.statusCode === status ? `answers ${status}` : res.body);
}

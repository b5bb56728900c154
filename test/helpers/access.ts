import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './app.js';

/** The callers of the role table: one token per role (see buildTestApp) and no token at all. */
export const callers = ['anonymous', 'unit', 'member', 'secretary', 'leader', 'office'] as const;
export type Caller = (typeof callers)[number];

export interface AccessRequest {
  params?: Record<string, string | number>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface AccessContext {
  who: Caller | 'outsider';
  /** Counts the calls made on this app (0, 1, …): writes use it to vary what they create. */
  n: number;
  test: TestApp;
  /** Makes something once per app (reads share one app): `memo('visit', () => register…)`. */
  memo<T>(key: string, make: () => Promise<T>): Promise<T>;
  /** A call as the office, to prepare data the way a client would. */
  asOffice(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export interface AccessEntry {
  /** METHOD and path exactly as in openapi.yaml, e.g. "GET /campaigns/{campaignId}". */
  route: string;
  /** When a route has several entries (own unit, another unit, …): what this one checks. */
  case?: string;
  /** The status each caller gets. */
  expect: Record<Caller, number> & {
    /** A leader of another campaign; by default 404 where the route names a campaign (403 where the table refuses leaders: say 404 when that refusal is about the team, not the role). */
    outsider?: number;
  };
  /** Path parameters, query, body or headers of a well-formed request (defaults: see defaultParams). */
  request?: AccessRequest | ((ctx: AccessContext) => AccessRequest | Promise<AccessRequest>);
  /** Why an answer is what it is, when that is not obvious. */
  why?: string;
}

/** Roles: what most routes give. */
export const allRoles = (ok: number): AccessEntry['expect'] => ({
  anonymous: 401,
  unit: ok,
  member: ok,
  secretary: ok,
  leader: ok,
  office: ok,
});
export const officeOnly = (ok: number): AccessEntry['expect'] => ({
  anonymous: 401,
  unit: 403,
  member: 403,
  secretary: 403,
  leader: 403,
  office: ok,
});
export const teamRoles = (ok: number): AccessEntry['expect'] => ({
  anonymous: 401,
  unit: 403,
  member: 403,
  secretary: ok,
  leader: ok,
  office: ok,
});

/** The n-th Monday–Friday from 4 March 2030 (a far year nobody's data touches). */
export function weekday(n: number): string {
  const day = new Date(Date.UTC(2030, 2, 4));
  for (let i = 0; i < n;) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) i += 1;
  }
  return day.toISOString().slice(0, 10);
}

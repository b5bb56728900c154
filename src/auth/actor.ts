import type { Role } from './tables.js';

/**
 * Who is making a request: resolved from a bearer token (API), a session cookie (web pages: a person
 * signed in by invitation), or the service itself (seeding, CLI).
 */
export interface Actor {
  tokenId: number | null;
  personId: number | null;
  label: string;
  /** 'anonymous' only labels audit entries of refused sign-ins; no request acts as it. */
  role: Role | 'system' | 'anonymous';
  campaignId: string | null;
  teamNumber: number | null;
  unitId: string | null;
  requestId: string | null;
}

export function systemActor(label: string): Actor {
  return {
    tokenId: null,
    personId: null,
    label,
    role: 'system',
    campaignId: null,
    teamNumber: null,
    unitId: null,
    requestId: null,
  };
}

/** Who a refused sign-in is recorded as: nobody known. */
export function anonymousActor(requestId: string | null): Actor {
  return { ...systemActor('người chưa đăng nhập'), role: 'anonymous', requestId };
}

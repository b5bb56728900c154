import type { Role } from './tables.js';

/** Who is making a request: resolved from the bearer token, or the service itself (seeding, CLI). */
export interface Actor {
  tokenId: number | null;
  label: string;
  role: Role | 'system';
  campaignId: string | null;
  teamNumber: number | null;
  unitId: string | null;
  requestId: string | null;
}

export function systemActor(label: string): Actor {
  return {
    tokenId: null,
    label,
    role: 'system',
    campaignId: null,
    teamNumber: null,
    unitId: null,
    requestId: null,
  };
}

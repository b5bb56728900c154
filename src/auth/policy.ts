import type { Actor } from './actor.js';
import type { Role } from './tables.js';

// Pure answers to "may this actor ...?". Services call these with the data they loaded; a route's
// coarse role list lives in its config.access and is enforced by the auth plugin.

export type Access = 'public' | readonly Role[];

export const anyRole: readonly Role[] = ['office', 'leader', 'secretary', 'member', 'unit'];
export const officeOnly: readonly Role[] = ['office'];
export const teamRoles: readonly Role[] = ['office', 'leader', 'secretary'];

export function isOffice(actor: Actor): boolean {
  return actor.role === 'office' || actor.role === 'system';
}

/** A token naming a campaign sees only that campaign; other campaigns do not exist for it. */
export function canSeeCampaign(actor: Actor, campaignId: string): boolean {
  return actor.campaignId === null || actor.campaignId === campaignId;
}

/** Leaders and secretaries act for their own team only; the office acts for every team. */
export function canActForTeam(actor: Actor, campaignId: string, teamNumber: number): boolean {
  if (!canSeeCampaign(actor, campaignId)) return false;
  if (isOffice(actor)) return true;
  return (actor.role === 'leader' || actor.role === 'secretary') && actor.teamNumber === teamNumber;
}

/** A unit's own private data (its outline, self-report, results) is visible to it and the office. */
export function canSeeUnitPrivate(actor: Actor, campaignId: string, unitId: string): boolean {
  if (!canSeeCampaign(actor, campaignId)) return false;
  if (isOffice(actor)) return true;
  return (actor.role === 'unit' || actor.role === 'member') && actor.unitId === unitId;
}

import type { Actor } from '../auth/actor.js';
import { canActForTeam, canSeeCampaign, canSeeUnitPrivate, isOffice } from '../auth/policy.js';
import type { VisitRef } from './deps.js';

// Who may do what with a visit's findings. Pure: the service loads the visit and the team's member
// units and asks. A "no" to reading answers 404, since another team's visit work is private.

export interface VisitContext {
  visit: VisitRef;
  /** Units sitting on the visit's team (not its leader). */
  memberUnitIds: readonly string[];
}

/** The team's working papers (checklist, evidence, drafts): office, the team's leader, secretary and members. */
export function canReadTeamWork(actor: Actor, { visit, memberUnitIds }: VisitContext): boolean {
  if (canActForTeam(actor, visit.campaignId, visit.teamNumber)) return true;
  return actor.role === 'member' && canSeeCampaign(actor, visit.campaignId) && memberUnitIds.includes(actor.unitId ?? '');
}

/**
 * On the day, the whole team fills the checklist and attaches evidence: the member units' officers
 * are the ones in the meeting room with a phone (PAGES.md), so they write what they may read.
 */
export function canFillChecklist(actor: Actor, context: VisitContext): boolean {
  return canReadTeamWork(actor, context);
}

/** Drafting the conclusion: office and the team's leader and secretary. */
export function canWriteTeamWork(actor: Actor, { visit }: VisitContext): boolean {
  return canActForTeam(actor, visit.campaignId, visit.teamNumber);
}

/** Publishing, amending and withdrawing: the team leader (Trưởng đoàn kết luận) or the office. */
export function canPublish(actor: Actor, { visit }: VisitContext): boolean {
  if (!canSeeCampaign(actor, visit.campaignId)) return false;
  return isOffice(actor) || (actor.role === 'leader' && actor.teamNumber === visit.teamNumber);
}

/** The inspected unit reads what was published about it, never drafts. */
export function isInspectedUnit(actor: Actor, { visit }: VisitContext): boolean {
  return !isOffice(actor) && canSeeUnitPrivate(actor, visit.campaignId, visit.unitId);
}

/**
 * Marking a recommendation done or open again: whoever may write the visit's work, and the unit the
 * recommendation is addressed to (it reports its own remedy; the office sees every change in the feed).
 */
export function canSetRecommendationStatus(actor: Actor, context: VisitContext, responsibleUnitId: string): boolean {
  if (canWriteTeamWork(actor, context)) return true;
  return (actor.role === 'unit' || actor.role === 'member') && canSeeCampaign(actor, context.visit.campaignId) && actor.unitId === responsibleUnitId;
}

import type { Actor } from '../auth/actor.js';
import { canSeeCampaign, isOffice } from '../auth/policy.js';
import type { DocumentKindValue } from './repository.js';

// Pure: who reads which document. Notices go to the team's members and the units they announce
// (leaders and secretaries of every team see them too, as they see the whole schedule); a results
// notice is private to its unit and the team; the team report goes to the standing office.

export interface DocumentAudience {
  campaignId: string;
  kind: DocumentKindValue;
  teamNumber: number;
  /** Units the document is addressed to (announced units, or the inspected unit). */
  unitIds: readonly string[];
}

export function canReadDocument(actor: Actor, doc: DocumentAudience, memberTeams: readonly number[]): boolean {
  if (!canSeeCampaign(actor, doc.campaignId)) return false;
  if (isOffice(actor)) return true;
  const ownTeam = (actor.role === 'leader' || actor.role === 'secretary') && actor.teamNumber === doc.teamNumber;
  const addressed = actor.unitId !== null && doc.unitIds.includes(actor.unitId);
  switch (doc.kind) {
    case 'notice':
      return actor.role === 'leader' || actor.role === 'secretary' || addressed || memberTeams.includes(doc.teamNumber);
    case 'results-notice':
      return ownTeam || ((actor.role === 'unit' || actor.role === 'member') && addressed);
    case 'team-report':
      return ownTeam;
  }
}

/** The units a stored document is addressed to: a notice's announced units; a results notice's unit and the units given a task. */
export function addressees(row: { kind: DocumentKindValue; unitId: string | null; content: unknown }): string[] {
  const content = row.content as { programme?: { rows: { unitId: string }[] }; taskUnitIds?: string[] };
  if (row.kind === 'notice') return (content.programme?.rows ?? []).map((r) => r.unitId);
  return [...(row.unitId ? [row.unitId] : []), ...(row.kind === 'results-notice' ? (content.taskUnitIds ?? []) : [])];
}

/**
 * Which visits of a notice a reader sees the standing of: the office, leaders and secretaries all;
 * a member unit those of the teams it sits on and its own; an inspected unit its own.
 */
export function canSeeAnnouncedVisit(actor: Actor, teamNumber: number, unitId: string, memberTeams: readonly number[]): boolean {
  if (isOffice(actor) || actor.role === 'leader' || actor.role === 'secretary') return true;
  if (actor.role === 'member' && memberTeams.includes(teamNumber)) return true;
  return actor.unitId !== null && actor.unitId === unitId;
}

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

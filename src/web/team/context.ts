import type { Services } from '../../app.js';
import type { Actor } from '../../auth/actor.js';
import { canActForTeam, isOffice } from '../../auth/policy.js';
import type { CalendarData } from '../../calendar/rules.js';
import type { CampaignDetail } from '../../campaigns/schema.js';
import type { ChecklistView } from '../../findings/checklist/schema.js';
import type { VisitView } from '../../schedule/schema.js';
import { localToday } from '../../text/dates.js';
import { numberParam, rehearsalBanner } from '../leader/context.js';

// What every page of one visit's day starts from: the checklist read as the person (404 unless the
// person is on the visit's team or the office), the visit itself, today, and what the person may do.

export interface VisitPage {
  campaign: CampaignDetail;
  visit: VisitView;
  checklist: ChecklistView;
  /** /dot/<campaign>/buoi/<visit> */
  base: string;
  campaignBase: string;
  today: string;
  calendar: CalendarData;
  banner: string | null;
  /** Leader, secretary, office: draft the conclusion, return the unit's report. */
  canDraft: boolean;
  /** Leader of the team, office: publish, amend, withdraw. */
  canPublish: boolean;
}

export function visitPage(services: Services, actor: Actor, campaignId: string, visitParam: string | undefined): VisitPage {
  const visitId = numberParam(visitParam);
  const checklist = services.findings.checklist.get(actor, campaignId, visitId);
  const visit = services.schedule.get(campaignId, visitId);
  const campaign = services.campaigns.detail(campaignId);
  const campaignBase = `/dot/${encodeURIComponent(campaignId)}`;
  return {
    campaign,
    visit,
    checklist,
    base: `${campaignBase}/buoi/${visitId}`,
    campaignBase,
    today: localToday(services.now(), services.config.timeZone),
    calendar: services.calendar.forCampaign(campaignId),
    banner: rehearsalBanner(campaign),
    canDraft: canActForTeam(actor, campaignId, visit.teamNumber),
    canPublish: isOffice(actor) || (actor.role === 'leader' && actor.teamNumber === visit.teamNumber && canActForTeam(actor, campaignId, visit.teamNumber)),
  };
}

/** True when the request comes from the page's script (save as typed) and wants JSON back. */
export function wantsJson(headers: Record<string, string | string[] | undefined>): boolean {
  const accept = headers['accept'];
  return typeof accept === 'string' && accept.startsWith('application/json');
}

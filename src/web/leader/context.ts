import type { Services } from '../../app.js';
import type { Actor } from '../../auth/actor.js';
import { canActForTeam, isOffice } from '../../auth/policy.js';
import { lastWorkingDayBefore, latestNoticeDate, workingDaysLeft, type CalendarData } from '../../calendar/rules.js';
import type { VisitView } from '../../schedule/schema.js';
import { TeamNotFound } from '../../campaigns/service.js';
import type { CampaignDetail, TeamView } from '../../campaigns/schema.js';
import { NotFound } from '../../http/errors.js';
import { localToday } from '../../text/dates.js';
import { z } from 'zod';

// What every page of a team starts from: the campaign, the team (404 unless the person acts for it),
// today in the service's zone, the campaign's calendar, and the registration deadline as it stands.

export interface TeamContext {
  campaign: CampaignDetail;
  team: TeamView;
  today: string;
  calendar: CalendarData;
  base: string;
  registration: Deadline | null;
  /** Leaders and secretaries register until the deadline; the office always may (overriding with a reason). */
  canRegister: boolean;
  banner: string | null;
}

export interface Deadline {
  /** "Trước ngày X". */
  exclusive: string;
  lastDay: string;
  daysLeft: number;
  passed: boolean;
}

export function deadline(calendar: CalendarData, today: string, exclusive: string): Deadline {
  const daysLeft = workingDaysLeft(calendar, today, exclusive);
  return { exclusive, lastDay: lastWorkingDayBefore(calendar, exclusive), daysLeft, passed: daysLeft === 0 };
}

/** A path segment that must be a team number: decimal digits, no sign, no leading zero. */
export function numberParam(value: string | undefined): number {
  if (!value || !/^[1-9]\d{0,5}$/.test(value)) throw new NotFound('Không có trang này');
  return Number(value);
}

export function rehearsalBanner(campaign: { rehearsal: boolean }): string | null {
  return campaign.rehearsal ? 'Đợt kiểm tra dùng để tập làm quen; lịch và văn bản ở đây không có giá trị thật.' : null;
}

export function teamContext(services: Services, actor: Actor, campaignId: string, teamParam: string | undefined): TeamContext {
  const teamNumber = numberParam(teamParam);
  if (!canActForTeam(actor, campaignId, teamNumber)) throw new TeamNotFound(campaignId, teamNumber);
  const campaign = services.campaigns.detail(campaignId);
  const team = services.campaigns.team(campaignId, teamNumber);
  const calendar = services.calendar.forCampaign(campaignId);
  const today = localToday(services.now(), services.config.timeZone);
  const exclusive = campaign.rules.registrationDeadlineExclusive;
  const registration = exclusive ? deadline(calendar, today, exclusive) : null;
  return {
    campaign,
    team,
    today,
    calendar,
    base: `/dot/${encodeURIComponent(campaignId)}`,
    registration,
    canRegister: isOffice(actor) || !registration?.passed,
    banner: rehearsalBanner(campaign),
  };
}

/** The team's visits that still need a notice, with the last day to issue it. */
export function needingNotice(ctx: TeamContext, visits: readonly VisitView[]) {
  return visits
    .filter((v) => v.status === 'registered')
    .map((v) => {
      const last = latestNoticeDate(ctx.calendar, v.date, ctx.campaign.rules.notice.leadWorkingDays, ctx.campaign.rules.notice.convention);
      return { visit: v, lastDay: last, late: last < ctx.today, today: last === ctx.today };
    });
}

/** The standing office's written reason to register or move despite a clash or after the deadline (as the API: 10 characters at least). */
export const overrideReason = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => v === '' || v.length >= 10, 'Lý do phải có ít nhất 10 ký tự')
  .optional();

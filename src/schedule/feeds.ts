import type { Actor } from '../auth/actor.js';
import type { CampaignService } from '../campaigns/service.js';
import { buildCalendar, type IcsEvent } from './ics.js';
import { sessionNameVi, shortDate, teamLabel } from './labels.js';
import { statusNames } from './lifecycle.js';
import type { createScheduleReads } from './reads.js';
import type { VisitView } from './schema.js';

// iCalendar feeds of the schedule, per campaign, team and unit, for phones and Outlook. Cancelled
// visits stay in the feed as STATUS:CANCELLED so subscribed calendars remove them.

function event(visit: VisitView): IcsEvent {
  const team = teamLabel(visit.teamNumber);
  const lines = [
    `Đơn vị được kiểm tra: ${visit.unitName}`,
    `Đoàn kiểm tra số ${team}`,
    `Thời gian: ${sessionNameVi(visit.session)} ${shortDate(visit.date)}, ${visit.startTime}–${visit.endTime}`,
    `Trạng thái: ${statusNames[visit.status]}`,
    `Hạn ban hành thông báo kiểm tra: ${shortDate(visit.deadlines.latestNoticeDate)}`,
    `Hạn thông báo kết quả kiểm tra: ${shortDate(visit.deadlines.resultsNoticeDue)}`,
  ];
  if (visit.cancelReason) lines.push(`Lý do hủy: ${visit.cancelReason}`);
  const [startHour, startMinute] = visit.startTime.split(':').map(Number) as [number, number];
  const [endHour, endMinute] = visit.endTime.split(':').map(Number) as [number, number];
  return {
    uid: `visit-${visit.id}@${visit.campaignId}`,
    sequence: visit.version - 1,
    cancelled: visit.status === 'cancelled',
    date: visit.date,
    startMinute: startHour * 60 + startMinute,
    endMinute: endHour * 60 + endMinute,
    summary: `${visit.status === 'cancelled' ? '[Đã hủy] ' : ''}Đoàn ${team} kiểm tra ${visit.unitName}`,
    location: visit.place,
    description: lines.join('\n'),
    updatedAt: visit.updatedAt,
    createdAt: visit.registeredAt,
  };
}

export function createFeeds(deps: { campaigns: CampaignService; reads: ReturnType<typeof createScheduleReads>; timeZone: string }) {
  const { campaigns, reads, timeZone } = deps;
  const render = (name: string, visits: readonly VisitView[]) => buildCalendar({ name, timeZone, events: visits.map(event) });

  return {
    campaignFeed(campaignId: string): string {
      const title = campaigns.summary(campaignId).title;
      const visits = reads.byDay(campaignId, true).days.flatMap((d) => d.visits);
      return render(`Lịch kiểm tra - ${title}`, visits);
    },
    teamFeed(campaignId: string, teamNumber: number, actor: Actor): string {
      const schedule = reads.byTeam(campaignId, teamNumber, actor, true);
      return render(`Lịch kiểm tra - Đoàn ${teamLabel(teamNumber)}`, schedule.visits);
    },
    unitFeed(campaignId: string, unitId: string, actor: Actor): string {
      const schedule = reads.byUnit(campaignId, unitId, actor, true);
      const seen = new Set<number>();
      const visits = [...schedule.inspected, ...schedule.awayInspecting].filter((v) => !seen.has(v.id) && seen.add(v.id));
      return render(`Lịch kiểm tra - ${schedule.name}`, visits);
    },
  };
}

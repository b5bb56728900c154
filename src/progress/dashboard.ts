import type { Actor } from '../auth/actor.js';
import { canSeeCampaign } from '../auth/policy.js';
import {
  addDays,
  addWorkingDays,
  lastDayBefore,
  lastWorkingDayBefore,
  latestNoticeDate,
  listDays,
  resultsNoticeDue,
  type CalendarData,
} from '../calendar/rules.js';
import { CampaignNotFound, type CampaignService } from '../campaigns/service.js';
import type { DocumentAggregates } from '../documents/aggregates.js';
import type { FindingsAggregates, RecommendationCounts } from '../findings/conclusions/aggregates.js';
import { fieldErrors, ValidationFailed } from '../http/errors.js';
import type { SelfReportAggregates, UnitSelfReport } from '../outlines/aggregates.js';
import type { ScheduleAggregates } from '../schedule/aggregates.js';
import { localToday, shortDate } from '../text/dates.js';
import { twoDigits } from '../text/vietnamese.js';
import { overdueCutoff } from './cutoffs.js';
import { ATTENTION_LIMIT, DASHBOARD_PAGE_SIZE, type AttentionGroup, type DashboardQuery, type DashboardTeam, type DashboardView } from './dashboard-schema.js';

// The standing office's dashboard, composed from counts and bounded lists each module computes in
// SQL over its own tables. Its cost follows the number of teams and the page of units shown, not the
// size of the campaign (bench/dashboard.ts measures 1,000 units against Quảng Xương's 51).

/** Working days ahead in which a visit without its unit's self-report is flagged. */
export const SELF_REPORT_WARNING_DAYS = 3;

export interface DashboardDeps {
  now: () => Date;
  timeZone: string;
  campaigns: Pick<CampaignService, 'rules' | 'targetCountsByTeam' | 'targetsPage'>;
  schedule: ScheduleAggregates;
  documents: DocumentAggregates;
  selfReports: SelfReportAggregates;
  findings: FindingsAggregates;
  calendar: { forCampaign(campaignId: string): CalendarData };
}

const labels: Record<AttentionGroup['kind'], string> = {
  registration: 'Đơn vị được kiểm tra chưa có lịch sau hạn đăng ký',
  notice: 'Buổi kiểm tra quá hạn ban hành thông báo kiểm tra',
  'results-notice': 'Đơn vị quá hạn thông báo kết quả kiểm tra',
  'team-report': 'Đoàn quá hạn gửi báo cáo kết quả kiểm tra',
  'self-report': `Đơn vị chưa nộp báo cáo, sắp đến buổi kiểm tra (trong ${SELF_REPORT_WARNING_DAYS} ngày làm việc)`,
  recommendation: 'Kiến nghị quá hạn chưa thực hiện',
};

const none = { teamNumber: 0, unitId: null, unitName: null, visitId: null, recommendationId: null, date: null, dueDate: null, text: null };
const zeroRecommendations: RecommendationCounts = { total: 0, open: 0, done: 0, overdue: 0 };

/** Where a unit's report stands when its visit is near and it is not submitted. */
function selfReportState(report: UnitSelfReport | undefined): string {
  if (!report) return 'chưa có báo cáo của đơn vị';
  if (report.returned) return `báo cáo bị trả lại để chỉnh sửa, chưa nộp lại (đã trả lời ${report.answered} mục)`;
  return `chưa nộp báo cáo của đơn vị (đã trả lời ${report.answered} mục)`;
}

function badFilter(field: 'team' | 'page', message: string): Error {
  return fieldErrors(ValidationFailed, `Bộ lọc không hợp lệ: ${field} — ${message}`, [{ in: 'querystring', field, message }]);
}

export type Dashboard = ReturnType<typeof createDashboard>;

export function createDashboard(deps: DashboardDeps) {
  const { campaigns, schedule, documents, selfReports, findings } = deps;

  function attention(campaignId: string, today: string, calendar: CalendarData, teams: DashboardTeam[]): AttentionGroup[] {
    const rules = campaigns.rules(campaignId);
    const group = (kind: AttentionGroup['kind'], total: number, items: AttentionGroup['items']): AttentionGroup => ({
      kind,
      label: labels[kind],
      total,
      items,
    });
    const groups: AttentionGroup[] = [];

    const registration = rules.registrationDeadlineExclusive;
    if (registration !== null && today >= registration) {
      const lastDay = lastWorkingDayBefore(calendar, registration);
      const found = schedule.unscheduledTargets(campaignId, ATTENTION_LIMIT);
      groups.push(
        group(
          'registration',
          found.total,
          found.items.map((t) => ({ ...none, ...t, dueDate: lastDay })),
        ),
      );
    }

    const notice = (date: string) => latestNoticeDate(calendar, date, rules.notice.leadWorkingDays, rules.notice.convention);
    const late = schedule.registeredBefore(campaignId, overdueCutoff(notice, today), ATTENTION_LIMIT);
    groups.push(
      group(
        'notice',
        late.total,
        late.items.map((v) => ({ ...none, ...v, dueDate: notice(v.date) })),
      ),
    );

    const resultsDue = (basis: string) => resultsNoticeDue(calendar, basis, rules.resultsNotice.workingDays);
    const results = documents.overdueResults(campaignId, rules.resultsNotice.countFrom, overdueCutoff(resultsDue, today), ATTENTION_LIMIT);
    groups.push(
      group(
        'results-notice',
        results.total,
        results.items.map((r) => ({ ...none, ...r, dueDate: resultsDue(r.basis) })),
      ),
    );

    const reportDue = rules.teamReportDeadlineExclusive ? lastDayBefore(rules.teamReportDeadlineExclusive) : null;
    const reportsLate = reportDue !== null && today > reportDue ? teams.filter((t) => t.teamReport.filedOn === null) : [];
    groups.push(
      group(
        'team-report',
        reportsLate.length,
        reportsLate.slice(0, ATTENTION_LIMIT).map((t) => ({ ...none, teamNumber: t.number, dueDate: reportDue })),
      ),
    );

    const soon = schedule.activeBetween(campaignId, today, addWorkingDays(calendar, today, SELF_REPORT_WARNING_DAYS), 2_000);
    const reported = selfReports.answeredBy(campaignId, [...new Set(soon.map((v) => v.unitId))]);
    const missing = soon.filter((v) => !reported.get(v.unitId)?.submittedAt);
    groups.push(
      group(
        'self-report',
        missing.length,
        missing.slice(0, ATTENTION_LIMIT).map((v) => ({ ...none, ...v, dueDate: v.date, text: selfReportState(reported.get(v.unitId)) })),
      ),
    );

    const effective = (due: string) => addWorkingDays(calendar, due, 0);
    const overdue = findings.overdueRecommendations(campaignId, overdueCutoff(effective, today), ATTENTION_LIMIT);
    groups.push(
      group(
        'recommendation',
        overdue.total,
        overdue.items.map(({ status, expectedDate, ...r }) => ({
          ...none,
          ...r,
          date: null,
          dueDate: r.dueDate,
          text: `${r.text} (đơn vị thực hiện: ${r.responsibleUnitName}; ${status === 'in-progress' && expectedDate ? `đang thực hiện, dự kiến xong ${shortDate(expectedDate)}` : 'chưa có trả lời'})`,
        })),
      ),
    );
    return groups;
  }

  function teamLines(campaignId: string, today: string, calendar: CalendarData): DashboardTeam[] {
    const rules = campaigns.rules(campaignId);
    const statuses = schedule.statusCountsByTeam(campaignId);
    const scheduled = schedule.scheduledTargetsByTeam(campaignId);
    const results = documents.resultsNoticesByTeam(campaignId);
    const reports = documents.teamReportsFiled(campaignId);
    const reportsOf = selfReports.selfReportsByTeam(campaignId);
    const effective = (due: string) => addWorkingDays(calendar, due, 0);
    const recommendations = findings.recommendationsByTeam(campaignId, overdueCutoff(effective, today));
    const reportDue = rules.teamReportDeadlineExclusive ? lastDayBefore(rules.teamReportDeadlineExclusive) : null;
    return campaigns.targetCountsByTeam(campaignId).map((team) => {
      const count = (...wanted: string[]) =>
        statuses.filter((s) => s.teamNumber === team.number && wanted.includes(s.status)).reduce((n, s) => n + s.visits, 0);
      const own = reportsOf.get(team.number);
      return {
        number: team.number,
        name: team.name,
        leaderUnitName: team.leaderUnitName,
        targets: team.targets,
        scheduled: scheduled.get(team.number) ?? 0,
        visits: count('registered', 'notified', 'carried-out', 'concluded'),
        notified: count('notified', 'carried-out', 'concluded'),
        carriedOut: count('carried-out', 'concluded'),
        concluded: count('concluded'),
        resultsNotices: results.get(team.number) ?? 0,
        teamReport: { dueDate: reportDue, filedOn: reports.get(team.number) ?? null },
        selfReports: { started: own?.started ?? 0, submitted: own?.submitted ?? 0, answered: own?.answered ?? 0, expected: own?.expected ?? 0 },
        recommendations: recommendations.get(team.number) ?? zeroRecommendations,
      };
    });
  }

  function unitPage(
    campaignId: string,
    today: string,
    calendar: CalendarData,
    teams: readonly { number: number }[],
    query: DashboardQuery,
  ): DashboardView['units'] {
    if (query.team !== undefined && !teams.some((t) => t.number === query.team)) {
      throw badFilter('team', `đợt kiểm tra không có Đoàn kiểm tra số ${twoDigits(query.team)}`);
    }
    const { total, lines } = campaigns.targetsPage(campaignId, {
      teamNumber: query.team,
      limit: DASHBOARD_PAGE_SIZE,
      offset: (query.page - 1) * DASHBOARD_PAGE_SIZE,
    });
    const pages = Math.max(1, Math.ceil(total / DASHBOARD_PAGE_SIZE));
    if (query.page > pages) throw badFilter('page', `chỉ có ${pages} trang`);
    const unitIds = lines.map((l) => l.unitId);
    const visits = schedule.firstVisitsOf(campaignId, unitIds);
    const answered = selfReports.answeredBy(campaignId, unitIds);
    const expected = selfReports.expectedOf(campaignId, unitIds);
    const states = findings.conclusionStatesOf([...visits.values()].map((v) => v.id));
    const results = documents.resultsIssuedFor(campaignId, unitIds);
    const effective = (due: string) => addWorkingDays(calendar, due, 0);
    const recommendations = findings.recommendationsOfUnits(campaignId, unitIds, overdueCutoff(effective, today));
    return {
      teamNumber: query.team ?? null,
      page: query.page,
      pages,
      total,
      lines: lines.map((line) => {
        const visit = visits.get(line.unitId) ?? null;
        const given = answered.get(line.unitId);
        return {
          ...line,
          visit,
          selfReport:
            given === undefined
              ? null
              : {
                  answered: given.answered,
                  expected: expected.get(line.unitId) ?? 0,
                  submittedOn: given.submittedAt === null ? null : localToday(new Date(given.submittedAt), deps.timeZone),
                  returned: given.returned,
                },
          conclusion: visit ? (states.get(visit.id) ?? null) : null,
          resultsNoticeIssuedOn: results.get(line.unitId) ?? null,
          recommendations: recommendations.get(line.unitId) ?? zeroRecommendations,
        };
      }),
    };
  }

  /** Planned, carried out and concluded visits, cumulative, on each working day of the window. */
  function days(campaignId: string, calendar: CalendarData): DashboardView['days'] {
    const rules = campaigns.rules(campaignId);
    const counts = schedule.dailyCounts(campaignId);
    const out: DashboardView['days'] = [];
    let planned = 0;
    let done = 0;
    let concluded = 0;
    let i = 0;
    for (const day of listDays(calendar, rules.window.start, addDays(rules.window.endExclusive, -1))) {
      for (; i < counts.length && counts[i]!.date <= day.date; i += 1) {
        const c = counts[i]!;
        planned += c.visits;
        if (c.status === 'carried-out' || c.status === 'concluded') done += c.visits;
        if (c.status === 'concluded') concluded += c.visits;
      }
      if (day.working) out.push({ date: day.date, planned, done, concluded });
    }
    return out;
  }

  return {
    /** One page of unit lines only (the exports read them all, page by page). */
    units(actor: Actor, campaignId: string, query: DashboardQuery): DashboardView['units'] {
      if (!canSeeCampaign(actor, campaignId)) throw new CampaignNotFound(campaignId);
      const calendar = deps.calendar.forCampaign(campaignId);
      return unitPage(campaignId, localToday(deps.now(), deps.timeZone), calendar, campaigns.targetCountsByTeam(campaignId), query);
    },

    /** The office's dashboard of a campaign; filters refused with 400 naming them. */
    dashboard(actor: Actor, campaignId: string, query: DashboardQuery): DashboardView {
      if (!canSeeCampaign(actor, campaignId)) throw new CampaignNotFound(campaignId);
      const rules = campaigns.rules(campaignId);
      const calendar = deps.calendar.forCampaign(campaignId);
      const today = localToday(deps.now(), deps.timeZone);
      const teams = teamLines(campaignId, today, calendar);
      const units = unitPage(campaignId, today, calendar, teams, query);
      const sum = (pick: (t: DashboardTeam) => number) => teams.reduce((n, t) => n + pick(t), 0);
      const registration = rules.registrationDeadlineExclusive;
      return {
        campaignId,
        today,
        registration: {
          deadlineExclusive: registration,
          lastDay: registration ? lastWorkingDayBefore(calendar, registration) : null,
          closed: registration !== null && today >= registration,
        },
        attention: attention(campaignId, today, calendar, teams),
        totals: {
          teams: teams.length,
          targets: sum((t) => t.targets),
          scheduled: sum((t) => t.scheduled),
          visits: sum((t) => t.visits),
          notified: sum((t) => t.notified),
          carriedOut: sum((t) => t.carriedOut),
          concluded: sum((t) => t.concluded),
          resultsNotices: sum((t) => t.resultsNotices),
          teamReports: teams.filter((t) => t.teamReport.filedOn !== null).length,
          selfReports: {
            started: sum((t) => t.selfReports.started),
            submitted: sum((t) => t.selfReports.submitted),
            answered: sum((t) => t.selfReports.answered),
            expected: sum((t) => t.selfReports.expected),
          },
          recommendations: {
            total: sum((t) => t.recommendations.total),
            open: sum((t) => t.recommendations.open),
            done: sum((t) => t.recommendations.done),
            overdue: sum((t) => t.recommendations.overdue),
          },
        },
        teams,
        units,
        days: days(campaignId, calendar),
      };
    },
  };
}

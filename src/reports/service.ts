import type { Writable } from 'node:stream';
import type { Actor } from '../auth/actor.js';
import { canSeeCampaign } from '../auth/policy.js';
import { addDays, lastDayBefore, lastWorkingDayBefore, listDays, type CalendarData } from '../calendar/rules.js';
import { CampaignNotFound, type CampaignService } from '../campaigns/service.js';
import type { DocumentService } from '../documents/service.js';
import type { FindingsService } from '../findings/service.js';
import { fieldErrors, ValidationFailed } from '../http/errors.js';
import type { OutlineService } from '../outlines/service.js';
import type { Dashboard } from '../progress/dashboard.js';
import type { DashboardTeam } from '../progress/dashboard-schema.js';
import type { PdfEngine } from '../render/pdf.js';
import type { Templates } from '../render/templates.js';
import type { ScheduleService } from '../schedule/service.js';
import type { VisitStatus } from '../schedule/tables.js';
import { localToday, shortDate } from '../text/dates.js';
import { twoDigits } from '../text/vietnamese.js';
import { figureColumns, numbered, recommendationColumns, scheduleColumns, teamProgressColumns, unitProgressColumns, type UnitProgressRow } from './exports.js';
import { once, workbookBuffer, writeWorkbook, type Sheet } from './sheets.js';
import { brief, buildSummaryContent, summaryDocx, type SummaryTeam } from './summary.js';
import { buildTimeline, paginate, PICTURED_CLASHES, type TimelineModel } from './timeline.js';

// The standing office's exports and printouts: .xlsx sheets of the schedule, progress, the
// recommendations register and the self-reports' figures; the Word summary of the round; the
// timeline as a picture (page) and an A4 landscape PDF. Filters are checked before anything is
// written: an unknown value is a 400 naming the filter, never a half-written file.

// What the office's pages show as the documents do: a feed line shortened like the summary's, the
// timeline's legend.
export { brief } from './summary.js';
export { LEGEND, PICTURED_CLASHES } from './timeline.js';

export interface ReportDeps {
  now: () => Date;
  timeZone: string;
  campaigns: CampaignService;
  calendar: { forCampaign(campaignId: string): CalendarData };
  schedule: ScheduleService;
  documents: DocumentService;
  outlines: OutlineService;
  findings: FindingsService;
  dashboard: Dashboard;
  templates: Templates;
  pdf: PdfEngine;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** Team rows on one A4 landscape page of the timeline. */
const ROWS_PER_PAGE = 22;

const asSheets = (...sheets: Sheet<never>[]) => sheets;

export type ReportService = ReturnType<typeof createReportService>;

export function createReportService(deps: ReportDeps) {
  const { campaigns, schedule, findings, outlines, dashboard } = deps;

  function visible(actor: Actor, campaignId: string) {
    if (!canSeeCampaign(actor, campaignId)) throw new CampaignNotFound(campaignId);
    return campaigns.detail(campaignId);
  }

  function checkTeam(campaignId: string, team: number | undefined): void {
    if (team === undefined || campaigns.hasTeam(campaignId, team)) return;
    const message = `đợt kiểm tra không có Đoàn kiểm tra số ${twoDigits(team)}`;
    throw fieldErrors(ValidationFailed, `Bộ lọc không hợp lệ: team — ${message}`, [{ in: 'querystring', field: 'team', message }]);
  }

  const teamNames = (campaignId: string) => {
    const names = new Map(campaigns.targetCountsByTeam(campaignId).map((t) => [t.number, t.name]));
    return (n: number) => names.get(n) ?? `Đoàn kiểm tra số ${twoDigits(n)}`;
  };

  /** Every unit line of the campaign (or of one team), read page by page. */
  function* unitLines(actor: Actor, campaignId: string, team: number | undefined): Generator<UnitProgressRow[]> {
    const name = teamNames(campaignId);
    for (let page = 1; ; page += 1) {
      const view = dashboard.units(actor, campaignId, { team, page });
      yield view.lines.map((l) => ({ ...l, teamName: name(l.teamNumber) }));
      if (page >= view.pages) return;
    }
  }

  function timelineModel(actor: Actor, campaignId: string, by: 'team' | 'unit'): { model: TimelineModel; heading: string; subtitle: string } {
    const detail = visible(actor, campaignId);
    const rules = detail.rules;
    const calendar = deps.calendar.forCampaign(campaignId);
    const lastDay = addDays(rules.window.endExclusive, -1);
    const registration = rules.registrationDeadlineExclusive ? lastWorkingDayBefore(calendar, rules.registrationDeadlineExclusive) : null;
    const report = rules.teamReportDeadlineExclusive ? lastDayBefore(rules.teamReportDeadlineExclusive) : null;
    const from = registration && registration < rules.window.start ? registration : rules.window.start;
    const to = report && report > lastDay ? report : lastDay;
    const teams = campaigns.targetCountsByTeam(campaignId);
    const teamName = new Map(teams.map((t) => [t.number, t.name]));
    const review = schedule.conflicts(campaignId);
    const clashing = new Set(review.conflicts.filter((c) => !c.overridden && PICTURED_CLASHES.has(c.code)).flatMap((c) => c.visits));
    const visits = schedule.listForCampaign(campaignId).map((v) => ({
      ...v,
      teamName: teamName.get(v.teamNumber) ?? `Đoàn ${twoDigits(v.teamNumber)}`,
      overridden: v.overriddenCodes.length > 0,
    }));
    const rows =
      by === 'team'
        ? teams.map((t) => ({ key: String(t.number), label: `${t.name.replace('Đoàn kiểm tra số', 'Đoàn')} · ${t.leaderUnitName}` }))
        : campaigns.teams(campaignId).flatMap((t) => t.targets.map((x) => ({ key: x.unitId, label: `Đoàn ${twoDigits(t.number)} · ${x.name}` })));
    const model = buildTimeline({
      title: `Toàn cảnh lịch kiểm tra: ${detail.title}`,
      by,
      days: listDays(calendar, from, to),
      rows,
      visits,
      clashing,
      deadlines: [
        ...(registration ? [{ date: registration, label: 'Hạn đăng ký lịch' }] : []),
        { date: lastDay, label: 'Kết thúc kiểm tra' },
        ...(report ? [{ date: report, label: 'Hạn báo cáo của Đoàn' }] : []),
      ],
    });
    const today = localToday(deps.now(), deps.timeZone);
    return {
      model,
      heading: `${detail.rehearsal ? '[DIỄN TẬP] ' : ''}TOÀN CẢNH LỊCH KIỂM TRA — ${detail.title}`,
      subtitle: `${detail.issuingBody} · kiểm tra từ ${shortDate(rules.window.start)} đến ${shortDate(lastDay)} · số liệu ngày ${shortDate(today)}`,
    };
  }

  return {
    /** The timeline's geometry and its SVG (the same markup the PDF prints). */
    timeline(actor: Actor, campaignId: string, by: 'team' | 'unit') {
      const { model, heading, subtitle } = timelineModel(actor, campaignId, by);
      return { model, heading, subtitle, svg: deps.templates.render('timeline-figure', model) };
    },

    async timelinePdf(actor: Actor, campaignId: string, by: 'team' | 'unit'): Promise<ExportFile> {
      const { model, heading, subtitle } = timelineModel(actor, campaignId, by);
      const pages = paginate(model, ROWS_PER_PAGE);
      const html = deps.templates.render('timeline', { title: heading, heading, subtitle, pages, many: pages.length > 1, count: pages.length });
      return { filename: `toan-canh-${campaignId}.pdf`, contentType: 'application/pdf', bytes: await deps.pdf.render(html) };
    },

    /**
     * The schedule as .xlsx, written to out as it is read (50,000 visits in flat memory). Checks the
     * filters first and throws before anything is written.
     */
    scheduleExport(actor: Actor, campaignId: string, filter: { team?: number | undefined; status?: VisitStatus | undefined }) {
      const detail = visible(actor, campaignId);
      checkTeam(campaignId, filter.team);
      const columns = scheduleColumns(detail.rules, deps.calendar.forCampaign(campaignId), deps.timeZone);
      const chunks = numbered(schedule.aggregates.exportChunks(campaignId, { teamNumber: filter.team, status: filter.status }));
      return {
        filename: `lich-kiem-tra-${campaignId}${filter.team ? `-doan-${filter.team}` : ''}.xlsx`,
        contentType: XLSX,
        write: (out: Writable) => writeWorkbook(out, `Lịch kiểm tra — ${detail.title}`, asSheets({ name: 'Lịch kiểm tra', columns, chunks } as Sheet<never>)),
      };
    },

    async progressWorkbook(actor: Actor, campaignId: string, filter: { team?: number | undefined }): Promise<ExportFile> {
      const detail = visible(actor, campaignId);
      checkTeam(campaignId, filter.team);
      const teams = dashboard.dashboard(actor, campaignId, { page: 1 }).teams.filter((t) => filter.team === undefined || t.number === filter.team);
      const bytes = await workbookBuffer(
        `Tiến độ — ${detail.title}`,
        asSheets(
          { name: 'Theo đoàn', columns: teamProgressColumns, chunks: once<DashboardTeam>(teams) } as Sheet<never>,
          { name: 'Theo đơn vị', columns: unitProgressColumns, chunks: unitLines(actor, campaignId, filter.team) } as Sheet<never>,
        ),
      );
      return { filename: `tien-do-${campaignId}.xlsx`, contentType: XLSX, bytes };
    },

    async recommendationsWorkbook(
      actor: Actor,
      campaignId: string,
      filter: { team?: number | undefined; status?: 'open' | 'in-progress' | 'done' | undefined; overdue?: boolean | undefined },
    ): Promise<ExportFile> {
      const detail = visible(actor, campaignId);
      checkTeam(campaignId, filter.team);
      const rows = findings.recommendations
        .list(actor, campaignId, { status: filter.status, overdue: filter.overdue })
        .filter((r) => filter.team === undefined || r.teamNumber === filter.team);
      const names = campaigns.unitNames(campaignId, [...new Set(rows.map((r) => r.unitId))]);
      const columns = recommendationColumns(teamNames(campaignId), (id) => names.get(id) ?? id, deps.timeZone);
      const bytes = await workbookBuffer(`Kiến nghị — ${detail.title}`, asSheets({ name: 'Kiến nghị', columns, chunks: numbered(once(rows)) } as Sheet<never>));
      return { filename: `kien-nghi-${campaignId}.xlsx`, contentType: XLSX, bytes };
    },

    async figuresWorkbook(actor: Actor, campaignId: string, filter: { team?: number | undefined }): Promise<ExportFile> {
      const detail = visible(actor, campaignId);
      checkTeam(campaignId, filter.team);
      const sums = outlines.aggregates.figureSums(campaignId, filter.team);
      const bytes = await workbookBuffer(
        `Số liệu báo cáo của các đơn vị — ${detail.title}`,
        asSheets({ name: 'Số liệu tổng hợp', columns: figureColumns, chunks: numbered(once(sums)) } as Sheet<never>),
      );
      return { filename: `so-lieu-bao-cao-${campaignId}.xlsx`, contentType: XLSX, bytes };
    },

    /** The Word summary of the round, from the data as it stands today. */
    async summary(actor: Actor, campaignId: string): Promise<ExportFile> {
      const detail = visible(actor, campaignId);
      const today = localToday(deps.now(), deps.timeZone);
      const board = dashboard.dashboard(actor, campaignId, { page: 1 });
      const list = findings.conclusions.list(actor, campaignId).conclusions;
      const visits = new Map(schedule.listForCampaign(campaignId).map((v) => [v.id, v]));
      const structure = campaigns.teams(campaignId);
      const teams: SummaryTeam[] = board.teams.map((team) => {
        const own = list.filter((c) => c.teamNumber === team.number);
        const targets = structure.find((t) => t.number === team.number)?.targets ?? [];
        return {
          name: team.name,
          leaderUnitName: team.leaderUnitName,
          targets: team.targets,
          visited: team.carriedOut,
          concluded: own.filter((c) => c.state === 'published').length,
          resultsNotices: team.resultsNotices,
          teamReportOn: team.teamReport.filedOn,
          units: targets.map((target) => {
            const conclusion = own.find((c) => c.unitId === target.unitId && c.state === 'published');
            const published = conclusion ? findings.publishedConclusion(campaignId, conclusion.visitId) : null;
            return {
              unitName: target.name,
              visitDate: conclusion ? (visits.get(conclusion.visitId)?.date ?? null) : null,
              achieved: published ? brief(published.achieved) : null,
              shortcomings: published && published.shortcomings.trim() !== '' ? brief(published.shortcomings) : null,
              recommendations: published?.recommendations.length ?? 0,
            };
          }),
        };
      });
      const recommendations = findings.recommendations.list(actor, campaignId);
      const content = buildSummaryContent({
        campaign: {
          title: detail.title,
          issuingBody: detail.issuingBody,
          parentBody: detail.parentBody,
          placeName: detail.placeName,
          standingOfficeName: detail.standingOffice.name,
          window: { start: detail.rules.window.start, last: addDays(detail.rules.window.endExclusive, -1) },
          rehearsal: detail.rehearsal,
        },
        today,
        teams,
        recommendations: {
          total: recommendations.length,
          done: recommendations.filter((r) => r.status === 'done').length,
          open: recommendations.filter((r) => r.status === 'open').length,
          overdue: recommendations.filter((r) => r.overdue).map((r) => ({ text: r.text, unitName: r.responsibleUnitName, dueDate: r.dueDate })),
        },
      });
      return { filename: `bao-cao-tong-hop-${campaignId}.docx`, contentType: DOCX, bytes: await summaryDocx(content) };
    },
  };
}

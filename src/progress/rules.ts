import { countWorkingDays, deadlineOf, type CalendarData, type Deadline } from '../calendar/rules.js';

// Pure: the standing office's morning report. Counts per team and for the campaign, and every
// overdue item with its due date and working days late. Which documents are overdue is what
// documents.summary says (it owns their due dates); recommendations come from findings.

export type OverdueKind = 'registration' | 'notice' | 'results-notice' | 'team-report' | 'recommendation';

export interface OverdueItem {
  kind: OverdueKind;
  label: string;
  teamNumber: number;
  unitId: string | null;
  visitId: number | null;
  recommendationId: number | null;
  dueDate: string;
  workingDaysLate: number;
}

export interface ProgressTeam {
  number: number;
  name: string;
  targets: { unitId: string; name: string }[];
}

export interface ProgressVisit {
  id: number;
  teamNumber: number;
  unitId: string;
  date: string;
  status: string;
}

/** A document due under the plan, as documents.summary reports it. */
export interface DocumentDue {
  kind: 'notice' | 'results-notice' | 'team-report';
  teamNumber: number;
  unitId: string | null;
  visitIds: number[];
  dueDate: string | null;
  state: 'pending' | 'overdue' | 'issued' | 'issued-late';
  issueDate: string | null;
}

export interface ProgressInput {
  teams: ProgressTeam[];
  /** Visits of the campaign; cancelled ones are ignored. */
  visits: ProgressVisit[];
  /** Every notice, results notice and team report due, with its state (documents.summary). */
  documents: DocumentDue[];
  checklist: ReadonlyMap<number, { answered: number; total: number }>;
  conclusionState: ReadonlyMap<number, string>;
  overdueRecommendations: { id: number; visitId: number; teamNumber: number; unitId: string; effectiveDueDate: string }[];
  /** "Trước ngày X" of the registration, or null when the plan sets none. */
  registrationDeadlineExclusive: string | null;
}

export interface Counts {
  targets: number;
  registered: number;
  notified: number;
  carriedOut: number;
  concluded: number;
  resultsNoticesSent: number;
  teamReportsFiled: number;
  overdue: number;
}

export interface UnitLine {
  teamNumber: number;
  unitId: string;
  unitName: string;
  visit: { id: number; date: string; status: string } | null;
  checklist: { answered: number; total: number } | null;
  conclusion: string | null;
  resultsNoticeIssuedOn: string | null;
  overdue: OverdueItem[];
}

export interface TeamProgress {
  teamNumber: number;
  name: string;
  counts: Counts;
  teamReport: { dueDate: string | null; filedOn: string | null };
  units: UnitLine[];
  overdue: OverdueItem[];
}

const NOTIFIED = new Set(['notified', 'carried-out', 'concluded']);
const CARRIED_OUT = new Set(['carried-out', 'concluded']);

const labels: Record<OverdueKind, string> = {
  registration: 'Chưa đăng ký lịch kiểm tra',
  notice: 'Chưa gửi thông báo kiểm tra',
  'results-notice': 'Chưa gửi thông báo kết quả kiểm tra',
  'team-report': 'Chưa gửi báo cáo kết quả kiểm tra của đoàn',
  recommendation: 'Kiến nghị chưa thực hiện đã quá hạn',
};

function item(
  calendar: CalendarData,
  today: string,
  kind: OverdueKind,
  dueDate: string,
  at: { teamNumber: number; unitId?: string; visitId?: number; recommendationId?: number },
): OverdueItem {
  return {
    kind,
    label: labels[kind],
    teamNumber: at.teamNumber,
    unitId: at.unitId ?? null,
    visitId: at.visitId ?? null,
    recommendationId: at.recommendationId ?? null,
    dueDate,
    workingDaysLate: Math.max(1, countWorkingDays(calendar, dueDate, today)),
  };
}

const ISSUED = new Set(['issued', 'issued-late']);

/** Visit id → issue date of its results notice. */
function resultsIssued(input: ProgressInput): Map<number, string> {
  const out = new Map<number, string>();
  for (const d of input.documents) {
    if (d.kind === 'results-notice' && ISSUED.has(d.state) && d.issueDate) for (const id of d.visitIds) out.set(id, d.issueDate);
  }
  return out;
}

export interface RegistrationState {
  deadline: Deadline | null;
  closed: boolean;
  unscheduledTargets: { teamNumber: number; unitId: string; name: string }[];
}

/** Once registration has closed, the targets no active visit was registered for. */
export function registrationState(input: ProgressInput, calendar: CalendarData, today: string): RegistrationState {
  const before = input.registrationDeadlineExclusive;
  const closed = before !== null && today >= before;
  const scheduled = new Set(input.visits.filter((v) => v.status !== 'cancelled').map((v) => `${v.teamNumber}|${v.unitId}`));
  return {
    deadline: before === null ? null : deadlineOf(calendar, before),
    closed,
    unscheduledTargets: closed
      ? input.teams.flatMap((team) => team.targets.filter((t) => !scheduled.has(`${team.number}|${t.unitId}`)).map((t) => ({ teamNumber: team.number, ...t })))
      : [],
  };
}

/** Everything overdue on `today`, oldest due date first. */
export function overdueItems(input: ProgressInput, calendar: CalendarData, today: string): OverdueItem[] {
  const out: OverdueItem[] = [];
  const registration = registrationState(input, calendar, today);
  for (const target of registration.unscheduledTargets) {
    out.push(item(calendar, today, 'registration', registration.deadline!.lastDay, { teamNumber: target.teamNumber, unitId: target.unitId }));
  }
  for (const d of input.documents) {
    if (d.state !== 'overdue' || d.dueDate === null) continue;
    const kind = d.kind;
    const visits = d.visitIds.length > 0 ? d.visitIds : [null];
    for (const visitId of kind === 'team-report' ? [null] : visits) {
      const unitId = d.unitId ?? input.visits.find((v) => v.id === visitId)?.unitId;
      out.push(item(calendar, today, kind, d.dueDate, { teamNumber: d.teamNumber, ...(unitId ? { unitId } : {}), ...(visitId ? { visitId } : {}) }));
    }
  }
  for (const r of input.overdueRecommendations) {
    out.push(item(calendar, today, 'recommendation', r.effectiveDueDate, { ...r, recommendationId: r.id }));
  }
  return out.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.teamNumber - b.teamNumber));
}

function counts(targets: number, visits: ProgressVisit[], issued: ReadonlyMap<number, string>, teamsFiled: number, overdue: number): Counts {
  return {
    targets,
    registered: visits.length,
    notified: visits.filter((v) => NOTIFIED.has(v.status)).length,
    carriedOut: visits.filter((v) => CARRIED_OUT.has(v.status)).length,
    concluded: visits.filter((v) => v.status === 'concluded').length,
    resultsNoticesSent: visits.filter((v) => issued.has(v.id)).length,
    teamReportsFiled: teamsFiled,
    overdue,
  };
}

/** Per team: counts, its report, one line per target unit, its overdue items. */
export function teamProgress(input: ProgressInput, calendar: CalendarData, today: string): TeamProgress[] {
  const overdue = overdueItems(input, calendar, today);
  const issued = resultsIssued(input);
  const active = input.visits.filter((v) => v.status !== 'cancelled');
  return input.teams.map((team) => {
    const visits = active.filter((v) => v.teamNumber === team.number);
    const teamOverdue = overdue.filter((o) => o.teamNumber === team.number);
    const units = team.targets.map((target): UnitLine => {
      const visit = visits.filter((v) => v.unitId === target.unitId).sort((a, b) => (a.date < b.date ? -1 : 1))[0] ?? null;
      return {
        teamNumber: team.number,
        unitId: target.unitId,
        unitName: target.name,
        visit: visit ? { id: visit.id, date: visit.date, status: visit.status } : null,
        checklist: visit ? (input.checklist.get(visit.id) ?? null) : null,
        conclusion: visit ? (input.conclusionState.get(visit.id) ?? null) : null,
        resultsNoticeIssuedOn: visit ? (issued.get(visit.id) ?? null) : null,
        overdue: teamOverdue.filter((o) => o.unitId === target.unitId),
      };
    });
    const report = input.documents.find((d) => d.kind === 'team-report' && d.teamNumber === team.number);
    const filed = report && ISSUED.has(report.state) ? report.issueDate : null;
    return {
      teamNumber: team.number,
      name: team.name,
      counts: counts(team.targets.length, visits, issued, filed ? 1 : 0, teamOverdue.length),
      teamReport: { dueDate: report?.dueDate ?? null, filedOn: filed },
      units,
      overdue: teamOverdue,
    };
  });
}

/** Campaign totals: the sum of the teams given (so a filtered report totals only what it shows). */
export function totals(teams: TeamProgress[]): Counts {
  const zero: Counts = { targets: 0, registered: 0, notified: 0, carriedOut: 0, concluded: 0, resultsNoticesSent: 0, teamReportsFiled: 0, overdue: 0 };
  return teams.reduce((sum, t) => {
    for (const key of Object.keys(sum) as (keyof Counts)[]) sum[key] += t.counts[key];
    return sum;
  }, zero);
}

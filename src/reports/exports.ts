import { latestNoticeDate, type CalendarData } from '../calendar/rules.js';
import type { CampaignRules } from '../campaigns/schema.js';
import type { RecommendationListItem } from '../findings/conclusions/schema.js';
import type { FigureSum } from '../outlines/aggregates.js';
import type { DashboardTeam } from '../progress/dashboard-schema.js';
import type { ExportRow } from '../schedule/aggregates.js';
import { statusNames } from '../schedule/lifecycle.js';
import { sessionName, weekdayName } from '../text/dates.js';
import { twoDigits } from '../text/vietnamese.js';
import { excelDate, excelDateTime, type Column } from './sheets.js';

// Pure: the columns of each export, in Vietnamese, and how each cell is read from a row.

const time = (minute: number) => `${twoDigits(Math.floor(minute / 60))}:${twoDigits(minute % 60)}`;
const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

export function scheduleColumns(rules: CampaignRules, calendar: CalendarData, zone: string): Column<ExportRow & { no: number }>[] {
  return [
    { header: 'STT', width: 6, kind: 'number', value: (r) => r.no },
    { header: 'Đoàn kiểm tra', width: 22, value: (r) => r.teamName },
    { header: 'Đơn vị được kiểm tra', width: 40, value: (r) => r.unitName },
    { header: 'Ngày kiểm tra', width: 13, kind: 'date', value: (r) => excelDate(r.date) },
    { header: 'Thứ', width: 10, value: (r) => weekdayName(r.date) },
    { header: 'Buổi', width: 10, value: (r) => sessionName(r.session) },
    { header: 'Giờ bắt đầu', width: 11, value: (r) => time(r.startMinute) },
    { header: 'Giờ kết thúc', width: 11, value: (r) => time(r.endMinute) },
    { header: 'Địa điểm', width: 36, value: (r) => r.place },
    { header: 'Trạng thái', width: 14, value: (r) => statusNames[r.status] },
    {
      header: 'Hạn ban hành thông báo kiểm tra',
      width: 16,
      kind: 'date',
      value: (r) => excelDate(latestNoticeDate(calendar, r.date, rules.notice.leadWorkingDays, rules.notice.convention)),
    },
    { header: 'Lý do vượt quy định (cơ quan thường trực)', width: 30, value: (r) => r.overrideReason },
    { header: 'Lý do hủy', width: 30, value: (r) => r.cancelReason },
    { header: 'Người đăng ký', width: 24, value: (r) => r.registeredBy },
    { header: 'Thời điểm đăng ký', width: 18, kind: 'datetime', value: (r) => excelDateTime(r.registeredAt, zone) },
  ];
}

export const teamProgressColumns: Column<DashboardTeam>[] = [
  { header: 'Đoàn kiểm tra', width: 22, value: (t) => t.name },
  { header: 'Đơn vị chủ trì', width: 30, value: (t) => t.leaderUnitName },
  { header: 'Số đơn vị được kiểm tra', width: 12, kind: 'number', value: (t) => t.targets },
  { header: 'Đơn vị đã có lịch', width: 12, kind: 'number', value: (t) => t.scheduled },
  { header: 'Buổi đã đăng ký', width: 12, kind: 'number', value: (t) => t.visits },
  { header: 'Buổi đã thông báo', width: 12, kind: 'number', value: (t) => t.notified },
  { header: 'Buổi đã kiểm tra', width: 12, kind: 'number', value: (t) => t.carriedOut },
  { header: 'Buổi đã kết luận', width: 12, kind: 'number', value: (t) => t.concluded },
  { header: 'Đơn vị đã có thông báo kết quả', width: 14, kind: 'number', value: (t) => t.resultsNotices },
  { header: 'Hạn báo cáo của Đoàn', width: 13, kind: 'date', value: (t) => excelDate(t.teamReport.dueDate) },
  { header: 'Ngày gửi báo cáo của Đoàn', width: 13, kind: 'date', value: (t) => excelDate(t.teamReport.filedOn) },
  { header: 'Đơn vị đã có báo cáo', width: 12, kind: 'number', value: (t) => t.selfReports.started },
  { header: 'Đơn vị đã nộp báo cáo', width: 12, kind: 'number', value: (t) => t.selfReports.submitted },
  { header: 'Tỷ lệ trả lời đề cương (%)', width: 12, kind: 'number', value: (t) => percent(t.selfReports.answered, t.selfReports.expected) },
  { header: 'Kiến nghị', width: 10, kind: 'number', value: (t) => t.recommendations.total },
  { header: 'Kiến nghị đã thực hiện', width: 12, kind: 'number', value: (t) => t.recommendations.done },
  { header: 'Kiến nghị quá hạn', width: 12, kind: 'number', value: (t) => t.recommendations.overdue },
];

function selfReportText(report: UnitProgressRow['selfReport']): string {
  if (!report) return 'chưa có';
  if (report.submittedOn) return 'đã nộp';
  return report.returned ? 'trả lại để chỉnh sửa' : 'chưa nộp';
}

const conclusionNames: Record<string, string> = { draft: 'đang dự thảo', published: 'đã ban hành', withdrawn: 'đã thu hồi' };

export interface UnitProgressRow {
  teamName: string;
  unitName: string;
  visit: { date: string; status: string } | null;
  selfReport: { answered: number; expected: number; submittedOn: string | null; returned: boolean } | null;
  conclusion: string | null;
  resultsNoticeIssuedOn: string | null;
  recommendations: { total: number; done: number; overdue: number };
}

export const unitProgressColumns: Column<UnitProgressRow>[] = [
  { header: 'Đoàn kiểm tra', width: 22, value: (u) => u.teamName },
  { header: 'Đơn vị được kiểm tra', width: 40, value: (u) => u.unitName },
  { header: 'Ngày kiểm tra', width: 13, kind: 'date', value: (u) => excelDate(u.visit?.date ?? null) },
  {
    header: 'Trạng thái buổi kiểm tra',
    width: 16,
    value: (u) => (u.visit ? (statusNames[u.visit.status as keyof typeof statusNames] ?? u.visit.status) : 'chưa có lịch'),
  },
  { header: 'Báo cáo của đơn vị: số mục đã trả lời', width: 14, kind: 'number', value: (u) => u.selfReport?.answered ?? 0 },
  { header: 'Ngày nộp báo cáo của đơn vị', width: 13, kind: 'date', value: (u) => excelDate(u.selfReport?.submittedOn ?? null) },
  { header: 'Báo cáo của đơn vị', width: 18, value: (u) => selfReportText(u.selfReport) },
  { header: 'Số mục của đề cương', width: 12, kind: 'number', value: (u) => u.selfReport?.expected ?? null },
  { header: 'Kết luận', width: 14, value: (u) => (u.conclusion ? (conclusionNames[u.conclusion] ?? u.conclusion) : 'chưa có') },
  { header: 'Ngày thông báo kết quả', width: 13, kind: 'date', value: (u) => excelDate(u.resultsNoticeIssuedOn) },
  { header: 'Kiến nghị', width: 10, kind: 'number', value: (u) => u.recommendations.total },
  { header: 'Kiến nghị đã thực hiện', width: 12, kind: 'number', value: (u) => u.recommendations.done },
  { header: 'Kiến nghị quá hạn', width: 12, kind: 'number', value: (u) => u.recommendations.overdue },
];

/** The words of the unit pages for a recommendation's state. */
const recommendationStatus: Record<RecommendationListItem['status'], string> = {
  open: 'chưa có trả lời',
  'in-progress': 'đang thực hiện',
  done: 'đã thực hiện xong',
};

export function recommendationColumns(
  teamName: (n: number) => string,
  unitName: (id: string) => string,
  zone: string,
): Column<RecommendationListItem & { no: number }>[] {
  return [
    { header: 'STT', width: 6, kind: 'number', value: (r) => r.no },
    { header: 'Đoàn kiểm tra', width: 22, value: (r) => teamName(r.teamNumber) },
    { header: 'Đơn vị được kiểm tra', width: 34, value: (r) => unitName(r.unitId) },
    { header: 'Kiến nghị', width: 60, value: (r) => r.text },
    { header: 'Đơn vị thực hiện', width: 34, value: (r) => r.responsibleUnitName },
    { header: 'Thời hạn', width: 13, kind: 'date', value: (r) => excelDate(r.dueDate) },
    { header: 'Thời hạn (ngày làm việc)', width: 14, kind: 'date', value: (r) => excelDate(r.effectiveDueDate) },
    { header: 'Trạng thái', width: 18, value: (r) => `${recommendationStatus[r.status]}${r.overdue ? ', quá hạn' : ''}` },
    { header: 'Ngày dự kiến hoàn thành', width: 14, kind: 'date', value: (r) => excelDate(r.expectedDate) },
    { header: 'Số ngày làm việc quá hạn', width: 12, kind: 'number', value: (r) => (r.overdue ? r.workingDaysLate : null) },
    { header: 'Kết quả thực hiện / ghi chú', width: 40, value: (r) => r.statusNote },
    { header: 'Cập nhật lúc', width: 18, kind: 'datetime', value: (r) => excelDateTime(r.statusChangedAt, zone) },
    { header: 'Người cập nhật', width: 22, value: (r) => r.statusChangedBy },
  ];
}

export const figureColumns: Column<FigureSum & { no: number }>[] = [
  { header: 'STT', width: 6, kind: 'number', value: (f) => f.no },
  { header: 'Đề cương', width: 9, value: (f) => f.outline },
  { header: 'Mục', width: 16, value: (f) => f.itemNo },
  { header: 'Nội dung', width: 70, value: (f) => f.itemText },
  { header: 'Số liệu', width: 34, value: (f) => f.label },
  { header: 'Tổng cộng', width: 14, kind: 'number', value: (f) => f.total },
  { header: 'Số đơn vị báo cáo', width: 12, kind: 'number', value: (f) => f.units },
];

/** Numbers rows 1, 2, 3… across chunks. */
export function* numbered<R>(chunks: Iterable<R[]>): Generator<(R & { no: number })[]> {
  let no = 0;
  for (const chunk of chunks) yield chunk.map((row) => ({ ...row, no: (no += 1) }));
}

import type { DashboardView } from '../../progress/dashboard-schema.js';
import { statusNames } from '../../schedule/lifecycle.js';
import { sessionName, shortDate, weekdayName } from '../../text/dates.js';
import { twoDigits } from '../../text/vietnamese.js';

// Pure: the dashboard as the page shows it. Every late line says what, where, since when, and links
// to the page where it is dealt with; the progress chart is a small SVG drawn here as points.

const dayText = (iso: string) => `${weekdayName(iso)}, ${shortDate(iso)}`;
const team = (n: number) => `Đoàn ${twoDigits(n)}`;

export interface AttentionLine {
  text: string;
  due: string | null;
  href: string;
  action: string;
  audit: string | null;
}

function line(base: string, kind: string, item: DashboardView['attention'][number]['items'][number]): AttentionLine {
  const unit = item.unitName ?? '';
  const visitAudit = item.visitId ? `${base}/nhat-ky?buoi=${item.visitId}` : null;
  const unitAudit = item.unitId ? `${base}/nhat-ky?don_vi=${encodeURIComponent(item.unitId)}` : null;
  const due = item.dueDate ? `hạn cuối ${dayText(item.dueDate)}` : null;
  switch (kind) {
    case 'registration':
      return {
        text: `${team(item.teamNumber)} · ${unit}: chưa có lịch kiểm tra`,
        due,
        href: `${base}/doan/${item.teamNumber}/lich#don-vi-${item.unitId}`,
        action: 'Đăng ký lịch (vượt quy định, kèm lý do)',
        audit: unitAudit,
      };
    case 'notice':
      return {
        text: `${team(item.teamNumber)} · ${unit}, ${dayText(item.date!)} buổi ${sessionName(String((item as { session?: string }).session ?? ''))}: chưa có thông báo kiểm tra`,
        due,
        href: `${base}/buoi/${item.visitId}`,
        action: 'Xem buổi kiểm tra (đổi lịch hoặc hủy, kèm lý do)',
        audit: visitAudit,
      };
    case 'results-notice':
      return {
        text: `${team(item.teamNumber)} · ${unit}: chưa có thông báo kết quả kiểm tra`,
        due,
        href: `${base}/doan/${item.teamNumber}`,
        action: 'Trang của đoàn',
        audit: unitAudit,
      };
    case 'team-report':
      return {
        text: `${team(item.teamNumber)}: chưa gửi báo cáo kết quả kiểm tra`,
        due,
        href: `${base}/doan/${item.teamNumber}`,
        action: 'Trang của đoàn',
        audit: null,
      };
    case 'self-report':
      return {
        text: `${unit} (${team(item.teamNumber)}): ${item.text ?? 'chưa nộp báo cáo của đơn vị'}; kiểm tra ${dayText(item.date!)}`,
        due: null,
        href: `${base}/don-vi/${encodeURIComponent(item.unitId!)}`,
        action: 'Trang của đơn vị',
        audit: unitAudit,
      };
    default:
      return {
        text: `${unit} (${team(item.teamNumber)}): ${item.text ?? ''}`,
        due: item.dueDate ? `thời hạn ${dayText(item.dueDate)}` : null,
        href: `${base}/buoi/${item.visitId}`,
        action: 'Xem buổi kiểm tra',
        audit: visitAudit,
      };
  }
}

/** A unit's report on its line: submitted (when), returned, or how far it is filled. */
function selfReportText(report: DashboardView['units']['lines'][number]['selfReport']): string {
  if (!report) return 'chưa có';
  const filled = `${report.answered}/${report.expected} mục`;
  if (report.submittedOn) return `đã nộp ${shortDate(report.submittedOn)} (${filled})`;
  return report.returned ? `trả lại để chỉnh sửa (${filled})` : `chưa nộp (${filled})`;
}

/** Lines of a late group shown at once; the rest fold under "xem thêm" (no script needed). */
const FIRST_LINES = 8;

const CHART = { width: 640, height: 190, left: 36, bottom: 28, top: 8, right: 8 } as const;

/** Three cumulative lines over the working days of the window. */
export function chart(days: DashboardView['days'], targets: number) {
  const max = Math.max(1, targets, ...days.map((d) => d.planned));
  const plotW = CHART.width - CHART.left - CHART.right;
  const plotH = CHART.height - CHART.top - CHART.bottom;
  const x = (i: number) => CHART.left + (days.length <= 1 ? plotW / 2 : (i * plotW) / (days.length - 1));
  const y = (v: number) => CHART.top + plotH - (v * plotH) / max;
  const points = (pick: (d: DashboardView['days'][number]) => number) => days.map((d, i) => `${x(i).toFixed(1)},${y(pick(d)).toFixed(1)}`).join(' ');
  const last = days.at(-1);
  // The first and last labels are anchored inside the plot so neither is cut at the figure's edge.
  const anchors = ['start', 'middle', 'end'] as const;
  const ticks =
    days.length === 0
      ? []
      : [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])].map((i, k, all) => ({
          x: x(i),
          label: shortDate(days[i]!.date).replace(/\/\d{4}$/, ''),
          anchor: all.length === 1 ? 'middle' : anchors[k === 0 ? 0 : k === all.length - 1 ? 2 : 1],
        }));
  return {
    ...CHART,
    axisY: CHART.top + plotH,
    planned: points((d) => d.planned),
    done: points((d) => d.done),
    concluded: points((d) => d.concluded),
    max,
    maxY: y(max),
    ticks,
    label: last
      ? `Đến ${dayText(last.date)}: ${last.planned} buổi theo lịch, ${last.done} buổi đã kiểm tra, ${last.concluded} buổi đã kết luận (trên ${targets} đơn vị được kiểm tra).`
      : 'Chưa có ngày làm việc nào trong thời gian kiểm tra.',
  };
}

export function dashboardView(view: DashboardView, base: string) {
  const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);
  const urgent = view.attention.filter((g) => g.total > 0);
  return {
    urgent: urgent.map((g) => ({
      kind: g.kind,
      label: g.label,
      total: g.total,
      more: g.total - g.items.length,
      lines: g.items.slice(0, FIRST_LINES).map((item) => line(base, g.kind, item)),
      folded: g.items.slice(FIRST_LINES).map((item) => line(base, g.kind, item)),
    })),
    calm: view.attention.filter((g) => g.total === 0).map((g) => g.label),
    teams: view.teams.map((t) => ({
      ...t,
      answeredShare: percent(t.selfReports.answered, t.selfReports.expected),
      reportText: t.teamReport.filedOn
        ? `đã gửi ${shortDate(t.teamReport.filedOn)}`
        : t.teamReport.dueDate
          ? `chưa gửi (hạn ${shortDate(t.teamReport.dueDate)})`
          : 'chưa gửi',
      reportLate: t.teamReport.filedOn === null && t.teamReport.dueDate !== null && view.today > t.teamReport.dueDate,
    })),
    units: view.units.lines.map((u) => ({
      ...u,
      status: u.visit ? `${statusNames[u.visit.status as keyof typeof statusNames] ?? u.visit.status}, ${shortDate(u.visit.date)}` : 'chưa có lịch',
      selfReportText: selfReportText(u.selfReport),
      conclusionText:
        u.conclusion === 'published' ? 'đã ban hành' : u.conclusion === 'draft' ? 'đang dự thảo' : u.conclusion === 'withdrawn' ? 'đã thu hồi' : 'chưa có',
    })),
    chart: chart(view.days, view.totals.targets),
    answeredShare: percent(view.totals.selfReports.answered, view.totals.selfReports.expected),
  };
}

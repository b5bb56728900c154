import { shortDate } from '../text/dates.js';

// Pure: the sentence a notice prints about the earlier notices it adjusts. A notice replaces an
// earlier one only for the visits it announces again; it says so ("điều chỉnh lịch kiểm tra tại …
// đã thông báo tại Thông báo số 01/TB-ĐKT01"), says what changed for each, and names the visits that
// stay as first announced. Only when it announces again every visit still standing under the earlier
// notice (the others were cancelled) does it "thay thế" that notice.

/** How a visit was printed in a programme: enough to say what changed. */
export interface AnnouncedSlot {
  dateText: string;
  timeText: string;
  place: string;
}

export interface Adjustment {
  numberLabel: string;
  issueDate: string;
  /** Every visit of the earlier notice still standing is announced again here. */
  whole: boolean;
  /** The visits announced again, as the earlier notice printed them. */
  visits: { visitId: number; unitName: string; before: AnnouncedSlot }[];
  /** Units whose visits stay in force under the earlier notice. */
  unchanged: string[];
}

const lowerFirst = (value: string) => value.charAt(0).toLocaleLowerCase('vi') + value.slice(1);
const when = (slot: AnnouncedSlot) => `${slot.dateText} (${lowerFirst(slot.timeText)})`;

function changes(before: AnnouncedSlot, after: AnnouncedSlot, at: string): string {
  const parts: string[] = [];
  if (before.dateText !== after.dateText || before.timeText !== after.timeText) {
    parts.push(`thời gian kiểm tra${at} đổi từ ${when(before)} sang ${when(after)}`);
  }
  if (before.place !== after.place) parts.push(`địa điểm kiểm tra${at} đổi từ ${before.place} sang ${after.place}`);
  return parts.length > 0 ? parts.join('; ') : `thời gian, địa điểm kiểm tra${at} không thay đổi`;
}

/** One sentence per earlier notice (and the visits kept under it); `after` gives each visit as printed now. */
export function adjustmentLines(adjustments: readonly Adjustment[], teamName: string, after: (visitId: number) => AnnouncedSlot): string[] {
  return adjustments.flatMap((adj) => {
    const notice = `Thông báo số ${adj.numberLabel} ngày ${shortDate(adj.issueDate)} của ${teamName}`;
    const units = [...new Set(adj.visits.map((v) => v.unitName))];
    const namesUnit = !adj.whole && adj.visits.length === 1;
    const what = adj.visits.map((v) => changes(v.before, after(v.visitId), namesUnit ? '' : ` tại ${v.unitName}`)).join('; ');
    const lines = [
      adj.whole
        ? `Thông báo này thay thế ${notice}: ${what}.`
        : `Thông báo này điều chỉnh lịch kiểm tra tại ${units.join(', ')} đã thông báo tại ${notice}: ${what}.`,
    ];
    if (adj.unchanged.length > 0) {
      lines.push(`Lịch kiểm tra tại ${adj.unchanged.join(', ')} giữ nguyên theo Thông báo số ${adj.numberLabel}.`);
    }
    return lines;
  });
}

import { dayStatus, lastDayBefore, latestNoticeDate, resultsNoticeDue } from '../calendar/rules.js';
import { shortDate, weekdayEn, weekdayVi } from './labels.js';
import type { CheckOptions, ClashWorld, RawFinding, Slot } from './rules-world.js';
import { twoDigits } from '../text/vietnamese.js';

// Rules on the date alone: the window, the calendar, the registration deadline, the notice lead time
// and the results-notice deadline. "Trước ngày X" dates are exclusive: the last allowed day is X − 1.

const coveredByNotice = new Set(['notified', 'carried-out', 'concluded']);

function own(slot: Slot): { visits: number[]; teams: number[]; units: string[] } {
  return { visits: slot.id === null ? [] : [slot.id], teams: [slot.teamNumber], units: [slot.unitId] };
}

export function dateRules(slot: Slot, world: ClashWorld, options: CheckOptions): RawFinding[] {
  const { rules, calendar, today } = world;
  const out: RawFinding[] = [];
  const day = shortDate(slot.date);

  const { start, endExclusive } = rules.window;
  if (slot.date < start || slot.date >= endExclusive) {
    const last = lastDayBefore(endExclusive);
    out.push({
      code: 'OUTSIDE_WINDOW',
      message: {
        vi: `Ngày ${day} nằm ngoài thời gian kiểm tra (từ ${shortDate(start)} đến hết ${shortDate(last)})`,
        en: `${slot.date} is outside the inspection window (${start} to ${last})`,
      },
      ...own(slot),
    });
  }

  const status = dayStatus(calendar, slot.date);
  if (!status.working) {
    const why = status.note ? status.note.name : 'ngày nghỉ cuối tuần';
    const whyEn = status.note ? `day off: ${status.note.name}` : 'weekend';
    out.push({
      code: 'NOT_WORKING_DAY',
      message: {
        vi: `${weekdayVi(slot.date)}, ngày ${day} không phải ngày làm việc (${why})`,
        en: `${weekdayEn(slot.date)} ${slot.date} is not a working day (${whyEn})`,
      },
      ...own(slot),
    });
  }

  const deadline = rules.registrationDeadlineExclusive;
  if (options.purpose === 'register' && deadline !== null && today >= deadline) {
    out.push({
      code: 'REGISTRATION_CLOSED',
      message: {
        vi:
          `Đã hết hạn đăng ký lịch kiểm tra (trước ngày ${shortDate(deadline)}); hôm nay là ${shortDate(today)}. ` +
          'Chỉ cơ quan thường trực được đăng ký hoặc thay đổi lịch, kèm lý do bằng văn bản',
        en: `Registration closed (deadline: before ${deadline}); today is ${today}. Only the standing office may register or change dates, with a written reason`,
      },
      ...own(slot),
    });
  }

  const { leadWorkingDays, convention } = rules.notice;
  const latest = latestNoticeDate(calendar, slot.date, leadWorkingDays, convention);
  if (!coveredByNotice.has(slot.status) && today > latest) {
    out.push({
      code: 'NOTICE_TOO_LATE',
      message: {
        vi:
          `Thông báo kiểm tra cho buổi ngày ${day} phải ban hành chậm nhất ngày ${shortDate(latest)} ` +
          `(trước ít nhất ${twoDigits(leadWorkingDays)} ngày làm việc); hôm nay là ${shortDate(today)} và chưa có thông báo`,
        en: `The inspection notice for ${slot.date} had to be issued by ${latest} (${leadWorkingDays} working days ahead); today is ${today} and no notice covers it`,
      },
      ...own(slot),
    });
  }

  const reportDeadline = rules.teamReportDeadlineExclusive;
  if (reportDeadline !== null) {
    // The round ends on or after this visit, so its results notice is due no earlier than this.
    const due = resultsNoticeDue(calendar, slot.date, rules.resultsNotice.workingDays);
    if (due >= reportDeadline) {
      out.push({
        code: 'RESULTS_AFTER_REPORT_DEADLINE',
        message: {
          vi:
            `Thông báo kết quả kiểm tra sẽ đến hạn ngày ${shortDate(due)} (${twoDigits(rules.resultsNotice.workingDays)} ngày làm việc ` +
            `sau ngày ${day}), không kịp trước hạn báo cáo của đoàn (trước ngày ${shortDate(reportDeadline)})`,
          en: `The results notice would be due on ${due} (${rules.resultsNotice.workingDays} working days after ${slot.date}), not before the team report deadline (before ${reportDeadline})`,
        },
        ...own(slot),
      });
    }
  }
  return out;
}

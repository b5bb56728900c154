import { latestNoticeDate, resultsNoticeDue, type CalendarData } from '../calendar/rules.js';
import type { CampaignRules } from '../campaigns/schema.js';

// Pure: the dates derived from a visit. With results counted from the round, the results notice is
// due N working days after the team's last visit, whichever visit it is asked for.

export interface VisitDeadlines {
  latestNoticeDate: string;
  resultsNoticeDue: string;
}

export function visitDeadlines(
  rules: Pick<CampaignRules, 'notice' | 'resultsNotice'>,
  calendar: CalendarData,
  date: string,
  roundEnd: string | null,
): VisitDeadlines {
  const from = rules.resultsNotice.countFrom === 'round' && roundEnd !== null && roundEnd > date ? roundEnd : date;
  return {
    latestNoticeDate: latestNoticeDate(calendar, date, rules.notice.leadWorkingDays, rules.notice.convention),
    resultsNoticeDue: resultsNoticeDue(calendar, from, rules.resultsNotice.workingDays),
  };
}

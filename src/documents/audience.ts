import type { DocumentView } from './schema.js';

// Pure: a notice as a unit it is addressed to sees it. A notice is superseded as a whole when any of
// its visits moves, by a new notice that may announce only the visit that moved; a unit whose own
// visit did not change must not be told its notice is "superseded" by a document it cannot open. For
// that unit the notice still stands, unless its own visit changed since (then it is outdated for it).

type NoticeState = Pick<DocumentView, 'status' | 'supersededBy' | 'outdatedAt' | 'outdatedReason'>;

export function noticeForAddressee<T extends NoticeState>(view: T, canOpenSuperseding: boolean, ownVisitChanged: boolean): T {
  if (view.status === 'current' || (view.status === 'superseded' && canOpenSuperseding)) return view;
  if (!ownVisitChanged) return { ...view, status: 'current', supersededBy: null, outdatedAt: null, outdatedReason: null };
  if (view.status === 'outdated') return view;
  return {
    ...view,
    status: 'outdated',
    supersededBy: null,
    outdatedReason: 'Lịch kiểm tra của đơn vị đã thay đổi sau thông báo này; đoàn kiểm tra sẽ gửi thông báo mới.',
  };
}

/** A programme row of the notice against the visit as it is now: moved, re-timed or cancelled. */
export function visitChanged(row: { date: string; session: string; place: string }, now: { date: string; session: string; place: string; status: string } | null): boolean {
  return now === null || now.status === 'cancelled' || now.date !== row.date || now.session !== row.session || now.place !== row.place;
}

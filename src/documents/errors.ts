import createError from '@fastify/error';
import { withExtensions } from '../http/errors.js';
import { VisitNotFound } from '../schedule/errors.js';
import type { Refusal } from './rules.js';

export const DocumentNotFound = createError<[string, number]>('DOCUMENT_NOT_FOUND', 'Đợt kiểm tra "%s" không có văn bản số %d', 404);
export const OtherTeam = createError<[string]>('OTHER_TEAM', '%s', 403);
const TooLate = createError<[string]>('NOTICE_TOO_LATE', '%s', 409);
const NotAnnounceable = createError<[string]>('VISITS_NOT_ANNOUNCEABLE', '%s', 409);
export const NumberTaken = createError<[string]>('NUMBER_TAKEN', '%s', 409);
export const OfficeOnly = createError<[string]>('OFFICE_ONLY', '%s', 403);
export const PaperOnly = createError<[string]>('PAPER_DOCUMENT', '%s', 409);
export const LateReasonForbidden = createError<[string]>('LATE_NOTICE_FORBIDDEN', '%s', 403);
export const NothingToAnnounce = createError<[string]>('NOTHING_TO_ANNOUNCE', '%s', 409);
export const NotConcluded = createError<[string]>('NOT_CONCLUDED', '%s', 409);
export const AlreadyIssued = createError<[string]>('ALREADY_ISSUED', '%s', 409);

const list = (refusals: Refusal[]) => refusals.map((r) => `${r.unitName} (${r.date})`).join('; ');

/** 409 NOTICE_TOO_LATE naming every visit closer than the lead time. */
export function tooLateError(refusals: Refusal[], today: string): Error {
  return withExtensions(
    new TooLate(
      `Quá hạn ban hành thông báo kiểm tra cho ${refusals.length} lịch kiểm tra (hôm nay ${today}): ${list(refusals)}. ` +
        'Hãy đổi ngày kiểm tra hoặc bỏ các lịch này khỏi thông báo.',
    ),
    { today, visits: refusals },
  );
}

export function notAnnounceableError(refusals: Refusal[]): Error {
  return withExtensions(new NotAnnounceable(`Không thể thông báo ${refusals.length} lịch kiểm tra: ${list(refusals)}`), {
    visits: refusals,
  });
}

export function unknownVisitsError(campaignId: string, visitIds: number[]): Error {
  return withExtensions(new VisitNotFound(campaignId, visitIds.join(', ')), { visitIds });
}

import createError from '@fastify/error';
import { withExtensions } from '../http/errors.js';
import type { Finding } from './rules.js';

/**
 * The one VISIT_NOT_FOUND (schedule, findings, documents, audit): a visit of another team, or one the
 * actor may not see, gets the same answer as a visit that does not exist. The second argument is a
 * visit id, or several joined by commas.
 */
export const VisitNotFound = createError<[string, number | string]>('VISIT_NOT_FOUND', 'Đợt kiểm tra "%s" không có lịch kiểm tra số %s', 404);
export const VisitClash = createError<[string]>('VISIT_CLASH', '%s', 409);
export const InvalidTransition = createError<[string]>('INVALID_TRANSITION', '%s', 409);
export const NotifiedByNoticeOnly = createError<[string]>('NOTIFIED_BY_NOTICE_ONLY', '%s', 409);
export const VisitNotMovable = createError<[string]>('VISIT_NOT_MOVABLE', '%s', 409);
export const VisitInFuture = createError<[string]>('VISIT_IN_FUTURE', '%s', 422);
export const OverrideForbidden = createError<[string]>('OVERRIDE_FORBIDDEN', '%s', 403);
export const OfficeOnly = createError<[string]>('OFFICE_ONLY', '%s', 403);
export const OtherTeam = createError<[string]>('OTHER_TEAM', '%s', 403);
export const RangeTooLong = createError<[string]>('RANGE_TOO_LONG', '%s', 400);
export const RangeOutsideWindow = createError<[string]>('RANGE_OUTSIDE_WINDOW', '%s', 400);

/** 409 listing every error that blocks, with the warnings that would also apply. */
export function clashError(findings: readonly Finding[], officeMayOverride: boolean): Error {
  const clashes = findings.filter((f) => f.severity === 'error' && !f.overridden);
  const codes = [...new Set(clashes.map((f) => f.code))].join(', ');
  const hint = officeMayOverride ? ' Cơ quan thường trực có thể vẫn đăng ký, kèm lý do (override.reason).' : '';
  return withExtensions(new VisitClash(`Lịch kiểm tra bị trùng hoặc vi phạm quy định (${clashes.length}): ${codes}.${hint}`), {
    clashes,
    warnings: findings.filter((f) => f.severity === 'warning'),
    overridable: officeMayOverride,
  });
}

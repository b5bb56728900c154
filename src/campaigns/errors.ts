import { en } from 'zod/locales';
import type { FastifySchemaValidationError } from 'fastify';
import type { core } from 'zod';
import { fieldErrors, fieldPath, ValidationFailed, type FieldIssue } from '../http/errors.js';

// Errors in a document an office wrote (a campaign definition, an amendment, an outline set): each
// names its path in the document and says it in Vietnamese and in English.

export interface DocumentIssue {
  /** Where in the document, e.g. "teams[1].targets[0]". */
  path: string;
  code: string;
  /** Vietnamese. */
  message: string;
  /** The same in English. */
  en: string;
}

/** A problem+json error member: `field` as every error names it, and `path` as docs/api.md says. */
export type DocumentFieldIssue = FieldIssue & { path: string; messageEn: string };

export function documentErrors(issues: readonly DocumentIssue[], where: FieldIssue['in'] = 'document'): DocumentFieldIssue[] {
  return issues.map((i) => ({ in: where, field: i.path, path: i.path, code: i.code, message: i.message, messageEn: i.en }));
}

// The messages our schemas set themselves; zod's own come in both languages from its locales.
const english: Record<string, string> = {
  'chỉ gồm chữ thường không dấu, số và dấu gạch nối': 'only lower-case ASCII letters, digits and hyphens',
  'ngày phải có dạng YYYY-MM-DD': 'a date is written YYYY-MM-DD',
  'ngày không tồn tại': 'the date does not exist',
  'giờ phải có dạng HH:mm (00:00–23:59)': 'a time is written HH:mm (00:00–23:59)',
  'giờ kết thúc phải sau giờ bắt đầu': 'the end time must come after the start time',
  'mã mục có dạng A.1.2, A.2.b1, noi-vu.q1': 'an item id looks like A.1.2, A.2.b1, noi-vu.q1',
  'mã đề cương là chữ in hoa, ví dụ A, B': 'an outline code is upper case, e.g. A, B',
  'mỗi mục có đúng một trong hai: số thứ tự (no) hoặc dấu đầu dòng (marker)': 'each item has exactly one of a number (no) or a bullet (marker)',
};

const englishLocale = en();

/** zod's issues (Vietnamese, from the configured locale or our own messages) with their English. */
export function issuesOfZod(issues: readonly core.$ZodIssue[]): DocumentIssue[] {
  return issues.map((issue) => {
    const ownEnglish = english[issue.message];
    const localeEnglish = englishLocale.localeError(issue as never);
    const text = typeof localeEnglish === 'string' ? localeEnglish : localeEnglish?.message;
    return { path: fieldPath(issue.path), code: issue.code, message: issue.message, en: ownEnglish ?? text ?? issue.message };
  });
}

/** The issues of a request body Fastify refused, rebuilt from fastify-type-provider-zod's entries. */
export function issuesOfValidation(validation: readonly { keyword: string; instancePath: string; message?: string; params?: object }[]): DocumentIssue[] {
  return issuesOfZod(
    validation.map((entry) => ({
      ...(entry.params ?? {}),
      code: entry.keyword,
      path: entry.instancePath
        .split('/')
        .filter((part) => part !== '')
        .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
      message: entry.message ?? '',
    })) as unknown as core.$ZodIssue[],
  );
}

/**
 * The 400 for a document the route's schema refused (routes taking documents validate with
 * attachValidation and throw this): every error with its path and English, as definitions promise.
 * Fastify types `request.validationError.validation` as any; the zod type provider fills it with
 * FastifySchemaValidationError entries.
 */
export function documentInvalid(validation: unknown): Error {
  const errors = documentErrors(issuesOfValidation(validation as readonly FastifySchemaValidationError[]), 'body');
  const fields = [...new Set(errors.map((e) => e.path || 'body'))].join(', ');
  return fieldErrors(ValidationFailed, `Dữ liệu không hợp lệ: ${fields}`, errors);
}

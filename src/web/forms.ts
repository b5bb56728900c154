import { parse } from 'fast-querystring';
import type { z } from 'zod';
import { deepNfc } from '../text/vietnamese.js';

// Forms posted by the pages (application/x-www-form-urlencoded): parsed, NFC-normalised, and checked
// with the same zod shapes the API uses. A refused form is shown again with what was typed and each
// message beside its field, so nothing typed is lost.

export function formParser(body: string): Record<string, unknown> {
  return deepNfc(parse(body) as Record<string, unknown>);
}

export type FieldErrors = Record<string, string>;

/** Text that cannot be stored: a NUL, or bytes that were not UTF-8 (decoded as U+FFFD). */
// eslint-disable-next-line no-control-regex -- NUL is one of the two characters refused here
const UNSTORABLE = /[\u0000\uFFFD]/;

export function badTextFields(form: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries(form)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && UNSTORABLE.test(v))) {
      errors[key] = 'Có ký tự không hợp lệ (ký tự NUL hoặc mã không phải UTF-8); hãy gõ lại nội dung này.';
    }
  }
  return errors;
}

/** zod's issues as one message per field (the first), keyed by the form field's name. */
export function fieldErrorsOf(error: z.ZodError, names: Record<string, string> = {}): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    const key = names[path] ?? path;
    errors[key] ??= issue.message;
  }
  return errors;
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Parses a form with a zod shape, after refusing text that cannot be stored. */
export function readForm<S extends z.ZodType>(schema: S, form: unknown, names: Record<string, string> = {}): FormResult<z.output<S>> {
  const fields = (form ?? {}) as Record<string, unknown>;
  const bad = badTextFields(fields);
  if (Object.keys(bad).length > 0) return { ok: false, errors: bad };
  const parsed = schema.safeParse(fields);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrorsOf(parsed.error, names) };
}

/** A form field as one trimmed string ('' when absent). */
export function field(form: unknown, name: string): string {
  const value = (form as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim() : Array.isArray(value) && typeof value[0] === 'string' ? value[0].trim() : '';
}

import type Handlebars from 'handlebars';
import { documentDate, placeDateLine, sessionName, weekdayDate, weekdayName } from '../text/dates.js';
import { twoDigits } from '../text/vietnamese.js';
import { fitHeaderName } from './header-lines.js';

// Helpers return plain strings, which Handlebars escapes like any other value: no helper here may
// return a SafeString, so nothing a user typed can become markup.

type Hbs = typeof Handlebars;

export const documentHelpers: Record<string, (...args: unknown[]) => unknown> = {
  documentDate: (iso) => documentDate(String(iso)),
  placeDateLine: (place, iso) => placeDateLine(String(place), String(iso)),
  weekdayDate: (iso) => weekdayDate(String(iso)),
  weekdayName: (iso) => weekdayName(String(iso)),
  sessionName: (session) => sessionName(String(session)),
  twoDigits: (value) => twoDigits(String(value)),
  /** 1-based position for numbered rows: {{ordinal @index}}. */
  ordinal: (index) => Number(index) + 1,
  upper: (value) => String(value).toLocaleUpperCase('vi'),
  eq: (a, b) => a === b,
  /** A header name's lines and size: {{#with (headerName issuingBody true)}}. */
  headerName: (name, bold) => fitHeaderName(String(name), bold === true),
  not: (a) => !a,
};

export const builtInHelpers = ['if', 'unless', 'each', 'with', 'lookup', 'log', 'blockHelperMissing', 'helperMissing'];

export function registerHelpers(hbs: Hbs): void {
  for (const [name, fn] of Object.entries(documentHelpers)) {
    // Handlebars passes its options object last; the helpers above take only the real arguments.
    hbs.registerHelper(name, (...args: unknown[]) => fn(...args.slice(0, -1)));
  }
}

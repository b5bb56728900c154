import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { deepNfc } from '../text/vietnamese.js';
import { definitionSchema, type CampaignDefinition } from './definition.js';
import { issuesOfZod } from './errors.js';
import type { DefinitionIssue } from './resolve.js';

export class DefinitionFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: DefinitionIssue[],
  ) {
    super(`${file}: ${issues.map((i) => `${i.path || '(document)'}: ${i.message}`).join('; ')}`);
  }
}

/** Parses YAML (a superset of JSON) into a plain value, NFC-normalised; syntax errors name the line. */
export function parseDefinitionText(text: string, file = 'definition'): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new DefinitionFileError(
      file,
      doc.errors.map((e) => {
        const detail = e.message.split('\n')[0] ?? e.message;
        return { path: e.linePos ? `line ${e.linePos[0].line}` : '', code: 'SYNTAX', message: `Lỗi cú pháp YAML: ${detail}`, en: detail };
      }),
    );
  }
  return deepNfc(doc.toJS());
}

/** Structural validation only; resolveDefinition finds the cross-reference errors. */
export function validateDefinition(value: unknown, file = 'definition'): CampaignDefinition {
  const parsed = definitionSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new DefinitionFileError(file, issuesOfZod(parsed.error.issues));
}

export function readDefinitionFile(file: string): CampaignDefinition {
  return validateDefinition(parseDefinitionText(readFileSync(file, 'utf8'), file), file);
}

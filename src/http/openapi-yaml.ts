import { Document, isScalar, isSeq, Scalar, visit } from 'yaml';

const WIDTH = 120;
// Strings a YAML 1.1 reader (js-yaml, PyYAML) would take for a date, a number or a boolean.
const AMBIGUOUS = /^(\d{4}-\d\d-\d\d|[-+]?[\d.]+(e[-+]?\d+)?|0x[\da-f]+|\d+(:\d\d)+|y|yes|n|no|on|off)$/i;

/**
 * The document as YAML a person reads: a list of names (required, enum, tags) and whatever else fits
 * on a line is written on one line (`schema: { $ref: … }`), the rest as blocks; a text is one line
 * however long (an edit changes one line of the diff); no anchors.
 */
export function openapiYaml(doc: unknown): string {
  const yaml = new Document(doc, { aliasDuplicateObjects: false });
  const fits = (node: { toJSON(): unknown }) => JSON.stringify(node.toJSON()).length <= WIDTH;
  visit(yaml, {
    Collection(_key, node) {
      if (!fits(node) && !(isSeq(node) && node.items.every(isScalar))) return undefined;
      node.flow = true;
      return visit.SKIP;
    },
  });
  visit(yaml, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && AMBIGUOUS.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return yaml.toString({ lineWidth: 0 });
}

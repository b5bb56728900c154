// The operations of the OpenAPI document as a client reads them: the path's own parameters merged in,
// shared parameters ($ref to components.parameters) resolved.

export interface DocumentedParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: object;
}

export interface DocumentedOperation {
  method: string;
  path: string;
  op: { operationId?: string; summary?: string; responses?: Record<string, unknown>; requestBody?: { content: Record<string, { schema: object }> } };
  parameters: DocumentedParameter[];
}

interface Doc {
  paths: Record<string, Record<string, unknown>>;
  components?: { parameters?: Record<string, DocumentedParameter> };
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

export function operationsOf(doc: Doc): DocumentedOperation[] {
  const resolve = (p: DocumentedParameter | { $ref: string }): DocumentedParameter =>
    '$ref' in p ? doc.components!.parameters![p.$ref.split('/').pop()!]! : p;
  return Object.entries(doc.paths).flatMap(([path, item]) => {
    const shared = ((item['parameters'] ?? []) as DocumentedParameter[]).map(resolve);
    return Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => {
        const own = ((op as { parameters?: DocumentedParameter[] }).parameters ?? []).map(resolve);
        return { method: method.toUpperCase(), path, op: op as DocumentedOperation['op'], parameters: [...shared, ...own] };
      });
  });
}

import createError from '@fastify/error';
import { createHash } from 'node:crypto';
import type { AuditService } from '../audit/service.js';
import type { Actor } from '../auth/actor.js';
import { systemActor } from '../auth/actor.js';
import { documentErrors, type DocumentIssue } from '../campaigns/errors.js';
import type { CampaignService } from '../campaigns/service.js';
import type { Db } from '../db/connection.js';
import { withExtensions } from '../http/errors.js';
import { stableJson } from '../text/stable-json.js';
import { outlineDefinitionCheck } from './check.js';
import type { OutlineSet, SetDocument } from './data.js';
import * as registry from './registry.js';
import type { SetRegistry } from './registry.js';
import { blockIds, blockTexts, idProblems, outlineIds, outlineTexts, referenceProblems, type SetPart } from './set-rules.js';

// Outline sets an office loads through the API: checked by the rules the shipped sets follow (the same
// schemas, ids, blocks and placeholders), previewed, then kept as a new version. Every campaign
// naming the set uses its newest version, so a version that would leave one of them with an outline
// or block it names missing is refused, listing each campaign and path.

const SetRejected = createError<[string]>('OUTLINE_SET_REJECTED', '%s', 422);
const SetInUse = createError<[string]>('OUTLINE_SET_IN_USE', '%s', 409);
const SetNotFound = createError<[string]>('OUTLINE_SET_NOT_FOUND', 'Không có bộ đề cương "%s"', 404);

export interface SetUse {
  campaignId: string;
  title: string;
  /** What the campaign's definition would name that the set no longer has (empty: compatible). */
  errors: ReturnType<typeof documentErrors>;
}

export interface SetPreview {
  setId: string;
  version: number;
  unchanged: boolean;
  canLoad: boolean;
  outlines: { code: string; title: string; items: number }[];
  blocks: { id: string; heading: string; forOutline: string | null }[];
  references: { id: string; description: string; kind: string }[];
  usedBy: SetUse[];
}

const hashOf = (document: SetDocument) => createHash('sha256').update(stableJson(document)).digest('hex');

/** Every problem of a set document beyond its schema, each with its path in the document. */
export function setDocumentIssues(setId: string, document: SetDocument, shipped: boolean): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  const add = (path: string, code: string, message: string, en: string) => issues.push({ path, code, message, en });
  if (document.id !== setId) add('id', 'ID_MISMATCH', `Mã bộ đề cương phải là "${setId}" như trong đường dẫn`, `The set id must be "${setId}", as in the path`);
  if (shipped) {
    add('id', 'SHIPPED_SET', `Bộ đề cương "${setId}" đi kèm dịch vụ và không thay được qua API; hãy dùng mã khác`, `"${setId}" ships with the service and cannot be replaced through the API; use another id`);
  }
  const seenRefs = new Set<string>();
  document.references.forEach((r, i) => {
    if (seenRefs.has(r.id)) add(`references[${i}].id`, 'DUPLICATE_REFERENCE', `Chỗ dẫn chiếu "${r.id}" khai báo hai lần`, `Reference "${r.id}" is declared twice`);
    seenRefs.add(r.id);
  });
  const codes = new Set<string>();
  document.outlines.forEach((o, i) => {
    if (codes.has(o.code)) add(`outlines[${i}].code`, 'DUPLICATE_OUTLINE', `Đề cương "${o.code}" đã có`, `Outline "${o.code}" is given twice`);
    codes.add(o.code);
  });
  const ids = new Set<string>();
  document.blocks.forEach((b, i) => {
    if (ids.has(b.id)) add(`blocks[${i}].id`, 'DUPLICATE_BLOCK', `Khối câu hỏi "${b.id}" đã có`, `Block "${b.id}" is given twice`);
    ids.add(b.id);
    if (b.forOutline && !codes.has(b.forOutline)) {
      add(`blocks[${i}].forOutline`, 'UNKNOWN_OUTLINE', `Bộ đề cương không có đề cương "${b.forOutline}"`, `The set has no outline "${b.forOutline}"`);
    }
  });
  const parts: SetPart[] = [
    ...document.outlines.map((o, i) => ({ owner: `outlines[${i}]`, label: `đề cương ${o.code}`, ids: outlineIds(o) })),
    ...document.blocks.map((b, i) => ({ owner: `blocks[${i}]`, label: `khối ${b.id}`, ids: blockIds(b) })),
  ];
  for (const p of idProblems(parts)) {
    const path = `${p.part.owner}.${p.item.path}`;
    if (p.kind === 'prefix') {
      add(path, 'ITEM_ID_PREFIX', `Mã mục "${p.item.id}" phải bắt đầu bằng "${p.item.parent}." (${p.part.label})`, `Item id "${p.item.id}" must start with "${p.item.parent}."`);
    } else {
      add(path, 'DUPLICATE_ITEM_ID', `Mã mục "${p.item.id}" đã dùng trong ${p.earlier}`, `Item id "${p.item.id}" is already used in ${p.earlier}`);
    }
  }
  const declared = new Set(document.references.map((r) => r.id));
  const texts = [
    ...document.outlines.map((o, i) => ({ owner: `outlines[${i}]`, texts: outlineTexts(o) })),
    ...document.blocks.map((b, i) => ({ owner: `blocks[${i}]`, texts: blockTexts(b) })),
  ];
  for (const { owner, texts: list } of texts) {
    for (const p of referenceProblems(list, declared)) {
      if (p.kind === 'undeclared') {
        add(`${owner}.${p.path}`, 'UNDECLARED_REFERENCE', `"{plan:${p.id}}" không có trong references của bộ đề cương`, `"{plan:${p.id}}" is not declared in the set's references`);
      } else {
        add(`${owner}.${p.path}`, 'STRAY_BRACE', 'Dấu { } chỉ dùng cho chỗ dẫn chiếu kế hoạch, dạng {plan:ma-ke-hoach}', 'Braces are only for plan references, written {plan:some-id}');
      }
    }
  }
  return issues;
}

export type OutlineSetService = ReturnType<typeof createOutlineSetService>;

export function createOutlineSetService(deps: { db: Db; now: () => Date; audit: AuditService; campaigns: CampaignService; sets: SetRegistry }) {
  const { db, now, audit, campaigns, sets } = deps;

  /** Campaigns naming the set, each with what it would miss in the proposed set. */
  function uses(setId: string, proposed: OutlineSet): SetUse[] {
    const overlay: SetRegistry = { ...sets, get: (id) => (id === setId ? proposed : sets.get(id)) };
    const check = outlineDefinitionCheck(overlay);
    return campaigns
      .list(systemActor('outline-sets'))
      .filter((c) => campaigns.definition(c.id).outlines.set === setId)
      .map((c) => ({ campaignId: c.id, title: c.title, errors: documentErrors(check(campaigns.definition(c.id))) }));
  }

  function preview(setId: string, document: SetDocument): SetPreview & { hash: string } {
    const issues = setDocumentIssues(setId, document, sets.isShipped(setId));
    if (issues.length > 0) {
      throw withExtensions(new SetRejected(`Bộ đề cương có ${issues.length} lỗi; chưa có gì được ghi`), { errors: documentErrors(issues, 'body') });
    }
    const latest = registry.latestVersion(db, setId);
    const hash = hashOf(document);
    const unchanged = latest !== undefined && registry.versionRow(db, setId, latest)?.hash === hash;
    const version = unchanged ? latest : (latest ?? 0) + 1;
    const proposed = registry.setOfDocument(document, version);
    const usedBy = uses(setId, proposed);
    return {
      setId,
      version,
      unchanged,
      canLoad: usedBy.every((u) => u.errors.length === 0),
      outlines: document.outlines.map((o) => ({ code: o.code, title: o.title, items: proposed.outlines.get(o.code)!.items.length })),
      blocks: document.blocks.map((b) => ({ id: b.id, heading: b.heading, forOutline: b.forOutline ?? null })),
      references: document.references,
      usedBy,
      hash,
    };
  }

  return {
    /** What loading the document would do; nothing is written. 422 lists every problem of the document. */
    preview(setId: string, document: SetDocument): SetPreview {
      const { hash: _hash, ...shown } = preview(setId, document);
      return shown;
    },

    /** Keeps the document as the set's next version (the same content again changes nothing). */
    load(setId: string, document: SetDocument, actor: Actor): SetPreview & { created: boolean } {
      return db.transaction(
        (tx) => {
          const { hash, ...shown } = preview(setId, document);
          if (shown.unchanged) return { ...shown, created: false };
          if (!shown.canLoad) {
            throw withExtensions(
              new SetInUse(
                `Đợt kiểm tra ${shown.usedBy.filter((u) => u.errors.length > 0).map((u) => u.campaignId).join(', ')} dùng bộ đề cương này ` +
                  'và cần đề cương hoặc khối câu hỏi mà phiên bản mới không có; hãy sửa định nghĩa của đợt đó trước (sửa đổi kế hoạch)',
              ),
              { usedBy: shown.usedBy },
            );
          }
          const at = now().toISOString();
          registry.insertSetVersion(tx, { setId, version: shown.version, document, hash, loadedAt: at, loadedBy: actor.label });
          audit.record(tx, actor, {
            action: 'outline-set.load',
            entityType: 'outline-set',
            entityId: setId,
            after: { version: shown.version, hash, outlines: shown.outlines.map((o) => o.code), blocks: shown.blocks.map((b) => b.id) },
          });
          return { ...shown, created: true };
        },
        { behavior: 'immediate' },
      );
    },

    /** Every set: shipped ones and those loaded (newest version), with the campaigns naming each. */
    list(): { id: string; title: string; shipped: boolean; version: number | null; versions: number; usedBy: string[] }[] {
      const loaded = registry.loadedSummaries(db);
      const all = campaigns.list(systemActor('outline-sets'));
      return sets.ids().map((id) => {
        const set = sets.get(id)!;
        return {
          id,
          title: set.title,
          shipped: sets.isShipped(id),
          version: set.version,
          versions: loaded.filter((r) => r.setId === id).length,
          usedBy: all.filter((c) => campaigns.definition(c.id).outlines.set === id).map((c) => c.id),
        };
      });
    },

    /** A version of a loaded set, as stored (the document as loaded). */
    version(setId: string, version: number): { setId: string; version: number; loadedAt: string; loadedBy: string; document: SetDocument } {
      const row = registry.versionRow(db, setId, version);
      if (!row) throw new SetNotFound(`${setId}@${version}`);
      return { setId, version, loadedAt: row.loadedAt, loadedBy: row.loadedBy, document: row.document as SetDocument };
    },
  };
}

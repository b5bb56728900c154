import type { DefinitionCheck } from '../campaigns/service.js';
import type { SetRegistry } from './registry.js';

type Issue = ReturnType<DefinitionCheck>[number];

/**
 * Refuses a campaign definition that names an outline set, outline or question block the known sets
 * do not have, or a plan reference its set does not cite, each with its path in the definition. Runs
 * before anything is written. A reference the set cites and the campaign has not entered yet is
 * printed as blanks to fill in.
 */
export function outlineDefinitionCheck(sets: SetRegistry): DefinitionCheck {
  return (definition) => {
    const { outlines } = definition;
    const set = sets.get(outlines.set);
    if (!set) {
      const known = sets.ids().join(', ') || 'không có';
      return [
        {
          path: 'outlines.set',
          code: 'UNKNOWN_OUTLINE_SET',
          message: `Không có bộ đề cương "${outlines.set}" (hiện có: ${known})`,
          en: `There is no outline set "${outlines.set}" (known: ${sets.ids().join(', ') || 'none'})`,
        },
      ];
    }
    const issues: Issue[] = [];
    const outline = (code: string, path: string) => {
      if (!set.outlines.has(code)) {
        issues.push({
          path,
          code: 'UNKNOWN_OUTLINE',
          message: `Bộ đề cương "${set.id}" không có đề cương "${code}" (có: ${[...set.outlines.keys()].join(', ')})`,
          en: `Outline set "${set.id}" has no outline "${code}" (it has: ${[...set.outlines.keys()].join(', ')})`,
        });
      }
    };
    const block = (id: string, path: string) => {
      if (!set.blocks.has(id)) {
        issues.push({
          path,
          code: 'UNKNOWN_QUESTION_BLOCK',
          message: `Bộ đề cương "${set.id}" không có khối câu hỏi "${id}" (có: ${set.blockOrder.join(', ')})`,
          en: `Outline set "${set.id}" has no question block "${id}" (it has: ${set.blockOrder.join(', ')})`,
        });
      }
    };
    for (const code of Object.keys(outlines.periods)) outline(code, `outlines.periods.${code}`);
    for (const [level, code] of Object.entries(outlines.byLevel)) if (code) outline(code, `outlines.byLevel.${level}`);
    for (const id of Object.keys(outlines.questionBlocks)) block(id, `outlines.questionBlocks.${id}`);
    if (outlines.otherBlock) {
      block(outlines.otherBlock.id, 'outlines.otherBlock.id');
      outline(outlines.otherBlock.forOutline, 'outlines.otherBlock.forOutline');
    }
    const declared = new Map(set.references.map((r) => [r.id, r]));
    for (const id of Object.keys(definition.plan.references ?? {})) {
      if (declared.has(id)) continue;
      const known = [...declared.keys()].join(', ') || 'không có';
      issues.push({
        path: `plan.references.${id}`,
        code: 'UNKNOWN_PLAN_REFERENCE',
        message: `Bộ đề cương "${set.id}" không dẫn chiếu "${id}" (các chỗ dẫn chiếu: ${known})`,
        en: `Outline set "${set.id}" cites no "${id}" (it cites: ${[...declared.keys()].join(', ') || 'none'})`,
      });
    }
    definition.teams.forEach((team, t) =>
      team.targets.forEach((target, g) => {
        if (typeof target === 'string') return;
        const at = `teams[${t}].targets[${g}]`;
        if (target.outline) outline(target.outline, `${at}.outline`);
        target.questionBlocks?.forEach((id, k) => block(id, `${at}.questionBlocks[${k}]`));
      }),
    );
    return issues;
  };
}

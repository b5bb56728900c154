import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../auth/actor.js';
import { fromRoot } from '../paths.js';
import { readDefinitionFile } from './loader.js';
import type { CampaignService } from './service.js';

export const shippedDefinitionsDir = fromRoot('data/campaigns');

/** Loads every shipped definition; loading one that is already there changes nothing. */
export function seedShippedCampaigns(campaigns: CampaignService, actor: Actor, dir = shippedDefinitionsDir): { id: string; created: boolean }[] {
  return readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      const sourceHash = createHash('sha256').update(readFileSync(file)).digest('hex');
      const loaded = campaigns.idForSource(sourceHash);
      if (loaded) return { id: loaded, created: false };
      const definition = readDefinitionFile(file);
      const { created } = campaigns.importDefinition(definition, actor, undefined, sourceHash);
      return { id: definition.id, created };
    });
}

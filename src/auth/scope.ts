import createError from '@fastify/error';
import type { CampaignService } from '../campaigns/service.js';
import { ValidationFailed, fieldErrors } from '../http/errors.js';
import type { Role } from './tables.js';

// What a role may be scoped to, for tokens and people alike: the office may name a campaign; leaders
// and secretaries a campaign and a team; member units and inspected units a campaign and a unit that
// plays that part in it.

const TokenScopeInvalid = createError<[string]>('TOKEN_SCOPE_INVALID', '%s', 422);

export interface Scope {
  role: Role;
  campaignId?: string | undefined;
  teamNumber?: number | undefined;
  unitId?: string | undefined;
}

export function checkScope(campaigns: CampaignService, input: Scope): void {
  const errors: { field: string; message: string }[] = [];
  const needsTeam = input.role === 'leader' || input.role === 'secretary';
  const needsUnit = input.role === 'member' || input.role === 'unit';
  if (input.role !== 'office' && !input.campaignId) errors.push({ field: 'campaignId', message: 'bắt buộc với vai trò này' });
  if (needsTeam && input.teamNumber === undefined) errors.push({ field: 'teamNumber', message: 'bắt buộc với trưởng đoàn, thư ký' });
  if (!needsTeam && input.teamNumber !== undefined) errors.push({ field: 'teamNumber', message: 'chỉ dùng cho trưởng đoàn, thư ký' });
  if (needsUnit && !input.unitId) errors.push({ field: 'unitId', message: 'bắt buộc với đơn vị' });
  if (!needsUnit && input.unitId) errors.push({ field: 'unitId', message: 'chỉ dùng cho vai trò member, unit' });
  if (errors.length > 0) {
    throw fieldErrors(
      ValidationFailed,
      'Vai trò và phạm vi (đợt, đoàn, đơn vị) không khớp nhau',
      errors.map((e) => ({ in: 'body', ...e })),
    );
  }
  if (!input.campaignId) return;
  campaigns.summary(input.campaignId); // 404 when the campaign does not exist
  if (needsTeam && !campaigns.hasTeam(input.campaignId, input.teamNumber!)) {
    throw new TokenScopeInvalid(`Đợt kiểm tra ${input.campaignId} không có đoàn số ${input.teamNumber}`);
  }
  if (needsUnit) {
    const roles = campaigns.unitRoles(input.campaignId, input.unitId!);
    if (roles === null) throw new TokenScopeInvalid(`Đợt kiểm tra ${input.campaignId} không có đơn vị ${input.unitId}`);
    if (input.role === 'member' && !roles.some((r) => r.role !== 'target')) {
      throw new TokenScopeInvalid(`${input.unitId} không thuộc đoàn kiểm tra nào`);
    }
    if (input.role === 'unit' && !roles.some((r) => r.role === 'target')) {
      throw new TokenScopeInvalid(`${input.unitId} không phải là đơn vị được kiểm tra`);
    }
  }
}

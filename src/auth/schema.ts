import { z } from 'zod';
import { roles } from './tables.js';
import { pathId } from '../http/params.js';

export const roleSchema = z.enum(roles).meta({
  id: 'Role',
  description: 'office: standing office (everything, overrides); leader / secretary: one team; member: a unit sitting on teams; unit: an inspected unit',
});

export const createTokenBody = z
  .object({
    role: roleSchema,
    label: z.string().trim().min(1).max(200).describe('who holds the token, e.g. "Trưởng đoàn số 01"'),
    campaignId: z.string().min(1).max(80).optional().describe('required for every role but office'),
    teamNumber: z.number().int().min(1).max(999).optional().describe('required for leader and secretary'),
    unitId: z.string().min(1).max(80).optional().describe('required for member and unit'),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({ id: 'TokenRequest' });

export const tokenView = z
  .object({
    id: z.number().int(),
    prefix: z.string(),
    label: z.string(),
    role: roleSchema,
    campaignId: z.string().nullable(),
    teamNumber: z.number().int().nullable(),
    unitId: z.string().nullable(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Token' });

export const createdToken = tokenView
  .extend({
    token: z.string().describe('the bearer token; shown only in this answer'),
  })
  .meta({ id: 'CreatedToken' });

export const whoami = z
  .object({
    role: z.union([roleSchema, z.literal('system'), z.literal('anonymous')]),
    label: z.string(),
    campaignId: z.string().nullable(),
    teamNumber: z.number().int().nullable(),
    unitId: z.string().nullable(),
  })
  .meta({ id: 'CurrentToken' });

export const tokenIdParam = z.object({ tokenId: pathId });

export type CreateTokenInput = z.infer<typeof createTokenBody>;
export type TokenView = z.infer<typeof tokenView>;

export const createPersonBody = z.object({
  name: z.string().trim().min(2, 'cần ghi họ và tên').max(200).describe('họ và tên, e.g. "Lê Văn Hùng"'),
  position: z.string().trim().max(200).optional().describe('chức vụ, e.g. "Phó Trưởng Công an huyện"'),
  role: roleSchema,
  teamNumber: z.number().int().min(1).max(999).optional().describe('required for leader and secretary'),
  unitId: z.string().min(1).max(80).optional().describe('required for member and unit'),
});

export const personView = z
  .object({
    id: z.number().int(),
    name: z.string(),
    position: z.string().nullable(),
    role: roleSchema,
    campaignId: z.string().nullable(),
    teamNumber: z.number().int().nullable(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    openSessions: z.number().int().describe('sessions signed in now'),
    pendingInvitations: z.number().int().describe('invitations neither used nor expired'),
    lastSignInAt: z.string().nullable(),
  })
  .meta({ id: 'Person' });

export const createdInvitation = z.object({
  person: personView,
  link: z.string().describe('the single-use sign-in link; shown only in this answer'),
  expiresAt: z.string(),
});

export type CreatePersonInput = z.infer<typeof createPersonBody>;
export type PersonView = z.infer<typeof personView>;

import QRCode from 'qrcode';
import type { Actor } from './actor.js';
import type { CampaignService } from '../campaigns/service.js';
import type { PdfEngine } from '../render/pdf.js';
import type { Templates } from '../render/templates.js';
import type { PeopleService } from './people.js';
import { roleLabel } from './roles.js';

// The office's printed invitations: one card per person with the role, the team or unit, the
// single-use link and its QR code. Codes are kept only as hashes, so printing makes new invitations.

export type InvitationSheet = ReturnType<typeof createInvitationSheet>;

export function createInvitationSheet(deps: {
  people: PeopleService;
  campaigns: CampaignService;
  templates: Templates;
  pdf: PdfEngine;
  publicUrl: string;
  timeZone: string;
}) {
  const { people, campaigns, templates, pdf, publicUrl, timeZone } = deps;
  const expires = (iso: string) =>
    new Intl.DateTimeFormat('vi-VN', { timeZone, hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'numeric', year: 'numeric' }).format(new Date(iso));

  return {
    linkFor: (code: string) => `${publicUrl}/moi/${code}`,

    /** New invitations for the given people (every active person when none is named), as one PDF. */
    async print(campaignId: string, personIds: number[] | undefined, actor: Actor): Promise<{ pdf: Buffer; count: number }> {
      const summary = campaigns.summary(campaignId);
      const chosen =
        personIds ??
        people
          .list(campaignId)
          .filter((p) => !p.revokedAt)
          .map((p) => p.id);
      const invited = chosen.map((id) => people.invite(campaignId, id, actor));
      const cards = await Promise.all(
        invited.map(async ({ code, expiresAt, person }) => {
          const link = this.linkFor(code);
          return {
            name: person.name,
            position: person.position,
            role: roleLabel(person.role, person.teamNumber),
            unitName: person.unitName,
            link,
            qr: await QRCode.toDataURL(link, { margin: 1, width: 240, errorCorrectionLevel: 'M' }),
            expires: expires(expiresAt),
          };
        }),
      );
      const html = templates.render('invitation-sheet', {
        campaignTitle: summary.title,
        placeName: summary.placeName,
        rehearsal: summary.rehearsal,
        cards,
      });
      return { pdf: await pdf.render(html), count: cards.length };
    },
  };
}

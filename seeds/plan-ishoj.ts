import type { Kysely } from 'kysely';
import type { TSections } from '../contracts/plans.ts';
import { generateContent } from '../server/modules/plans/plans.content.ts';
import * as repo from '../server/modules/plans/plans.repository.ts';
import { NotificationsService } from '../server/modules/notifications/notifications.service.ts';
import { OrganisationService } from '../server/modules/organisation/organisation.service.ts';
import { PlansService } from '../server/modules/plans/plans.service.ts';
import { appendAuditEntries } from '../server/platform/audit/audit-chain.ts';
import { auditActor, systemContext } from '../server/platform/context.ts';
import { startOfDanishDay } from '../server/platform/danish-time.ts';
import type { Database } from '../server/platform/db/schema.ts';

/**
 * Ishøj's action plan for the current year, approved and published, built from the reference
 * efforts. The written sections restate the memo (its aims, the SSP basis, the target group);
 * the approving forum is the Lokalråd (centre chiefs, the police and the unit: the steering
 * group's composition in the memo), whose voting members with demo logins approved it.
 */
export const ISHOJ_PLAN_SECTIONS: TSections = {
  basis:
    '<p>Det kriminalitetsforebyggende samarbejde mellem skole, socialforvaltning og politi (SSP) bygger på <strong>retsplejelovens § 114</strong>, hvorefter politidirektøren skal virke for at etablere samarbejdet med Kriminalforsorgen og kommunerne i politikredsen, og på <strong>§ 115</strong> om udveksling af oplysninger mellem myndighederne.</p>' +
    '<p>SSP er et samarbejde mellem selvstændige parter, som hver har sin egen lovgivning, sit eget mandat og sin egen ledelse: blandt andet lov om bekæmpelse af ungdomskriminalitet, barnets lov (støtte til børn og unge under 18), serviceloven (unge over 18), folkeskoleloven, ungdomsskoleloven og dagtilbudsloven.</p>',
  purpose:
    '<p>Byrådet har besluttet, at det tryghedsskabende og kriminalitetsforebyggende arbejde skal gentænkes og forankres entydigt politisk og administrativt. Planen skal give:</p>' +
    '<ul><li><strong>gennemsigtighed</strong> om arbejdet,</li><li>et synligt <strong>helhedsorienteret og tværfagligt</strong> samarbejde,</li><li><strong>koordinerede og målrettede</strong> indsatser mod fælles overordnede mål,</li><li>indsatser bygget på forskning, faglig viden og bedste praksis.</li></ul>',
  targetGroup:
    '<p>Alle børn og unge fra skolealderen (6 år) til 25 år, med særligt fokus på dem, der er i risiko for kriminalitet: ved <em>tidlig bekymring</em> og ved <em>førstegangskriminalitet</em>.</p>' +
    '<p>Den afledte målgruppe er forældre, søskende og andre, som inddrages i en indsats rettet mod en ung.</p>',
  strategy:
    '<p>Indsatserne tilrettelægges efter forebyggelsestrekanten fra Det Kriminalpræventive Råd:</p>' +
    '<ul><li><strong>Opbyggende</strong> indsatser for alle børn og unge,</li><li><strong>forebyggende</strong> indsatser for grupper i risiko,</li><li><strong>kriminalitetsforebyggende</strong> indsatser for den enkelte.</li></ul>' +
    '<p>Enheden Tryghed og Kriminalitetsforebyggelse faciliterer og koordinerer SSP og binder indsatserne sammen på tværs af kommunen.</p>',
  goals:
    '<h3>Fælles overordnede mål</h3><ol><li>Færre børn og unge begår kriminalitet for første gang.</li><li>Færre unge begår ny kriminalitet.</li><li>Børn og unge oplever sig trygge i Ishøj.</li></ol>' +
    '<p><em>Målene er eksempler: notatet fastsætter ingen. Ret dem til kommunens egne.</em></p>',
};

export async function seedIshojPlan(db: Kysely<Database>, municipalityId: string, year: number): Promise<void> {
  // Only a database without plans gets the reference plan (not a new one every new year).
  if ((await repo.listPlans(db, municipalityId)).length > 0) return;
  const plans = new PlansService(db, '', new OrganisationService(db), new NotificationsService(db));
  const forumId = await plans.defaultApprovingForum(municipalityId);
  // Every voting member with a login (seeds/reference.ts seats the demo users) approved it.
  const approvers = forumId ? await plans.votersOf(municipalityId, forumId) : [];
  const content = await generateContent(db, municipalityId, year, ISHOJ_PLAN_SECTIONS);
  // Approved at the steering group's January meeting and published a week later (never in the future).
  const now = Date.now();
  const approvedAt = new Date(Math.min(now - 60_000, startOfDanishDay(`${year}-01-20`).getTime() + 10 * 3600 * 1000));
  const publishedAt = new Date(Math.min(now, approvedAt.getTime() + 7 * 24 * 3600 * 1000));
  await db.transaction().execute(async (trx) => {
    const planId = await repo.insertPlan(trx, { municipality_id: municipalityId, year, approving_forum_id: forumId, approval_rule: 'all', created_by: null });
    const versionId = await repo.insertVersion(trx, {
      plan_id: planId,
      number: 1,
      status: 'published',
      sections: JSON.stringify(ISHOJ_PLAN_SECTIONS),
      content: JSON.stringify(content),
      submitted_at: new Date(approvedAt.getTime() - 14 * 24 * 3600 * 1000),
      approved_at: approvedAt,
      published_at: publishedAt,
    });
    for (const a of approvers) {
      await repo.insertDecision(trx, { version_id: versionId, user_id: a.user_id, function_title: a.function_title, decision: 'approve', comment: null, decided_at: approvedAt });
    }
    await appendAuditEntries(trx, [{ ...auditActor(systemContext('seed')), municipalityId, action: 'plan.published', entityType: 'action_plan', entityId: planId, after: { year, version: 1, reference: true } }]);
  });
}

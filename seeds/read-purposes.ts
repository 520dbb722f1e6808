import type { Kysely } from 'kysely';
import { AUDIT_REVIEW_PURPOSE } from '../contracts/audit.ts';
import { USER_ADMIN_PURPOSE } from '../contracts/identity.ts';
import type { Database } from '../server/platform/db/schema.ts';

/**
 * The national list of purposes a read of personal data may state. The platform's own reads use
 * the first three; the § 115 collaborations (SSP, PSP, KSP: retsplejelovens § 115, stk. 1, nr.
 * 1–3) are the purposes the case module's reads will state. Reviewing the access log is not named
 * by the sources, so it is marked as assumed.
 */
export const NATIONAL_READ_PURPOSES: { code: string; labelDa: string; labelEn: string; assumed?: string }[] = [
  { code: USER_ADMIN_PURPOSE, labelDa: 'Brugeradministration', labelEn: 'User administration' },
  { code: 'subject_access', labelDa: 'Indsigt efter databeskyttelsesforordningens art. 15', labelEn: 'Subject access (GDPR art. 15)' },
  {
    code: AUDIT_REVIEW_PURPOSE,
    labelDa: 'Kontrol af logning',
    labelEn: 'Review of the access log',
    assumed: 'Kilderne nævner ikke kontrol af logningen som et formål; antaget, fordi Trekant logger enhver søgning i loggen med et formål.',
  },
  { code: 'ssp_cooperation', labelDa: 'SSP-samarbejde (retsplejelovens § 115, stk. 1, nr. 1)', labelEn: 'SSP cooperation (Administration of Justice Act s. 115(1)(1))' },
  { code: 'psp_cooperation', labelDa: 'PSP-samarbejde (retsplejelovens § 115, stk. 1, nr. 2)', labelEn: 'PSP cooperation (Administration of Justice Act s. 115(1)(2))' },
  { code: 'ksp_cooperation', labelDa: 'KSP-samarbejde (retsplejelovens § 115, stk. 1, nr. 3)', labelEn: 'KSP cooperation (Administration of Justice Act s. 115(1)(3))' },
];

/** Writes the national list where it is missing (on every start, so an existing database gains new entries); entries already there are left as they are. */
export async function seedNationalReadPurposes(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('read_purposes')
    .values(
      NATIONAL_READ_PURPOSES.map((p) => ({
        municipality_id: null,
        code: p.code,
        label_da: p.labelDa,
        label_en: p.labelEn,
        assumptions: JSON.stringify(p.assumed ? { code: p.assumed } : {}),
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

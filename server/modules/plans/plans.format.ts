import type { TEffortStatus, TRiskProfile } from '../../../contracts/efforts.ts';
import type { TForumRole } from '../../../contracts/organisation.ts';
import type { TMoneyView, TWrittenSection } from '../../../contracts/plans.ts';

/**
 * The plan's Danish words, one set for every place that prints a plan: the DOCX, the PDF and
 * the public page (numbers and dates: platform/danish-format.ts).
 */

/** What a printed plan says about its version besides the content. Timestamps are ISO. */
export interface PlanMeta {
  version: number;
  approvedAt: string | null;
  publishedAt: string | null;
  approvingForum: string | null;
  /** Which amounts the content holds for this reader (budgets withheld from it are null). */
  money: TMoneyView;
}

export const SECTION_TITLES: Record<TWrittenSection, string> = {
  basis: 'Grundlag',
  purpose: 'Formål',
  targetGroup: 'Målgruppe',
  strategy: 'Strategi',
  goals: 'Mål',
};
export const ORGANISATION_TITLE = 'Organisering';
export const EFFORTS_TITLE = 'Indsatser';

export const ROLE_WORDS: Record<TForumRole, string> = { chair: 'formand', secretary: 'sekretær', member: 'medlem', observer: 'observatør' };
export const RISK_WORDS: Record<TRiskProfile, string> = {
  all: 'alle',
  early_concern: 'tidlig bekymring',
  first_offence: 'førstegangskriminalitet',
  repeat_offending: 'gentagen kriminalitet',
};
export const STATUS_WORDS: Record<TEffortStatus, string> = { planned: 'planlagt', active: 'aktiv', paused: 'sat i bero', ended: 'afsluttet' };
export const DEMO_NOTE = 'Beløb markeret (demo) er illustrative og ikke kommunens tal';
/** Why a printed plan holds no amount, or not every amount (see `TMoneyView`). */
export const MONEY_NOTES: Record<Exclude<TMoneyView, 'all'>, string> = {
  published: 'Beløb, der ikke er vist, er endnu ikke offentliggjort.',
  none: 'Indsatsernes budgetter vises kun for dem, der har adgang til økonomien, og i den offentliggjorte plan.',
};

export function planDocumentTitle(year: number): string {
  return `Lokal handlingsplan for tryghed og kriminalitetsforebyggelse ${year}`;
}

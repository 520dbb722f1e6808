import type { TLocale } from '../../contracts/common.ts';

/** Server-side messages (problem titles and details) in Danish and English. */
const messages = {
  da: {
    'problem.validation': 'Oplysningerne er ikke gyldige',
    'problem.validation.detail': 'Ret de markerede felter og prøv igen.',
    'problem.malformed_json': 'Forespørgslen er ikke gyldig JSON',
    'problem.invalid_utf8': 'Forespørgslen er ikke gyldig UTF-8-tekst',
    'problem.bad_url': 'Adressen er ikke gyldig',
    'problem.bad_request': 'Forespørgslen kunne ikke læses',
    'problem.headers_too_large': 'Forespørgslens headere er for store',
    'problem.unsupported_media_type': 'Indholdstypen understøttes ikke',
    'problem.body_too_large': 'Forespørgslen er for stor',
    'problem.unauthenticated': 'Du skal logge ind',
    'problem.unauthenticated.detail': 'Din session er udløbet eller findes ikke. Log ind igen.',
    'problem.second_factor_required': 'Bekræft med din anden faktor',
    'problem.enrolment_required': 'Du skal oprette en anden faktor, før du kan fortsætte',
    'problem.forbidden': 'Du har ikke adgang til denne handling',
    'problem.csrf': 'Forespørgslen mangler et gyldigt CSRF-token',
    'problem.csrf.detail': 'Genindlæs siden og prøv igen.',
    'problem.not_found': 'Findes ikke',
    'problem.not_found.detail': 'Det, du leder efter, findes ikke, eller du har ikke adgang til det.',
    'problem.method_not_allowed': 'Metoden er ikke tilladt',
    'problem.invalid_credentials': 'Forkert e-mail eller adgangskode',
    'problem.invalid_second_factor': 'Koden er forkert eller udløbet',
    'problem.too_many_attempts': 'For mange mislykkede forsøg',
    'problem.too_many_attempts.detail': 'Vent {minutes} minutter, og prøv igen.',
    'problem.conflict': 'Handlingen er i konflikt med de eksisterende data',
    'problem.email_taken': 'Der findes allerede en bruger med denne e-mail',
    'problem.wrong_password': 'Den nuværende adgangskode er forkert',
    'problem.second_factor_mandatory': 'Din rolle kræver anden faktor, så den kan ikke fjernes',
    'problem.no_enrolment': 'Start oprettelsen af anden faktor først',
    'problem.internal': 'Der opstod en fejl hos os',
    'problem.internal.detail': 'Prøv igen om lidt. Hvis fejlen fortsætter, kontakt din administrator og oplys forespørgsels-id {requestId}.',
    'problem.unavailable': 'Tjenesten er ikke klar',
    'problem.no_police_district': 'Kommunen hører ikke til en politikreds, så posten kan ikke deles i kredsen',
    'problem.reference_not_found': 'Den valgte post findes ikke (længere)',
    'problem.reference_outside_district': 'En post, der deles i politikredsen, kan kun henvise til andre poster, der deles i kredsen',
    'problem.reference_cycle': 'Valget ville give en kreds, hvor en post ligger under sig selv',
    'problem.organisation_in_use': 'Organisationen har stadig underenheder, funktioner eller puljer. Flyt eller fjern dem først.',
    'problem.forum_in_use': 'Andre fora refererer til dette forum. Ret deres rapporteringslinje først.',
    'problem.already_member': 'Funktionen er allerede medlem af forummet',
    'problem.import_invalid': 'Filen indeholder fejl. Intet er gemt.',
    'problem.import_unreadable': 'Filen kunne ikke læses som XLSX eller CSV',
    'problem.csv_needs_sheet': 'Angiv hvilket ark CSV-filen indeholder',
    'problem.age_range': 'Alderen til må ikke være lavere end alderen fra',
    'problem.period_order': 'Slutdatoen må ikke ligge før startdatoen',
    'problem.target_direction': 'Målet skal ligge over udgangspunktet, når indikatoren skal stige, og under, når den skal falde',
    'problem.duplicate_kind': 'Hver budgetart må kun stå én gang',
    'problem.duplicate_function': 'Hver funktion må kun stå én gang',
    'problem.status_transition': 'Indsatsen kan ikke skifte direkte fra sin nuværende status til den valgte',
    'problem.unknown_district': 'Bydelen står ikke på kommunens liste over bydele',
    'problem.legal_basis_exists': 'Lovgrundlaget findes allerede på listen',
    'problem.effective_before_start': 'Datoen ligger før indsatsens seneste statusskift',
    'problem.plan_status': 'Planen er ikke i en status, hvor det kan lade sig gøre',
    'problem.plan_exists': 'Der findes allerede en handlingsplan for året',
    'problem.plan_version_not_found': 'Versionen findes ikke',
    'problem.plan_no_approvers': 'Det godkendende forum har ingen medlemmer med en bruger, som kan godkende',
    'problem.plan_already_approved': 'Du har allerede godkendt planen',
    'problem.comment_required': 'Skriv en kommentar på mindst 3 tegn',
    'field.unknown': 'Feltet er ikke tilladt',
    'field.unstorable_text': 'Teksten indeholder et tegn, der ikke kan gemmes (f.eks. et nul-tegn)',
    'field.invalid_type': 'Skal være {expected}',
    'type.string': 'tekst',
    'type.number': 'et tal',
    'type.boolean': 'sand eller falsk',
    'type.array': 'en liste',
    'type.object': 'et objekt',
    'type.other': 'en gyldig værdi',
  },
  en: {
    'problem.validation': 'The data is not valid',
    'problem.validation.detail': 'Correct the marked fields and try again.',
    'problem.malformed_json': 'The request is not valid JSON',
    'problem.invalid_utf8': 'The request is not valid UTF-8 text',
    'problem.bad_url': 'The address is not valid',
    'problem.bad_request': 'The request could not be read',
    'problem.headers_too_large': 'The request headers are too large',
    'problem.unsupported_media_type': 'The content type is not supported',
    'problem.body_too_large': 'The request is too large',
    'problem.unauthenticated': 'You need to log in',
    'problem.unauthenticated.detail': 'Your session has expired or does not exist. Log in again.',
    'problem.second_factor_required': 'Confirm with your second factor',
    'problem.enrolment_required': 'You must set up a second factor before you can continue',
    'problem.forbidden': 'You do not have access to this action',
    'problem.csrf': 'The request lacks a valid CSRF token',
    'problem.csrf.detail': 'Reload the page and try again.',
    'problem.not_found': 'Not found',
    'problem.not_found.detail': 'What you are looking for does not exist, or you do not have access to it.',
    'problem.method_not_allowed': 'Method not allowed',
    'problem.invalid_credentials': 'Wrong e-mail or password',
    'problem.invalid_second_factor': 'The code is wrong or has expired',
    'problem.too_many_attempts': 'Too many failed attempts',
    'problem.too_many_attempts.detail': 'Wait {minutes} minutes and try again.',
    'problem.conflict': 'The action conflicts with existing data',
    'problem.email_taken': 'A user with this e-mail already exists',
    'problem.wrong_password': 'The current password is wrong',
    'problem.second_factor_mandatory': 'Your role requires a second factor, so it cannot be removed',
    'problem.no_enrolment': 'Start setting up the second factor first',
    'problem.internal': 'Something went wrong on our side',
    'problem.internal.detail': 'Try again shortly. If it persists, contact your administrator and quote request id {requestId}.',
    'problem.unavailable': 'The service is not ready',
    'problem.no_police_district': 'The municipality belongs to no police district, so the record cannot be shared in one',
    'problem.reference_not_found': 'The chosen record does not exist (any more)',
    'problem.reference_outside_district': 'A record shared in the police district can only refer to other records shared in the district',
    'problem.reference_cycle': 'The choice would put a record under itself',
    'problem.organisation_in_use': 'The organisation still has units, functions or pools. Move or remove them first.',
    'problem.forum_in_use': 'Other forums report to this forum. Change their reporting line first.',
    'problem.already_member': 'The function is already a member of the forum',
    'problem.import_invalid': 'The file has errors. Nothing was saved.',
    'problem.import_unreadable': 'The file could not be read as XLSX or CSV',
    'problem.csv_needs_sheet': 'Say which sheet the CSV file holds',
    'problem.age_range': 'The upper age must not be lower than the lower age',
    'problem.period_order': 'The end date must not be before the start date',
    'problem.target_direction': 'The target must be above the baseline when the indicator should rise, and below when it should fall',
    'problem.duplicate_kind': 'Each kind of budget may appear only once',
    'problem.duplicate_function': 'Each function may appear only once',
    'problem.status_transition': 'The effort cannot change directly from its current status to the chosen one',
    'problem.unknown_district': "The district is not on the municipality's list of districts",
    'problem.legal_basis_exists': 'The legal basis is already on the list',
    'problem.effective_before_start': "The date is before the effort's latest status change",
    'problem.plan_status': 'The plan is not in a status that allows this',
    'problem.plan_exists': 'There is already an action plan for the year',
    'problem.plan_version_not_found': 'The version does not exist',
    'problem.plan_no_approvers': 'The approving forum has no members with a user who can approve',
    'problem.plan_already_approved': 'You have already approved the plan',
    'problem.comment_required': 'Write a comment of at least 3 characters',
    'field.unknown': 'This field is not allowed',
    'field.unstorable_text': 'The text contains a character that cannot be stored (such as a null character)',
    'field.invalid_type': 'Must be {expected}',
    'type.string': 'text',
    'type.number': 'a number',
    'type.boolean': 'true or false',
    'type.array': 'a list',
    'type.object': 'an object',
    'type.other': 'a valid value',
  },
} as const;

export type MessageKey = keyof (typeof messages)['da'];

export function translate(locale: TLocale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function hasMessage(key: string): key is MessageKey {
  return key in messages.da;
}

/** Picks da or en from an Accept-Language header; Danish unless English is preferred. */
export function localeFromAcceptLanguage(header: string | undefined): TLocale {
  if (!header) return 'da';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((r) => r.tag === 'da' || r.tag === 'en')
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag === 'en' ? 'en' : 'da';
}

import type { TConfidentiality, TMinutesContent } from '../../../contracts/meetings.ts';
import type { FieldError } from '../../platform/errors.ts';
import type { MessageKey } from '../../platform/i18n.ts';

export interface AgendaRef {
  id: string;
  confidentiality: TConfidentiality;
}

/**
 * What minutes may say about this meeting: attendance of those invited, notes and decisions on
 * its agenda's items (none on a case item: the case holds them), action items on its items,
 * owned by a function (checked against the map by the service) or by someone invited.
 */
export function minutesErrors(content: TMinutesContent, agenda: readonly AgendaRef[], invited: ReadonlySet<string>): FieldError[] {
  const items = new Map(agenda.map((item) => [item.id, item]));
  const errors: FieldError[] = [];
  const error = (field: string, message: MessageKey) => errors.push({ field: `content.${field}`, message });
  content.attendance.forEach((a, i) => {
    if (!invited.has(a.userId)) error(`attendance[${i}].userId`, 'meeting.not_invited');
  });
  content.items.forEach((entry, i) => {
    const item = items.get(entry.agendaItemId);
    if (!item) error(`items[${i}].agendaItemId`, 'meeting.unknown_agenda_item');
    else if (item.confidentiality === 'case' && (entry.notes || entry.decisions.length)) error(`items[${i}].notes`, 'meeting.case_item_content');
  });
  content.actionItems.forEach((action, i) => {
    if (!items.has(action.agendaItemId)) error(`actionItems[${i}].agendaItemId`, 'meeting.unknown_agenda_item');
    if (action.ownerUserId && !invited.has(action.ownerUserId)) error(`actionItems[${i}].ownerUserId`, 'meeting.not_invited');
  });
  return errors;
}

/** Those present approve the minutes (a substitute stands in for someone, but is no user of Trekant). */
export const participantsOf = (content: TMinutesContent) => content.attendance.filter((a) => a.attendance === 'present').map((a) => a.userId);

/** The minutes as a reader gets them: the notes, decisions and action items of items they may not open are left out. */
export function minutesFor(content: TMinutesContent, opens: (agendaItemId: string) => boolean): { content: TMinutesContent; withheldItemIds: string[] } {
  const withheld = new Set([...content.items.map((i) => i.agendaItemId), ...content.actionItems.map((a) => a.agendaItemId)].filter((id) => !opens(id)));
  return {
    content: {
      attendance: content.attendance,
      items: content.items.filter((i) => !withheld.has(i.agendaItemId)),
      actionItems: content.actionItems.filter((a) => !withheld.has(a.agendaItemId)),
    },
    withheldItemIds: [...withheld],
  };
}

/**
 * A save that does not mention a closed item (its writer read the minutes without a purpose, so
 * the item was withheld) keeps what the stored draft says of it: its notes, decisions and action
 * items. A save that mentions it, even empty, replaces them: that writer opened it.
 */
export function keepUnmentionedClosedItems(stored: TMinutesContent | null, incoming: TMinutesContent, agenda: readonly AgendaRef[]): TMinutesContent {
  if (!stored) return incoming;
  const mentioned = new Set([...incoming.items.map((i) => i.agendaItemId), ...incoming.actionItems.map((a) => a.agendaItemId)]);
  const kept = new Set(agenda.filter((item) => item.confidentiality === 'closed' && !mentioned.has(item.id)).map((item) => item.id));
  if (kept.size === 0) return incoming;
  return {
    attendance: incoming.attendance,
    items: [...incoming.items, ...stored.items.filter((i) => kept.has(i.agendaItemId))],
    actionItems: [...incoming.actionItems, ...stored.actionItems.filter((a) => kept.has(a.agendaItemId))],
  };
}

/**
 * Locked minutes against the action items already followed up (from an earlier version): new
 * ones start, those still there take the corrected text (keeping their status), and those the
 * correction removed are cancelled.
 */
export function actionItemChanges<A extends { id: string }>(existing: readonly string[], locked: readonly A[]) {
  const before = new Set(existing);
  const after = new Set(locked.map((a) => a.id));
  return { insert: locked.filter((a) => !before.has(a.id)), update: locked.filter((a) => before.has(a.id)), cancel: existing.filter((id) => !after.has(id)) };
}

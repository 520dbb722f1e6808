import { describe, expect, it } from 'vitest';
import { ZMinutesContent } from '../../../contracts/meetings.ts';
import { actionItemChanges, keepUnmentionedClosedItems, minutesErrors, minutesFor, participantsOf } from './meetings.minutes.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const [OPEN, CLOSED, CASE, ANNA, BO, OUTSIDER] = [1, 2, 3, 4, 5, 6].map(id);
const agenda = [
  { id: OPEN, confidentiality: 'open' as const },
  { id: CLOSED, confidentiality: 'closed' as const },
  { id: CASE, confidentiality: 'case' as const },
];
const content = ZMinutesContent.parse({
  attendance: [
    { userId: ANNA, attendance: 'present' },
    { userId: BO, attendance: 'substitute', substituteName: 'Stedfortræder' },
  ],
  items: [
    { agendaItemId: OPEN, notes: 'Åbent', decisions: ['Besluttet'] },
    { agendaItemId: CLOSED, notes: 'Lukket' },
  ],
  actionItems: [
    { id: id(10), agendaItemId: OPEN, what: 'Gør noget', ownerUserId: ANNA, level: 'executing' },
    { id: id(11), agendaItemId: CLOSED, what: 'Gør noget lukket', ownerFunctionId: id(20), level: 'strategic' },
  ],
});

describe('minutes against their meeting', () => {
  it('accepts what the agenda and the invitations allow', () => {
    expect(minutesErrors(content, agenda, new Set([ANNA, BO]))).toEqual([]);
  });

  it('names each field that points outside the meeting, and content on a case item', () => {
    const wrong = {
      ...content,
      attendance: [{ userId: OUTSIDER, attendance: 'present' as const, substituteName: null }],
      items: [{ agendaItemId: CASE, notes: 'Navnet på den unge', decisions: [] }],
      actionItems: [{ ...content.actionItems[0], agendaItemId: id(99), ownerUserId: OUTSIDER }],
    };
    expect(minutesErrors(wrong, agenda, new Set([ANNA, BO]))).toEqual([
      { field: 'content.attendance[0].userId', message: 'meeting.not_invited' },
      { field: 'content.items[0].notes', message: 'meeting.case_item_content' },
      { field: 'content.actionItems[0].agendaItemId', message: 'meeting.unknown_agenda_item' },
      { field: 'content.actionItems[0].ownerUserId', message: 'meeting.not_invited' },
    ]);
  });

  it('lets those present approve, not those represented by a substitute', () => {
    expect(participantsOf(content)).toEqual([ANNA]);
  });

  it('leaves out what was said and decided on items the reader may not open', () => {
    const shown = minutesFor(content, (itemId) => itemId === OPEN);
    expect(shown.withheldItemIds).toEqual([CLOSED]);
    expect(shown.content.items.map((i) => i.agendaItemId)).toEqual([OPEN]);
    expect(shown.content.actionItems.map((a) => a.what)).toEqual(['Gør noget']);
    expect(shown.content.attendance).toEqual(content.attendance);
  });
});

describe('a correction’s action items against those followed up', () => {
  it('starts new ones, corrects those kept and cancels those removed', () => {
    const changes = actionItemChanges([id(10), id(11)], [{ id: id(11) }, { id: id(12) }]);
    expect(changes).toEqual({ insert: [{ id: id(12) }], update: [{ id: id(11) }], cancel: [id(10)] });
  });
});

describe('saving minutes read without a purpose', () => {
  it('keeps what the draft says of a closed item the save does not mention, and replaces what it does', () => {
    // The organiser read without a purpose: the closed item was withheld, so the save lacks it.
    const withoutClosed = minutesFor(content, (item) => item !== CLOSED).content;
    const edited = { ...withoutClosed, items: withoutClosed.items.map((i) => ({ ...i, notes: 'Rettet' })) };
    const kept = keepUnmentionedClosedItems(content, edited, agenda);
    expect(kept.items.find((i) => i.agendaItemId === CLOSED)?.notes).toBe('Lukket');
    expect(kept.items.find((i) => i.agendaItemId === OPEN)?.notes).toBe('Rettet');
    expect(kept.actionItems.map((a) => a.id)).toEqual([id(10), id(11)]);
    // A save that names the closed item (its writer opened it) decides what it says, even nothing.
    const emptied = { ...content, items: content.items.map((i) => (i.agendaItemId === CLOSED ? { ...i, notes: '' } : i)), actionItems: [content.actionItems[0]] };
    expect(keepUnmentionedClosedItems(content, emptied, agenda)).toEqual(emptied);
    // The first save has nothing to keep.
    expect(keepUnmentionedClosedItems(null, edited, agenda)).toEqual(edited);
  });
});

/**
 * The instant a calendar day starts in Denmark (Europe/Copenhagen, summer time included), so
 * that "from 2.12" means from midnight Danish time, as the screen shows it.
 */
export function startOfDanishDay(isoDate: string, addDays = 0): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d + addDays);
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(utcMidnight));
  // Copenhagen is UTC+1 or +2: at UTC midnight it is 01 or 02 o'clock there.
  const offsetHours = Number(parts.find((p) => p.type === 'hour')?.value ?? 1);
  return new Date(utcMidnight - offsetHours * 3600 * 1000);
}

/** Today's date in Denmark as YYYY-MM-DD (a status change "today" is today there, not in UTC). */
export function danishToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

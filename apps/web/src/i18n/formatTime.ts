interface Formats {
  time: Intl.DateTimeFormat;
  dayAndTime: Intl.DateTimeFormat;
  full: Intl.DateTimeFormat;
}

// Building an Intl.DateTimeFormat is slow; a room renders hundreds of timestamps.
const formatsByKey = new Map<string, Formats>();

function formatsFor(language: string, timeZone: string | undefined): Formats {
  const key = `${language}|${timeZone ?? ''}`;
  let formats = formatsByKey.get(key);
  if (!formats) {
    formats = {
      time: new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', timeZone }),
      dayAndTime: new Intl.DateTimeFormat(language, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZone,
      }),
      full: new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'medium', timeZone }),
    };
    formatsByKey.set(key, formats);
  }
  return formats;
}

/** Today's messages show only the time; older ones the date too. */
export function formatMessageTime(
  iso: string,
  language: string,
  now = new Date(),
  timeZone?: string,
): string {
  const formats = formatsFor(language, timeZone);
  const date = new Date(iso);
  const sameDay = dayOf(formats, date) === dayOf(formats, now);
  return (sameDay ? formats.time : formats.dayAndTime).format(date);
}

/** The exact moment, for a tooltip. */
export function formatFullTime(iso: string, language: string, timeZone?: string): string {
  return formatsFor(language, timeZone).full.format(new Date(iso));
}

function dayOf(formats: Formats, date: Date): string {
  const parts = formats.dayAndTime.formatToParts(date);
  return parts
    .filter((part) => part.type === 'year' || part.type === 'month' || part.type === 'day')
    .map((part) => part.value)
    .join('-');
}

/**
 * The call timer in the visitor's language: a clock (`1:05`, `1:02:05`) in the locale's digits for the eye, and
 * words (`1 minute, 5 seconds`) for the ear, through `Intl`. Loaded with the in-call view.
 */

interface DurationParts {
  hours: number;
  minutes: number;
  seconds: number;
}

/** `Intl.DurationFormat` (Chrome 129+, Safari 16.4+, Firefox 136+); not yet in TypeScript's lib. */
type DurationFormatConstructor = new (locale: string, options: { style: 'long' }) => { format(duration: DurationParts): string };

function parts(ms: number): DurationParts {
  const total = Math.max(0, Math.floor(ms / 1000));
  return { hours: Math.floor(total / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}

/** `75_000` → `1:15`, `3_725_000` → `1:02:05`, in `lang`'s digits. */
export function formatClock(ms: number, lang: string): string {
  const { hours, minutes, seconds } = parts(ms);
  const plain = new Intl.NumberFormat(lang, { useGrouping: false });
  const padded = new Intl.NumberFormat(lang, { minimumIntegerDigits: 2, useGrouping: false });
  return hours > 0
    ? `${plain.format(hours)}:${padded.format(minutes)}:${padded.format(seconds)}`
    : `${plain.format(minutes)}:${padded.format(seconds)}`;
}

/** The duration in words, for screen readers; the clock where the browser has no `Intl.DurationFormat`. */
export function spokenDuration(ms: number, lang: string): string {
  const DurationFormat = (Intl as unknown as { DurationFormat?: DurationFormatConstructor }).DurationFormat;
  if (!DurationFormat) return formatClock(ms, lang);
  const { hours, minutes, seconds } = parts(ms);
  // Zero units are left out, except a call that just started: "0 seconds".
  const shown = { hours, minutes, seconds };
  return new DurationFormat(lang, { style: 'long' }).format(hours + minutes === 0 ? { hours: 0, minutes: 0, seconds } : shown);
}

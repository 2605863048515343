/** An instant as people read it in an email: the recipient's zone is unknown, so UTC, said plainly. */
export function formatInstant(iso: string): string {
  return new Intl.DateTimeFormat('en-US', {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** `30 minutes`, `1 hour`, `48 hours`. */
export function formatDuration(minutes: number): string {
  if (minutes % 60 !== 0 || minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = minutes / 60;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

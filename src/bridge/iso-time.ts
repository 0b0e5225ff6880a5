/** UTC ISO-8601 without milliseconds, ending in `Z`: the one form every SDK parses (the JS SDK rejects `+00:00`). */
export function isoUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "14 min", "2 h 5 min", "40 s": how long until `date`, for people. */
export function describeRemaining(date: Date, now: number): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (seconds <= 0) return 'already expired';
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

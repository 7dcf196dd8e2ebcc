const formats = new Map<string, Intl.DateTimeFormat>();

function partsIn(instant: number, timeZone: string): number[] {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(timeZone, f);
  }
  const get = (type: string) =>
    Number(f.formatToParts(new Date(instant)).find((p) => p.type === type)?.value);
  return [get("year"), get("month"), get("day"), get("hour"), get("minute"), get("second")];
}

/** How far `timeZone` is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = partsIn(instant, timeZone);
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(instant / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The UTC instant of a wall-clock time (`YYYY-MM-DDTHH:MM`) in an IANA zone, or null when the
 * text names no real time. Bodies announce meetings in their own local time, whatever the
 * server's zone.
 */
export function localToUtc(local: string, timeZone: string): Date | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (h > 23 || mi > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  let t = wall - offsetAt(wall, timeZone);
  const second = offsetAt(t, timeZone);
  t = wall - second;
  return new Date(t);
}

/** The wall-clock time (`YYYY-MM-DDTHH:MM`) of an instant in an IANA zone. */
export function utcToLocal(instant: Date, timeZone: string): string {
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0] = partsIn(instant.getTime(), timeZone);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${y}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}`;
}

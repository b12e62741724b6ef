/**
 * W3C Media Fragments temporal dimension, as Media Extended writes it (DIALECT §7):
 * `t=[npt:]start[,end]`, each time as seconds (`398.4`), `MM:SS[.s]` or `H:MM:SS[.s]`, lenient `M:SS`;
 * `t=,20` is 0–20; flags such as `&loop`, `&mute` may come before or after.
 */

export interface TimeRange {
  start: number;
  end?: number;
}

/**
 * The time range in `fragment` (without `#`): `undefined` when it has no `t=`, `null` when `t=` is invalid.
 */
export function parseTimeFragment(fragment: string): TimeRange | null | undefined {
  const param = fragment.split("&").find((part) => /^t=/i.test(part));
  if (param === undefined) return undefined;
  const value = param.slice(2).replace(/^npt:/i, "");
  const comma = value.indexOf(",");
  const startText = comma === -1 ? value : value.slice(0, comma);
  const endText = comma === -1 ? undefined : value.slice(comma + 1);
  const start = startText === "" ? (endText ? 0 : null) : parseClock(startText);
  if (start === null) return null;
  if (endText === undefined) return { start };
  const end = parseClock(endText);
  if (end === null || end < start) return null;
  return { start, end };
}

/** Seconds in `398.418331`, `6:38`, `06:38.5` or `1:02:03`; `null` when it is none of them. */
export function parseClock(text: string): number | null {
  const trimmed = text.trim().replace(/s$/i, "");
  if (/^\d+(?:\.\d*)?$/.test(trimmed)) return Number(trimmed);
  const clock = /^(?:(\d+):)?(\d+):(\d{1,2})(\.\d+)?$/.exec(trimmed);
  if (!clock) return null;
  const [, h, m, s, fraction] = clock;
  const seconds = Number(s);
  if (seconds >= 60 || (h !== undefined && Number(m) >= 60)) return null;
  return Number(h ?? 0) * 3600 + Number(m) * 60 + seconds + Number(fraction ?? 0);
}

/** `398.4` → `06:38`, `3723` → `1:02:03`. */
export function formatClock(seconds: number): string {
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

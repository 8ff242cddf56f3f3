const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const two = (n: number) => (n < 10 ? '0' : '') + n

/** `Tue, 01 Sep 2020 08:00:00 GMT`: the V1 `x-oss-date`. */
export function httpDate(ms: number): string {
  const d = new Date(ms)
  return (
    `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} GMT`
  )
}

/** `20200901T080000Z`: the V4 `x-oss-date`. */
export function isoBasicDate(ms: number): string {
  const d = new Date(ms)
  return (
    `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}T` +
    `${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`
  )
}

/**
 * The time requests are signed with: the device clock plus an offset learned from the server when it answered
 * `RequestTimeTooSkewed`. One per target, shared by its files.
 */
export class ServerClock {
  private offsetMs = 0

  /** Server time now, as far as known (ms since epoch). */
  now(): number {
    return Date.now() + this.offsetMs
  }

  /** The offset in force, in ms (server minus device). */
  get offset(): number {
    return this.offsetMs
  }

  /** Adopts the server's time, given as an HTTP date or ISO-8601 text; returns false if it cannot be read. */
  adopt(serverTime: string | undefined): boolean {
    if (!serverTime) return false
    const parsed = Date.parse(serverTime)
    if (Number.isNaN(parsed)) return false
    this.offsetMs = parsed - Date.now()
    return true
  }
}

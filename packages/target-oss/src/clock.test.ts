import { afterEach, describe, expect, it, vi } from 'vitest'
import { httpDate, isoBasicDate, ServerClock } from './clock'

describe('dates', () => {
  it('formats the V1 and V4 x-oss-date', () => {
    const ms = Date.UTC(2020, 8, 1, 8, 0, 5)
    expect(httpDate(ms)).toBe('Tue, 01 Sep 2020 08:00:05 GMT')
    expect(httpDate(ms)).toBe(new Date(ms).toUTCString())
    expect(isoBasicDate(ms)).toBe('20200901T080005Z')
  })
})

describe('ServerClock', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('adopts the server time from an HTTP date or ISO text', () => {
    vi.useFakeTimers({ now: Date.UTC(2024, 0, 1, 0, 0, 0), toFake: ['Date'] })
    const clock = new ServerClock()
    expect(clock.now()).toBe(Date.UTC(2024, 0, 1))
    expect(clock.adopt('Mon, 01 Jan 2024 00:30:00 GMT')).toBe(true)
    expect(clock.offset).toBe(30 * 60 * 1000)
    expect(clock.now()).toBe(Date.UTC(2024, 0, 1, 0, 30))
    expect(clock.adopt('2023-12-31T23:59:00.000Z')).toBe(true)
    expect(clock.offset).toBe(-60 * 1000)
    expect(clock.adopt('yesterday')).toBe(false)
    expect(clock.adopt(undefined)).toBe(false)
    expect(clock.offset).toBe(-60 * 1000)
  })
})

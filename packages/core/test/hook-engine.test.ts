import {
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesWaterfallHook,
  SyncBailHook,
  SyncHook,
  SyncWaterfallHook,
} from '@vodup/core'
import { describe, expect, it } from 'vitest'

describe('the hook engine', () => {
  it('runs a sync hook’s taps in tap order with the call’s arguments', () => {
    const hook = new SyncHook<[string, number]>(['a', 'b'])
    const seen: string[] = []
    hook.tap('one', (a, b) => {
      seen.push(`one:${a}:${b}`)
    })
    hook.tap({ name: 'two' }, (a, b) => {
      seen.push(`two:${a}:${b}`)
    })
    expect(hook.call('x', 1)).toBeUndefined()
    expect(seen).toEqual(['one:x:1', 'two:x:1'])
  })

  it('orders a tap before the names it gives, and by stage, else after the others', () => {
    const hook = new SyncHook<[string[]]>(['order'])
    const push = (name: string) => (order: string[]) => {
      order.push(name)
    }
    hook.tap('a', push('a'))
    hook.tap('b', push('b'))
    hook.tap({ name: 'c', before: 'a' }, push('c'))
    hook.tap({ name: 'd', before: ['b', 'unknown'] }, push('d'))
    hook.tap({ name: 'e', stage: -1 }, push('e'))
    hook.tap({ name: 'f', stage: 1 }, push('f'))
    hook.tap('g', push('g'))
    const order: string[] = []
    hook.call(order)
    // `d` names a tap that is not there: it goes before every tap (as in tapable); `e`'s lower stage goes first.
    expect(order).toEqual(['e', 'd', 'c', 'a', 'b', 'g', 'f'])
  })

  it('bails with the first defined result; a waterfall passes each defined result on', async () => {
    const bail = new SyncBailHook<[number], string | undefined>(['n'])
    bail.tap('none', () => undefined)
    bail.tap('small', (n) => (n < 10 ? 'small' : undefined))
    bail.tap('any', () => 'any')
    expect(bail.call(3)).toBe('small')
    expect(bail.call(30)).toBe('any')

    const waterfall = new SyncWaterfallHook<[number, string], number | undefined>(['n', 'label'])
    waterfall.tap('double', (n) => n * 2)
    waterfall.tap('keep', () => undefined)
    waterfall.tap('add', (n, label) => n + label.length)
    expect(waterfall.call(5, 'abc')).toBe(13)

    const asyncBail = new AsyncSeriesBailHook<[number], string | undefined>(['n'])
    asyncBail.tapPromise('later', async (n) => (n > 1 ? 'promise' : undefined))
    asyncBail.tapAsync('callback', (n, done) => done(null, n > 0 ? 'callback' : undefined))
    asyncBail.tap('sync', () => 'sync')
    expect(await asyncBail.promise(2)).toBe('promise')
    expect(await asyncBail.promise(1)).toBe('callback')
    expect(await asyncBail.promise(0)).toBe('sync')

    const asyncWaterfall = new AsyncSeriesWaterfallHook<[string]>(['text'])
    asyncWaterfall.tapPromise('upper', async (text) => text.toUpperCase())
    asyncWaterfall.tapAsync('bang', (text, done) => done(null, `${text}!`))
    expect(await asyncWaterfall.promise('hi')).toBe('HI!')
  })

  it('runs async series taps one after the other, each after the previous settled', async () => {
    const hook = new AsyncSeriesHook<[string[]]>(['log'])
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    hook.tapPromise('first', async (log) => {
      log.push('first:start')
      await gate
      log.push('first:end')
    })
    hook.tap('second', (log) => {
      log.push('second')
    })
    const log: string[] = []
    const run = hook.promise(log)
    await Promise.resolve()
    expect(log).toEqual(['first:start'])
    release()
    await run
    expect(log).toEqual(['first:start', 'first:end', 'second'])
  })

  it('stops at a tap that throws or rejects, and passes the error on', async () => {
    const sync = new SyncHook<[]>([])
    const ran: string[] = []
    sync.tap('broken', () => {
      throw new Error('broken')
    })
    sync.tap('after', () => {
      ran.push('after')
    })
    expect(() => sync.call()).toThrow('broken')

    const rejecting = new AsyncSeriesHook<[]>([])
    rejecting.tapPromise('rejects', async () => {
      throw new Error('rejected')
    })
    rejecting.tap('after', () => {
      ran.push('after')
    })
    await expect(rejecting.promise()).rejects.toThrow('rejected')

    const callback = new AsyncSeriesHook<[]>([])
    callback.tapAsync('fails', (done) => done(new Error('called back')))
    const outcome = await new Promise((resolve) => callback.callAsync((error) => resolve(error)))
    expect(outcome).toMatchObject({ message: 'called back' })
    expect(ran).toEqual([])
  })

  it('lets interceptors rewrite taps (also those tapped before) and watch calls, taps, results and errors', () => {
    const hook = new SyncBailHook<[number], number | undefined>(['n'])
    hook.tap('early', (n) => (n === 1 ? 1 : undefined))
    const events: string[] = []
    hook.intercept({
      register: (tap) => ({ ...tap, fn: (n: number) => tap.fn(n * 10) }),
      call: (n) => events.push(`call:${n}`),
      tap: (tap) => events.push(`tap:${tap.name}`),
      result: (result) => events.push(`result:${result}`),
      error: (error) => events.push(`error:${(error as Error).message}`),
      done: () => events.push('done'),
    })
    hook.tap('late', (n) => {
      if (n === 30) throw new Error('thirty')
      return n === 20 ? n : undefined
    })
    expect(hook.isUsed()).toBe(true)
    expect(hook.call(2)).toBe(20)
    expect(hook.call(4)).toBeUndefined()
    expect(() => hook.call(3)).toThrow('thirty')
    expect(events).toEqual([
      'call:2',
      'tap:early',
      'tap:late',
      'result:20',
      'call:4',
      'tap:early',
      'tap:late',
      'done',
      'call:3',
      'tap:early',
      'tap:late',
      'error:thirty',
    ])
  })

  it('refuses a tap without a name, and tapPromise or tapAsync on a sync hook, with INVALID_ARGUMENT', () => {
    const hook = new SyncHook<[]>([])
    expect(new SyncHook<[]>([]).isUsed()).toBe(false)
    expect(() => hook.tap('', () => {})).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
    expect(() => hook.tapPromise('p', async () => {})).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/tap\(\)/),
      }),
    )
    expect(() => hook.tapAsync('a', (done) => done())).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
  })
})

import { EventEmitter } from 'node:events'
import type { ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { ActiveRequests } from './active-requests.js'

const response = () => new EventEmitter() as unknown as ServerResponse

describe('ActiveRequests', () => {
  it('is idle at once when no request is served', async () => {
    await expect(new ActiveRequests().idle()).resolves.toBeUndefined()
  })

  it('becomes idle when the last request served closes, not before', async () => {
    const active = new ActiveRequests()
    const [a, b] = [response(), response()]
    active.track(a)
    active.track(b)
    const order: string[] = []
    const idle = active.idle().then(() => order.push('idle'))
    a.emit('close')
    order.push('a closed')
    await new Promise(setImmediate) // every callback already due has run
    b.emit('close')
    order.push('b closed')
    await idle
    expect(order).toEqual(['a closed', 'b closed', 'idle'])
    // A request that arrives afterwards makes it busy again.
    const c = response()
    active.track(c)
    const again = active.idle().then(() => 'idle again')
    c.emit('close')
    await expect(again).resolves.toBe('idle again')
  })
})

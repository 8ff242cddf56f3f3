import vm from 'node:vm'
import { describe, expect, it } from 'vitest'
import { loadInMiniProgram } from '#test-support'

const source = `
import { createUploader } from '@vodup/core'
import { memoryAuth, memoryTarget, memoryTransport } from '@vodup/core/testing'

globalThis.runUpload = async () => {
  const transport = memoryTransport()
  const target = memoryTarget({ delay: 1 })
  const uploader = createUploader([transport, target, memoryAuth()], { partSize: 102400, concurrency: 3 })
  const events = []
  uploader.hooks.fileStarted.tap('vm', (f) => events.push('started'))
  uploader.hooks.partUploaded.tap('vm', (f, p) => events.push('part'))
  uploader.hooks.fileSucceeded.tap('vm', (f) => events.push('succeeded'))
  let expired = false
  uploader.hooks.partUploaded.tap('vm-expire', () => { if (!expired) { expired = true; target.expireTokens() } })
  const bytes = new Uint8Array(350000)
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 255
  const result = await uploader.upload(transport.putFile('vm.mp4', bytes))
  const stored = target.objects.get('test-bucket/uploads/vm.mp4')
  let same = stored.length === bytes.length
  for (let i = 0; same && i < bytes.length; i++) same = stored[i] === bytes[i]
  return { size: result.size, partsSent: result.partsSent, same, events }
}
`

describe('the kernel in a mini-program sandbox', () => {
  it('has no code generation, no Node globals', async () => {
    const context = await loadInMiniProgram('globalThis.probe = 1')
    const probe = (code: string) => {
      try {
        return String(vm.runInContext(code, context))
      } catch (error) {
        return (error as Error).name
      }
    }
    expect(probe('eval("1 + 1")')).toBe('EvalError')
    expect(probe('new Function("return 1")()')).toBe('EvalError')
    expect(
      probe('typeof require + typeof process + typeof Buffer + typeof URL + typeof TextEncoder'),
    ).toBe('undefinedundefinedundefinedundefinedundefined')
  })

  it('runs a whole multi-part upload with a token expiry', async () => {
    const context = await loadInMiniProgram(source)
    const outcome = (await (context.runUpload as () => Promise<unknown>)()) as {
      size: number
      partsSent: number
      same: boolean
      events: string[]
    }
    expect(outcome).toMatchObject({ size: 350000, partsSent: 4, same: true })
    expect(outcome.events[0]).toBe('started')
    expect(outcome.events.filter((e) => e === 'part')).toHaveLength(4)
    expect(outcome.events.at(-1)).toBe('succeeded')
  })
})

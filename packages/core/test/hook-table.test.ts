import {
  AsyncSeriesBailHook,
  AsyncSeriesHook,
  AsyncSeriesWaterfallHook,
  SyncBailHook,
  SyncHook,
  SyncWaterfallHook,
  type TapFailure,
  UploadError,
} from '@vodup/core'
import { createHooks } from '@vodup/core/internal'
import { describe, expect, it } from 'vitest'
import { HOOK_TABLE, type HookRow, type HookType, hookTableMarkdown } from '../src/hook-table'

const CLASSES: Record<HookType, abstract new (...args: never[]) => object> = {
  SyncHook,
  SyncBailHook,
  SyncWaterfallHook,
  AsyncSeriesHook,
  AsyncSeriesBailHook,
  AsyncSeriesWaterfallHook,
}

type AnyHook = {
  args: readonly string[]
  tap(name: string, fn: (...args: unknown[]) => unknown): void
  call?(...args: unknown[]): unknown
  promise(...args: unknown[]): Promise<unknown>
}

const rows = Object.entries(HOOK_TABLE) as Array<[string, HookRow]>

/** Calls a hook with placeholder arguments; resolves with its result or rejects with what it threw. */
async function fire(hook: AnyHook, type: HookType): Promise<unknown> {
  const args = hook.args.map((name) => ({ placeholder: name }))
  return type.startsWith('Sync') ? hook.call?.(...args) : hook.promise(...args)
}

describe('the hook table', () => {
  it('describes exactly the hooks the kernel makes, in their classes and with their arguments', () => {
    const hooks = createHooks() as unknown as Record<string, AnyHook>
    expect(Object.keys(hooks).sort()).toEqual(Object.keys(HOOK_TABLE).sort())
    for (const [name, row] of rows) {
      const hook = hooks[name]
      expect(hook, name).toBeInstanceOf(CLASSES[row.type])
      // A class further down the list that extends this one would pass instanceof: compare exactly.
      expect(Object.getPrototypeOf(hook).constructor.name, name).toBe(row.type)
      const received =
        row.receives === '–' ? 0 : row.receives.split(/`, (?:previous )?`|`, /).length
      expect(hook.args.length, `${name} receives ${row.receives}`).toBe(received)
    }
  })

  it('does what the table says with a tap that throws', async () => {
    const reported: TapFailure[] = []
    const hooks = createHooks((failure) => reported.push(failure)) as unknown as Record<
      string,
      AnyHook
    >
    for (const [name, row] of rows) {
      const hook = hooks[name]
      const after: string[] = []
      hook.tap('broken', () => {
        throw new TypeError('x is not a function')
      })
      hook.tap('next', () => {
        after.push(name)
        return undefined
      })
      reported.length = 0
      const outcome = await fire(hook, row.type).then(
        () => 'resolved',
        (error) => error,
      )
      if (row.onThrow === 'throw') {
        expect(outcome, name).toMatchObject({
          code: 'INTERNAL',
          message: `The "broken" tap of ${name} threw: x is not a function`,
        })
        expect(reported, name).toEqual([])
      } else {
        expect(outcome, name).toBe('resolved')
        expect(reported, name).toEqual([
          expect.objectContaining({ hook: name, tap: 'broken', error: expect.any(UploadError) }),
        ])
        expect(reported[0].error.code).toBe('INTERNAL')
        expect(after, `${name}: the taps after a broken one still run`).toEqual([name])
      }
    }
  })

  it('passes an UploadError thrown by a decision tap on unchanged', async () => {
    const hooks = createHooks()
    const refusal = new UploadError('INVALID_ARGUMENT', 'No programs.', { field: 'input' })
    hooks.beforeAdd.tap('guard', () => {
      throw refusal
    })
    expect(() => hooks.beforeAdd.call({ input: {}, meta: {} })).toThrow(refusal)
  })

  it('is docs/hooks.md', async () => {
    const page = [
      '# Hooks',
      '',
      '<!-- Generated from packages/core/src/hook-table.ts by packages/core/test/hook-table.test.ts.',
      '     Do not edit: change the table, then run `npx vitest run -u packages/core/test/hook-table.test.ts`. -->',
      '',
      "The hooks of `@vodup/core` (`uploader.hooks`, `kernel.hooks`). Tap them once, in a plugin's `apply`, with",
      "the plugin's name; order a tap before another plugin's with `{ name, before: 'other-plugin' }`. What the",
      'tapable types mean, and how hooks contain a tap that throws: [concepts](concepts.md#hooks).',
      '',
      hookTableMarkdown(),
      '',
      'The five hooks every integration meets first: `beforeAdd` (validate or rewrite input), `authorize`',
      '(credentials), `partUploaded` (per-part bookkeeping), `tokenExpired` (refresh) and `end` (the queue is done).',
      '',
    ].join('\n')
    await expect(page).toMatchFileSnapshot('../../../docs/hooks.md')
  })
})

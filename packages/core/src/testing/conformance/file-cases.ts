import type { FileSource } from '../../transport'
import { check, checkBytes, describe, rejection, thrown } from './checks'
import { type ConformanceContext, patternBytes } from './context'
import type { ConformanceCase, ConformanceFiles } from './types'

const KiB = 1024
/** Chunks as large as a pooling source recycles (smaller reads may get fresh memory). */
const CHUNK = 96 * KiB

/** The `file` cases: identify, ranged reads, reused buffers, a changed file, a missing one. */
export function fileCases(context: ConformanceContext): ConformanceCase[] {
  const { transport } = context
  const files = context.options.files
  const cases: ConformanceCase[] = []
  const add = (name: string, run: (files: ConformanceFiles) => Promise<void>, skip?: string) =>
    cases.push({
      group: 'file',
      name: `file: ${name}`,
      run: async () => {
        if (files) await run(files)
      },
      ...(skip || !files ? { skip: skip ?? 'no files option was given' } : {}),
    })
  let fileNumber = 0
  const make = async (files: ConformanceFiles, bytes: Uint8Array) => {
    fileNumber++
    return files.create(`conformance-${fileNumber}.bin`, bytes)
  }
  const withSource = async (input: unknown, use: (source: FileSource) => Promise<void>) => {
    let source: FileSource
    try {
      source = await transport.openFile(input)
    } catch (error) {
      throw new Error(`openFile failed: ${describe(error)}`)
    }
    try {
      await use(source)
    } finally {
      await source.close()
    }
  }

  add(
    'identify describes an input without I/O: one input, one key; the name openFile gives',
    async (files) => {
      const bytes = patternBytes(10 * KiB + 1, 11)
      const input = await make(files, bytes)
      const first = transport.identify(input)
      const second = transport.identify(input)
      check(
        typeof first.key === 'string' && first.key !== '',
        `identify gave the key ${describe(first.key)}.`,
      )
      check(
        first.key === second.key,
        `identify gave two keys for one input: ${first.key}, ${second.key}.`,
      )
      check(
        typeof first.name === 'string' && first.name !== '',
        `identify gave the name ${describe(first.name)}.`,
      )
      check(
        first.size === undefined || first.size === bytes.length,
        `identify gave the size ${first.size} for ${bytes.length} bytes.`,
      )
      const other = transport.identify(await make(files, bytes))
      check(other.key !== first.key, `two files got one key (${first.key}).`)
      await withSource(input, async (source) => {
        check(
          source.name === first.name,
          `openFile names the file ${describe(source.name)}, identify ${describe(first.name)}.`,
        )
      })
    },
  )

  add('identify throws INVALID_ARGUMENT for an input it cannot use', async (files) => {
    const invalid = 'invalid' in files ? files.invalid : 42
    thrown(() => transport.identify(invalid), 'INVALID_ARGUMENT', `identify(${describe(invalid)})`)
  })

  add('openFile tells the size; read returns exactly the bytes of each range', async (files) => {
    const bytes = patternBytes(300 * KiB + 13, 12)
    await withSource(await make(files, bytes), async (source) => {
      check(
        source.size === bytes.length,
        `size is ${source.size}, the file has ${bytes.length} bytes.`,
      )
      check(
        source.lastModified === undefined || Number.isFinite(source.lastModified),
        `lastModified is ${describe(source.lastModified)}.`,
      )
      const ranges: Array<[number, number]> = [
        [0, 1],
        [1000, 70 * KiB],
        [bytes.length - 13, bytes.length],
        [0, bytes.length],
        [5, 5],
      ]
      for (const [start, end] of ranges) {
        const chunk = await source.read(start, end)
        checkBytes(chunk, bytes.subarray(start, end), `read(${start}, ${end})`)
        source.release?.(chunk)
      }
    })
  })

  add(
    'read rejects with INVALID_ARGUMENT (field range) for a range outside the file',
    async (files) => {
      const bytes = patternBytes(2 * KiB, 13)
      await withSource(await make(files, bytes), async (source) => {
        const outside: Array<[number, number]> = [
          [0, bytes.length + 1],
          [-1, 10],
          [10, 5],
          [0.5, 10],
        ]
        for (const [start, end] of outside) {
          const error = await rejection(
            () => source.read(start, end),
            'INVALID_ARGUMENT',
            `read(${start}, ${end}) of ${bytes.length} bytes`,
          )
          check(
            error.field === 'range',
            `read(${start}, ${end}): the error names field ${describe(error.field)}, not "range".`,
          )
        }
      })
    },
  )

  add(
    'chunks held are never overwritten by later reads; released chunks may be reused',
    async (files) => {
      const count = 12
      const bytes = patternBytes(count * 2 * CHUNK + 13, 14)
      const expected = (index: number) => bytes.subarray(index * CHUNK, (index + 1) * CHUNK)
      await withSource(await make(files, bytes), async (source) => {
        const readMany = (from: number, n: number) =>
          Promise.all(
            Array.from({ length: n }, (_, i) =>
              source.read((from + i) * CHUNK, (from + i + 1) * CHUNK),
            ),
          )
        const verify = (chunks: Uint8Array[], from: number, when: string) => {
          for (const [i, chunk] of chunks.entries()) {
            checkBytes(chunk, expected(from + i), `chunk ${from + i} ${when}`)
          }
        }
        const first = await readMany(0, count / 2)
        verify(first, 0, 'as read')
        const second = await readMany(count / 2, count / 2)
        verify(first, 0, 'held while other chunks were read')
        verify(second, count / 2, 'as read')
        for (const chunk of first) {
          source.release?.(chunk)
          // A second release of one chunk must not let two later reads share its memory.
          source.release?.(chunk)
        }
        const third = await readMany(count, count)
        verify(third, count, 'read after others were released')
        verify(second, count / 2, 'held while released memory was reused')
        for (const chunk of [...second, ...third]) source.release?.(chunk)
        const last = await source.read(bytes.length - 13, bytes.length)
        checkBytes(last, bytes.subarray(bytes.length - 13), 'the last 13 bytes')
      })
    },
  )

  add(
    'read rejects with FILE_CHANGED once the file changed after openFile',
    async (files) => {
      const bytes = patternBytes(200 * KiB, 15)
      const input = await make(files, bytes)
      await withSource(input, async (source) => {
        const chunk = await source.read(0, CHUNK)
        checkBytes(chunk, bytes.subarray(0, CHUNK), 'read(0, CHUNK) before the change')
        source.release?.(chunk)
        await files.change?.(input, patternBytes(150 * KiB, 16))
        await rejection(
          () => source.read(0, CHUNK),
          'FILE_CHANGED',
          'read of a file that changed after openFile',
        )
      })
    },
    files && !files.change ? 'files.change was not given' : undefined,
  )

  add(
    'openFile rejects with FILE_NOT_FOUND for a file that does not exist',
    async (files) => {
      const input = files.missing?.()
      await rejection(
        () => transport.openFile(input),
        'FILE_NOT_FOUND',
        `openFile(${describe(input)})`,
      )
    },
    files && !files.missing ? 'files.missing was not given' : undefined,
  )

  return cases
}

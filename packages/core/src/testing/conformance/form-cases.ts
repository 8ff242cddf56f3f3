import { createCancelController } from '../../cancel'
import { base64Decode, utf8Encode } from '../../encoding'
import { UploadError } from '../../errors'
import { check, describe } from './checks'
import { type ConformanceContext, parseEcho, patternBytes } from './context'
import type { ConformanceCase } from './types'

/** Where `needle` first occurs in `haystack` at or after `from`, or -1. */
function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0]
  outer: for (let i = haystack.indexOf(first, from); i !== -1; i = haystack.indexOf(first, i + 1)) {
    if (i + needle.length > haystack.length) return -1
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return i
  }
  return -1
}

/** The `form` cases: `uploadForm` (a platform-streamed multipart/form-data POST), where the transport has one. */
export function formCases(context: ConformanceContext): ConformanceCase[] {
  const { transport } = context
  const files = context.options.files
  const skip = !transport.uploadForm
    ? 'the transport has no uploadForm'
    : !files
      ? 'no files option was given'
      : undefined
  const cases: ConformanceCase[] = []
  const add = (name: string, run: () => Promise<void>) =>
    cases.push({ group: 'form', name: `form: ${name}`, run, ...(skip ? { skip } : {}) })

  add('uploadForm posts the fields in order, then the file, as multipart/form-data', async () => {
    const what = 'uploadForm of a 150 KiB file'
    const bytes = patternBytes(150 * 1024, 41)
    const input = await files!.create('conformance-form.bin', bytes)
    const seen: Array<[number, number]> = []
    const response = await transport.uploadForm!({
      url: context.url('echo'),
      fields: {
        key: 'uploads/conformance-form.bin',
        'x-conformance': 'Wert ✓',
        success_action_status: '200',
      },
      file: input,
      fileField: 'file',
      headers: { 'X-Vodup-Conformance': 'form' },
      onUploadProgress: (sent, total) => seen.push([sent, total]),
    })
    check(response.status === 200, `${what}: expected status 200, got ${response.status}.`)
    const echo = parseEcho(response, what)
    check(echo.method === 'POST', `${what}: the server saw method ${echo.method}.`)
    check(
      /^multipart\/form-data;\s*boundary=/i.test(echo.headers['content-type'] ?? ''),
      `${what}: the server saw Content-Type ${describe(echo.headers['content-type'])}.`,
    )
    check(
      echo.headers['x-vodup-conformance'] === 'form',
      `${what}: the request's header did not reach the server.`,
    )
    const body = base64Decode(echo.body)
    check(body !== undefined, `${what}: the server's echo holds no readable body.`)
    const at = (text: string) => indexOfBytes(body, utf8Encode(text))
    const positions = [
      at('name="key"\r\n\r\nuploads/conformance-form.bin\r\n'),
      at('name="x-conformance"\r\n\r\nWert ✓\r\n'),
      at('name="success_action_status"\r\n\r\n200\r\n'),
      at('name="file"'),
    ]
    check(
      positions.every((p) => p >= 0),
      `${what}: a field or the file part is missing from the form (positions ${positions.join(', ')}).`,
    )
    check(
      positions.every((p, i) => i === 0 || p > positions[i - 1]),
      `${what}: the fields are not in insertion order before the file.`,
    )
    const fileAt = indexOfBytes(body, bytes, positions[3])
    check(fileAt > positions[3], `${what}: the file's bytes are not in the form whole.`)
    for (let i = 0; i < seen.length; i++) {
      const [sent, total] = seen[i]
      check(total === bytes.length, `${what}: progress reported a total of ${total} bytes.`)
      check(sent >= 0 && sent <= total, `${what}: progress reported ${sent} of ${total} bytes.`)
      check(i === 0 || sent >= seen[i - 1][0], `${what}: progress went back.`)
    }
    if (seen.length > 0) {
      check(
        seen[seen.length - 1][0] === bytes.length,
        `${what}: the last progress report is not the whole file.`,
      )
    }
  })

  add("uploadForm rejects with the signal's reason when it aborts", async () => {
    const what = 'uploadForm aborted while the server holds it'
    const input = await files!.create('conformance-form-abort.bin', patternBytes(64 * 1024, 42))
    const id = context.newId()
    const controller = createCancelController()
    const reason = new UploadError('ABORTED', 'Aborted by the conformance suite.')
    const outcome = transport.uploadForm!({
      url: context.url('hang', { id }),
      fields: { key: 'k' },
      file: input,
      fileField: 'file',
      signal: controller.signal,
    }).then(
      (response) => ({ response }),
      (error: unknown) => ({ error }),
    )
    if (transport.capabilities.maxConcurrency > 1) await context.arrived(id)
    controller.abort(reason)
    const settled = await outcome
    check('error' in settled, `${what}: it resolved.`)
    check(
      settled.error === reason,
      `${what}: expected the signal's reason, got ${describe(settled.error)}.`,
    )
    if (transport.capabilities.maxConcurrency > 1) await context.closed(id, what)
  })

  return cases
}

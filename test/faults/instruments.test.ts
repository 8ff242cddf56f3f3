import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import vm from 'node:vm'
import type { FileTask, Uploader } from '@vodup/core'
import { createHooks } from '@vodup/core/internal'
import type { RequestLogEntry } from '@vodup/emulator'
import type { NetworkCall } from '@vodup/transport-wx/double'
import { describe, expect, it } from 'vitest'
import { acknowledgedTwice, partsOfCompletedUploads, rewrittenAnswers } from './support/acks'
import { DOC_BEGIN, DOC_END, writeDocSection } from './support/doc-section'
import { Tally } from './support/ledger'
import { expectListKept, snapshotList } from './support/list-snapshot'
import { trackResends, wireResends } from './support/resends'
import { SecretWatch } from './support/secrets'
import { textOf } from './support/serialize'

/** The suite's own instruments can fail: each finds what it is there to find. */
describe('the instruments of the suite', () => {
  it('the report goes between the markers of the page and nowhere else; a page without them is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vodup-doc-section-'))
    const page = join(dir, 'reliability.md')
    writeFileSync(page, `# Title\n\n${DOC_BEGIN}\n\nold table 90\n\n${DOC_END}\n\nProse.\n`)
    writeDocSection(page, 'new table 89\n')
    expect(readFileSync(page, 'utf8')).toBe(
      `# Title\n\n${DOC_BEGIN}\n\nnew table 89\n\n${DOC_END}\n\nProse.\n`,
    )
    writeFileSync(page, `# Title\n\n${DOC_END}\n${DOC_BEGIN}\n`)
    expect(() => writeDocSection(page, 'x')).toThrow('no "<!-- faults-report:begin')
  })

  it('counts the acknowledged parts of completed uploads once each, not those of abandoned uploads', () => {
    const entry = (e: Partial<RequestLogEntry>): RequestLogEntry =>
      ({
        time: '',
        requestId: '',
        operation: 'UploadPart',
        status: 200,
        bytes: 0,
        ...e,
      }) as RequestLogEntry
    const log = [
      entry({ operation: 'InitiateMultipartUpload', uploadId: 'a' }),
      entry({ operation: 'InitiateMultipartUpload', uploadId: 'b' }),
      entry({ uploadId: 'a', partNumber: 1 }),
      entry({ uploadId: 'b', partNumber: 1 }),
      entry({ uploadId: 'b', partNumber: 1 }),
      entry({ uploadId: 'b', partNumber: 2, status: 0 }),
      entry({ uploadId: 'b', partNumber: 3, answerRewritten: true }),
      entry({ operation: 'CompleteMultipartUpload', uploadId: 'b' }),
    ]
    expect(partsOfCompletedUploads(log)).toEqual({ initiated: 2, completed: 1, acknowledged: 1 })
  })

  it('the secret watch finds a secret, also URL-encoded, in any artefact, and nothing where there is none', () => {
    const watch = new SecretWatch()
    watch.addSecret('CAISsecret+token/with=chars')
    watch.record('hook progress', [{ loaded: 1 }, { note: 'clean' }])
    expect(watch.scan().findings).toEqual([])
    watch.record('hook log', [{ message: 'token CAISsecret+token/with=chars leaked' }])
    watch.record('request log', 'x-oss-security-token=CAISsecret%2Btoken%2Fwith%3Dchars')
    const { findings } = watch.scan()
    expect(findings.map((f) => f.artefact).sort()).toEqual(['hook log', 'request log'])
    expect(JSON.stringify(findings)).not.toContain('secret+token')
  })

  it('artefact text holds error messages, codes and causes, also of errors from a vm context', () => {
    const error = vm.runInNewContext(
      'const e = new Error("outer"); e.code = "NETWORK"; e.cause = new Error("inner secret"); e',
    )
    const text = textOf([{ file: { id: 'f1' } }, error])
    expect(text).toContain('outer')
    expect(text).toContain('NETWORK')
    expect(text).toContain('inner secret')
  })

  it('counts a part acknowledged twice under one upload id, not under two', () => {
    const entry = (uploadId: string, partNumber: number, status = 200) =>
      ({ operation: 'UploadPart', uploadId, partNumber, status }) as RequestLogEntry
    expect(acknowledgedTwice([entry('A', 1), entry('A', 2), entry('B', 1), entry('A', 1, 0)])).toBe(
      0,
    )
    expect(acknowledgedTwice([entry('A', 1), entry('A', 2), entry('A', 1)])).toBe(1)
    // A 200 whose proof a fault rewrote is no acknowledgement: sending the part again is right.
    const rewritten = { ...entry('A', 1), answerRewritten: true } as RequestLogEntry
    expect(acknowledgedTwice([rewritten, entry('A', 1)])).toBe(0)
    expect([...rewrittenAnswers([rewritten, entry('A', 1), rewritten])]).toEqual([['A#1', 2]])
  })

  it('counts a part the app sends again after its acknowledgement, in the hooks and on the wire', async () => {
    const tally = new Tally('x', 'x', 'x')
    const hooks = createHooks()
    const file = { id: 'f1', uploadId: 'U1' }
    trackResends({ hooks, getFile: () => file } as unknown as Uploader, tally)
    const send = (partNumber: number) =>
      hooks.request.promise(
        { method: 'PUT', url: 'u', headers: {} },
        { operation: 'UploadPart', service: 'oss', fileId: 'f1', partNumber },
      )
    await send(1)
    hooks.partUploaded.call(file as unknown as FileTask, { n: 1, etag: 'e', size: 1 })
    await send(2)
    expect(tally.row.duplicateAcks).toBe(0)
    await send(1)
    expect(tally.row.duplicateAcks).toBe(1)

    const wire = new Tally('y', 'y', 'y')
    const call = (partNumber: number, outcome: string, statusCode?: number) =>
      ({
        api: 'request',
        method: 'PUT',
        url: `http://h/b/k?partNumber=${partNumber}&uploadId=U1`,
        headers: {},
        bodyBytes: 1,
        outcome,
        statusCode,
      }) as NetworkCall
    wireResends([call(1, 'ok', 200), call(1, 'request:fail interrupted'), call(2, 'ok', 200)], wire)
    expect(wire.row.duplicateAcks).toBe(0)
    wireResends([call(1, 'ok', 200), call(1, 'ok', 200)], wire)
    expect(wire.row.duplicateAcks).toBe(1)
    wireResends([call(1, 'ok', 200), call(1, 'ok', 200)], wire, new Map([['U1#1', 1]]))
    expect(wire.row.duplicateAcks).toBe(1)
  })

  it('notices a file lost, replaced or changed in the list', () => {
    const a = { state: 'success' }
    const b = { state: 'ready' }
    const before = snapshotList([a, b])
    expect(() => expectListKept(before, [a], 'lost')).toThrow()
    expect(() => expectListKept(before, [a, { state: 'ready' }], 'replaced')).toThrow()
    b.state = 'uploading'
    expect(() => expectListKept(before, [a, b], 'changed')).toThrow()
    b.state = 'ready'
    expect(() => expectListKept(before, [a, b, { state: 'ready' }], 'kept')).not.toThrow()
  })
})

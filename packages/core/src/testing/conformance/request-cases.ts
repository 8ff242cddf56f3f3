import { createCancelController } from '../../cancel'
import { base64Decode, utf8Encode } from '../../encoding'
import { UploadError } from '../../errors'
import { DEFAULT_MAX_RESPONSE_BYTES, type HttpResponse } from '../../http'
import { check, checkBytes, describe, rejection } from './checks'
import { type ConformanceContext, ECHO_NOTE, parseEcho, patternBytes } from './context'
import type { ConformanceCase } from './types'

/** A query value that stands for a signature: no error message may repeat it. */
const SIGNATURE = 'c0nformanceS1gnatureXyz'

function echoedBody(echo: { body: string }, what: string): Uint8Array {
  const bytes = base64Decode(echo.body)
  check(bytes !== undefined, `${what}: the server's echo holds no readable body.`)
  return bytes
}

function checkHeaderNames(response: HttpResponse, what: string): void {
  for (const name of Object.keys(response.headers)) {
    check(name === name.toLowerCase(), `${what}: response header "${name}" is not lower-cased.`)
  }
}

function checkNoSignature(error: UploadError, what: string): void {
  check(
    !error.message.includes(SIGNATURE),
    `${what}: the error message repeats the URL's query (where signatures go): ${error.message}`,
  )
}

/** The `request` cases: HTTP round trips, progress, cancel, timeouts, bounded answers, failures. */
export function requestCases(context: ConformanceContext): ConformanceCase[] {
  const { transport } = context
  const cases: ConformanceCase[] = []
  const add = (name: string, run: () => Promise<void>, skip?: string) =>
    cases.push({ group: 'request', name: `request: ${name}`, run, ...(skip ? { skip } : {}) })

  add('sends the method, the headers, the query and a binary body unchanged', async () => {
    const what = 'PUT with a binary body'
    const bytes = new Uint8Array(256 + 64 * 1024)
    for (let i = 0; i < 256; i++) bytes[i] = i
    bytes.set(patternBytes(64 * 1024, 1), 256)
    const sent = bytes.slice()
    const response = await context.send(
      {
        method: 'PUT',
        url: `${context.url('echo')}?a=1%2F2&b=%E4%B8%8A`,
        headers: {
          'Content-Type': 'application/octet-stream',
          'X-Vodup-Conformance': 'Value With Spaces',
        },
        body: bytes,
      },
      what,
    )
    check(response.status === 200, `${what}: expected status 200, got ${response.status}.`)
    const echo = parseEcho(response, what)
    check(echo.method === 'PUT', `${what}: the server saw method ${echo.method}.`)
    check(
      echo.query === '?a=1%2F2&b=%E4%B8%8A',
      `${what}: the server saw the query ${describe(echo.query)}; a transport sends the URL as given.`,
    )
    check(
      echo.headers['x-vodup-conformance'] === 'Value With Spaces',
      `${what}: the server saw X-Vodup-Conformance ${describe(echo.headers['x-vodup-conformance'])}.`,
    )
    check(
      echo.headers['content-type'] === 'application/octet-stream',
      `${what}: the server saw Content-Type ${describe(echo.headers['content-type'])}.`,
    )
    check(
      echo.headers['content-length'] === String(bytes.length),
      `${what}: the server saw Content-Length ${describe(echo.headers['content-length'])}, expected ${bytes.length}.`,
    )
    checkBytes(echoedBody(echo, what), sent, `${what}: the body the server received`)
    checkBytes(
      bytes,
      sent,
      `${what}: the caller's body after the request (a transport must not change it)`,
    )
  })

  add('decodes answers as UTF-8 and lower-cases response header names', async () => {
    const what = 'GET of a JSON answer'
    const response = await context.send(
      { method: 'GET', url: context.url('echo'), headers: {} },
      what,
    )
    check(response.status === 200, `${what}: expected status 200, got ${response.status}.`)
    checkHeaderNames(response, what)
    check(
      response.headers['x-conformance-echo'] === 'Mixed-Case',
      `${what}: the X-Conformance-Echo header reads ${describe(response.headers['x-conformance-echo'])}.`,
    )
    const echo = parseEcho(response, what)
    check(echo.method === 'GET', `${what}: the server saw method ${echo.method}.`)
    check(echoedBody(echo, what).length === 0, `${what}: the server received a body.`)
    check(echo.note === ECHO_NOTE, `${what}: the answer's text decodes to ${describe(echo.note)}.`)
  })

  add('sends a text body as UTF-8', async () => {
    const what = 'POST with a text body'
    const text = '<Note>上传 ✓ ü</Note>'
    const response = await context.send(
      {
        method: 'POST',
        url: context.url('echo'),
        headers: { 'Content-Type': 'application/xml' },
        body: text,
      },
      what,
    )
    const echo = parseEcho(response, what)
    checkBytes(echoedBody(echo, what), utf8Encode(text), `${what}: the body the server received`)
  })

  add('resolves for every HTTP status, with the answer', async () => {
    for (const status of [201, 204, 400, 403, 404, 409, 500, 503]) {
      const what = `an answer with status ${status}`
      const response = await context.send(
        { method: 'DELETE', url: context.url('echo', { status }), headers: {} },
        what,
      )
      check(response.status === status, `${what}: got status ${response.status}.`)
      checkHeaderNames(response, what)
      if (status !== 204) parseEcho(response, what)
    }
  })

  add('keeps the bodies of concurrent requests apart', async () => {
    const count = Math.min(transport.capabilities.maxConcurrency, 6) + 2
    const bodies = Array.from({ length: count }, (_, i) => patternBytes(128 * 1024 + i, 100 + i))
    const answers = await Promise.all(
      bodies.map((body, i) =>
        context.send(
          { method: 'PUT', url: context.url('echo', { n: i }), headers: {}, body },
          `concurrent request ${i}`,
        ),
      ),
    )
    answers.forEach((response, i) => {
      const what = `concurrent request ${i}`
      const echo = parseEcho(response, what)
      check(echo.query === `?n=${i}`, `${what}: got the answer of another request (${echo.query}).`)
      checkBytes(echoedBody(echo, what), bodies[i], `${what}: the body the server received`)
    })
  })

  add(
    'reports upload progress in body bytes, never backwards, up to the whole body',
    async () => {
      const what = 'a PUT of 3 MiB with onUploadProgress'
      const body = patternBytes(3 * 1024 * 1024, 7)
      const seen: number[] = []
      const response = await context.send(
        {
          method: 'PUT',
          url: context.url('echo'),
          headers: {},
          body,
          maxResponseBytes: 8 * 1024 * 1024,
          onUploadProgress: (sent) => seen.push(sent),
        },
        what,
      )
      check(response.status === 200, `${what}: expected status 200, got ${response.status}.`)
      check(seen.length > 0, `${what}: onUploadProgress was never called.`)
      for (let i = 0; i < seen.length; i++) {
        check(
          Number.isSafeInteger(seen[i]) && seen[i] >= 0 && seen[i] <= body.length,
          `${what}: reported ${seen[i]} bytes of ${body.length}.`,
        )
        check(
          i === 0 || seen[i] >= seen[i - 1],
          `${what}: progress went back from ${seen[i - 1]} to ${seen[i]}.`,
        )
      }
      check(
        seen[seen.length - 1] === body.length,
        `${what}: the last report was ${seen[seen.length - 1]} bytes, not the whole body (${body.length}).`,
      )
    },
    transport.capabilities.uploadProgress ? undefined : 'capabilities.uploadProgress is false',
  )

  add("rejects with the signal's reason when it aborts, and drops the connection", async () => {
    const what = 'a request aborted while the server holds it'
    const id = context.newId()
    const controller = createCancelController()
    const reason = new UploadError('ABORTED', 'Aborted by the conformance suite.')
    const pending = transport.request({
      method: 'PUT',
      url: context.url('hang', { id }),
      headers: {},
      body: patternBytes(64 * 1024, 3),
      signal: controller.signal,
    })
    const outcome = pending.then(
      (response) => ({ response }),
      (error: unknown) => ({ error }),
    )
    // With room for a second request, abort only once the server holds the first.
    if (transport.capabilities.maxConcurrency > 1) await context.arrived(id)
    controller.abort(reason)
    const settled = await outcome
    check(
      'error' in settled,
      `${what}: it resolved with ${describe((settled as { response?: unknown }).response)}.`,
    )
    check(
      settled.error === reason,
      `${what}: expected the signal's reason as the rejection, got ${describe(settled.error)}.`,
    )
    if (transport.capabilities.maxConcurrency > 1) await context.closed(id, what)
  })

  add("rejects at once with the signal's reason when it is already aborted", async () => {
    const controller = createCancelController()
    controller.abort()
    const error = await rejection(
      () =>
        transport.request({
          method: 'GET',
          url: context.url('echo'),
          headers: {},
          signal: controller.signal,
        }),
      'ABORTED',
      'a request whose signal was aborted before it started',
    )
    check(error === controller.signal.reason, "the rejection is not the signal's reason.")
  })

  add(
    'rejects with TIMEOUT (retryable) when no answer comes in timeoutMs, and drops the connection',
    async () => {
      const what = 'a request the server never answers, with timeoutMs 400'
      const id = context.newId()
      const error = await rejection(
        () =>
          transport.request({
            method: 'GET',
            url: context.url('hang', { id, Signature: SIGNATURE }),
            headers: {},
            timeoutMs: 400,
          }),
        'TIMEOUT',
        what,
      )
      check(error.retryable, `${what}: a TIMEOUT must be retryable.`)
      checkNoSignature(error, what)
      if (transport.capabilities.maxConcurrency > 1) await context.closed(id, what)
    },
  )

  const bounded = (
    name: string,
    query: Record<string, string | number | boolean>,
    limit: number | undefined,
    expect: { truncated: boolean; length?: number },
  ) =>
    add(`bounded answers: ${name}`, async () => {
      const what = `an answer of ${query.bytes} bytes${query.chunked ? ' (chunked)' : ''} with maxResponseBytes ${limit ?? 'unset'}`
      const response = await context.send(
        {
          method: 'GET',
          url: context.url('big', query),
          headers: {},
          ...(limit !== undefined ? { maxResponseBytes: limit } : {}),
        },
        what,
      )
      const max = limit ?? DEFAULT_MAX_RESPONSE_BYTES
      check(
        response.status === Number(query.status ?? 200),
        `${what}: got status ${response.status}.`,
      )
      check(
        Boolean(response.truncated) === expect.truncated,
        `${what}: truncated is ${describe(response.truncated)}, expected ${expect.truncated}.`,
      )
      check(
        response.body.length <= max,
        `${what}: the body holds ${response.body.length} characters.`,
      )
      if (expect.length !== undefined) {
        check(
          response.body.length === expect.length,
          `${what}: the body holds ${response.body.length} characters, expected ${expect.length}.`,
        )
      }
    })
  bounded(
    'a body announced longer than maxResponseBytes is marked truncated',
    { bytes: 200_000, status: 403 },
    1000,
    {
      truncated: true,
    },
  )
  bounded(
    'a longer chunked body is cut and marked truncated',
    { bytes: 300_000, chunked: true, status: 500 },
    1000,
    {
      truncated: true,
    },
  )
  bounded('a body of exactly maxResponseBytes is whole', { bytes: 1000, chunked: true }, 1000, {
    truncated: false,
    length: 1000,
  })
  bounded(
    'without maxResponseBytes the limit is DEFAULT_MAX_RESPONSE_BYTES',
    { bytes: DEFAULT_MAX_RESPONSE_BYTES + 64 * 1024, chunked: true },
    undefined,
    { truncated: true },
  )

  const failure = (name: string, url: () => string, method: 'GET' | 'PUT') =>
    add(`rejects with NETWORK (retryable) when ${name}`, async () => {
      const what = `a request when ${name}`
      const error = await rejection(
        () =>
          transport.request({
            method,
            url: url(),
            headers: {},
            timeoutMs: 30_000,
            ...(method === 'PUT' ? { body: patternBytes(32 * 1024, 5) } : {}),
          }),
        'NETWORK',
        what,
      )
      check(error.retryable, `${what}: a NETWORK failure must be retryable.`)
      checkNoSignature(error, what)
    })
  failure(
    'the server resets the connection',
    () => context.url('reset', { Signature: SIGNATURE }),
    'PUT',
  )
  failure(
    'the connection is refused',
    () => `${context.options.refusedUrl ?? 'http://127.0.0.1:1/'}?Signature=${SIGNATURE}`,
    'GET',
  )
  failure(
    'the host name does not resolve',
    () =>
      `${context.options.unresolvableUrl ?? 'http://vodup-conformance.invalid/'}?Signature=${SIGNATURE}`,
    'GET',
  )

  add('rejects with INVALID_ARGUMENT (field url) for a URL that is not http(s)', async () => {
    for (const url of ['not a url', `ftp://127.0.0.1/file?Signature=${SIGNATURE}`]) {
      const what = `a request to ${JSON.stringify(url.replace(SIGNATURE, '…'))}`
      const error = await rejection(
        () => transport.request({ method: 'GET', url, headers: {} }),
        'INVALID_ARGUMENT',
        what,
      )
      check(
        error.field === 'url',
        `${what}: the error names field ${describe(error.field)}, not "url".`,
      )
      check(!error.retryable, `${what}: a bad URL is not retryable.`)
      checkNoSignature(error, what)
    }
  })

  return cases
}

import { createWriteStream, type WriteStream } from 'node:fs'

/** One served request. Never holds a secret, token or signature. */
export interface RequestLogEntry {
  /** When the request finished (ISO-8601, real time). */
  time: string
  /** The request id the response carried. */
  requestId: string
  /** `PutObject`, `UploadPart`, `CreateUploadVideo`... or `Unknown`. */
  operation: string
  bucket?: string
  key?: string
  uploadId?: string
  partNumber?: number
  /** HTTP status sent (or, with `answerLost`, the one a fault kept from the client), 0 when a fault reset the connection. */
  status: number
  /** The request was served in full, but a `loseAnswer` fault destroyed the connection instead of the answer. */
  answerLost?: true
  /** A `rewriteAnswer` fault changed the answer sent (its status is the one sent). */
  answerRewritten?: true
  /** Error code sent, if the request failed. */
  code?: string
  /** Request body bytes received. */
  bytes: number
}

/** The request log: kept in memory, optionally appended to a JSON-lines file and passed to a listener. */
export class RequestLog {
  private entries: RequestLogEntry[] = []
  private readonly file: WriteStream | undefined

  constructor(
    filePath: string | undefined,
    private readonly listener?: (entry: RequestLogEntry) => void,
  ) {
    this.file = filePath ? createWriteStream(filePath, { flags: 'a' }) : undefined
  }

  /** Records one finished request. */
  add(entry: RequestLogEntry): void {
    this.entries.push(entry)
    this.file?.write(`${JSON.stringify(entry)}\n`)
    this.listener?.(entry)
  }

  /** Entries so far, oldest first. */
  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e }))
  }

  /** Forgets the entries kept in memory (the file keeps them). */
  clear(): void {
    this.entries = []
  }

  /** Flushes and closes the file. */
  close(): Promise<void> {
    const file = this.file
    if (!file) return Promise.resolve()
    return new Promise((resolve) => file.end(resolve))
  }
}

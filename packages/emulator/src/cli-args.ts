import { parseArgs } from 'node:util'
import type { EmulatorOptions } from './types.js'

/** Usage text of the `vodup-emulator` command. */
export const USAGE = `Usage: vodup-emulator [options]

Runs a local Alibaba Cloud VOD + OSS + STS emulator on one HTTP port.

Options:
  --port <n>               TCP port (default 0: a free port)
  --host <addr>            interface to bind (default 127.0.0.1)
  --data-dir <dir>         keep objects, uploads and videos in this directory (default: memory)
  --memory-limit <MiB>     without --data-dir, most MiB of objects kept in memory; beyond it uploads are
                           answered 507 InsufficientStorage (default: half the machine's memory)
  --access-key-id <id>     account AccessKey id, with --access-key-secret (default: keys made for this run)
  --access-key-secret <s>  account AccessKey secret, with --access-key-id
  --token-ttl <seconds>    lifetime of issued STS and UploadAuth credentials (default 3000)
  --headers-timeout <s>    time a client has to send a request's headers (default 60)
  --request-timeout <s>    time a client has to send a whole request (default 600)
  --region <id>            region id (default cn-shanghai)
  --bucket <name>          bucket VOD hands out (default outin-vodup-emulator)
  --request-log <file>     append the request log to this file as JSON lines
  --quiet                  do not print one line per request
  -h, --help               show this help

The control API (/__vodup/) needs "Authorization: Bearer <token>" with the token printed at start
(the VODUP_EMULATOR_TOKEN environment variable sets it).
`

/** Parsed command line: emulator options, or a request for help. */
export type CliCommand = { help: true } | { help: false; quiet: boolean; options: EmulatorOptions }

function integer(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!Number.isInteger(value) || value < min)
    throw new Error(`--${name} must be an integer >= ${min}, got "${text}"`)
  return value
}

/** Parses `vodup-emulator` arguments; throws with a readable message on bad input. */
export function parseCliArgs(argv: string[]): CliCommand {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'memory-limit': { type: 'string' },
      'access-key-id': { type: 'string' },
      'access-key-secret': { type: 'string' },
      'token-ttl': { type: 'string' },
      'headers-timeout': { type: 'string' },
      'request-timeout': { type: 'string' },
      region: { type: 'string' },
      bucket: { type: 'string' },
      'request-log': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return { help: true }
  const port = integer('port', values.port, 0)
  const tokenTtlSeconds = integer('token-ttl', values['token-ttl'], 1)
  const headersTimeout = integer('headers-timeout', values['headers-timeout'], 1)
  const requestTimeout = integer('request-timeout', values['request-timeout'], 1)
  const memoryLimit = integer('memory-limit', values['memory-limit'], 1)
  if ((values['access-key-id'] === undefined) !== (values['access-key-secret'] === undefined))
    throw new Error('--access-key-id and --access-key-secret go together')
  const options: EmulatorOptions = {
    ...(port !== undefined ? { port } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(memoryLimit !== undefined ? { memoryLimitBytes: memoryLimit * 1024 * 1024 } : {}),
    ...(values['access-key-id'] ? { accessKeyId: values['access-key-id'] } : {}),
    ...(values['access-key-secret'] ? { accessKeySecret: values['access-key-secret'] } : {}),
    ...(tokenTtlSeconds !== undefined ? { tokenTtlSeconds } : {}),
    ...(headersTimeout !== undefined ? { headersTimeoutMs: headersTimeout * 1000 } : {}),
    ...(requestTimeout !== undefined ? { requestTimeoutMs: requestTimeout * 1000 } : {}),
    ...(values.region ? { region: values.region } : {}),
    ...(values.bucket ? { bucket: values.bucket } : {}),
    ...(values['request-log'] ? { requestLog: values['request-log'] } : {}),
  }
  return { help: false, quiet: values.quiet === true, options }
}

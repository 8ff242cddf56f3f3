import { homedir } from 'node:os'
import { toUploadError, UploadError } from '@vodup/core'
import { Command, CommanderError, Option } from 'commander'
import { version } from '../package.json'
import { type RawCpOptions, resolveCpOptions } from './cp/cp-options'
import { runCp } from './cp/run-cp'
import { runEmulatorCommand } from './emulator/emulator-command'
import { EXIT_CODES } from './exit-codes'
import { DEFAULT_EMULATOR_DATA_DIR, DEFAULT_EMULATOR_PORT, DEFAULT_JOBS } from './options/defaults'
import { parseCount } from './options/parse-size'
import {
  type RawUploadOptions,
  resolveUploadOptions,
  type Verbosity,
} from './options/upload-options'
import { jsonReporter } from './output/json-reporter'
import { plainReporter } from './output/plain-reporter'
import type { OutputStreams, Reporter } from './output/reporter'
import { ttyReporter } from './output/tty-reporter'
import { runUpload } from './upload/run-upload'

/** What the command runs with: streams, environment, working directory and Ctrl-C. */
export interface CliContext extends OutputStreams {
  env: NodeJS.ProcessEnv
  cwd: string
  /** The user's home directory (`~/.aliyun/config.json`). Default `os.homedir()`. */
  home?: string
  /** Subscribes to Ctrl-C (SIGINT, SIGTERM); returns a function that unsubscribes. */
  onInterrupt(listener: () => void): () => void
}

const EXIT_CODES_HELP = `
Exit codes: 0 every file uploaded or skipped; 1 an upload failed (credentials refused or expired, endpoint
unreachable, server error); 2 bad usage or input found before anything is sent (options, missing, unreadable,
empty files, types VOD refuses, a directory without -r, a missing profile); 130 interrupted (Ctrl-C).`

const UPLOAD_HELP = `
Where files go:
  no keys               a local emulator inside the command: nothing leaves the machine, nothing is kept
                        (--emulator-data DIR keeps its data and lets an interrupted batch resume)
  keys + --region       ApsaraVideo VOD in that region (the command calls CreateUploadVideo itself)
  keys + --vod-endpoint any VOD-compatible endpoint, e.g. a running \`vodup emulator\`
Keys, first found wins: --access-key-id/--access-key-secret (--security-token), --profile NAME (the Alibaba
Cloud CLI's ~/.aliyun/config.json, modes AK and StsToken), ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET
(ALIBABA_CLOUD_SECURITY_TOKEN), ALIBABA_CLOUD_PROFILE.
Running the same command again skips the files already uploaded (same path, size and time, or same content),
resumes the one cut off and uploads the rest; --force uploads everything again.
Proxies: HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured.
${EXIT_CODES_HELP}`

function integerOption(flag: string) {
  return (value: string) => parseCount(value, flag, 0)
}

const collect = (value: string, previous: string[] = []) => [...previous, value]

function printError(context: CliContext, json: boolean, error: unknown): void {
  const problem = toUploadError(error)
  if (json) {
    context.stdout.write(
      `${JSON.stringify({ type: 'error', error: { code: problem.code, message: problem.message } })}\n`,
    )
  } else {
    context.stderr.write(`vodup: ${problem.message}\n`)
  }
}

function untilInterrupted(context: CliContext): Promise<void> {
  return new Promise((resolve) => {
    const off = context.onInterrupt(() => {
      off()
      resolve()
    })
  })
}

function reporterFor(context: CliContext, json: boolean, verbosity: Verbosity): Reporter {
  if (json) return jsonReporter(context, verbosity === 'verbose')
  return context.stdout.isTTY ? ttyReporter(context, verbosity) : plainReporter(context, verbosity)
}

/** The surroundings of a batch command (`upload`, `cp`), and where option parsing finds the environment. */
function batchContext(context: CliContext) {
  const options = { env: context.env, cwd: context.cwd, home: context.home ?? homedir() }
  const environment = (settings: { json: boolean; verbosity: Verbosity }, named: string[]) => ({
    reporter: reporterFor(context, settings.json, settings.verbosity),
    cwd: context.cwd,
    named,
    onInterrupt: context.onInterrupt,
  })
  return { options, environment }
}

/** Runs the `vodup` command line (`argv` without the node and script paths) and resolves with the exit code. */
export async function runCli(argv: string[], context: CliContext): Promise<number> {
  const json = argv.includes('--json')
  const batch = batchContext(context)
  let exitCode: number = EXIT_CODES.ok
  const program = new Command('vodup')
    .description(
      'Upload videos and images to Alibaba Cloud ApsaraVideo VOD, with progress, resume and batches.',
    )
    .version(version)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => (json ? undefined : context.stderr.write(text)),
    })
    .addHelpText('after', EXIT_CODES_HELP)

  program
    .command('upload')
    .description('upload files and directories to VOD (to a local emulator when no keys are given)')
    .argument('<paths...>', 'files, or directories with -r')
    .option('-r, --recursive', 'upload the files in the directories named, and below')
    .option(
      '--include <glob>',
      'with -r: only files matching (repeatable; *.mp4, clips/**)',
      collect,
    )
    .option('--exclude <glob>', 'with -r: not files matching (repeatable)', collect)
    .option('-j, --jobs <n>', `files uploading at once (default ${DEFAULT_JOBS})`)
    .option('-c, --concurrency <n>', 'parts in flight per file (default 4)')
    .option('-p, --part-size <size>', 'part size, 100KiB to 5GiB, e.g. 8MiB (default 8MiB)')
    .option('--limit-rate <rate>', 'bandwidth cap for all files together, e.g. 2MiB (per second)')
    .option('--dry-run', 'show what would be uploaded (files, bytes, skipped), send nothing')
    .option('--force', 'upload files again even when an earlier run uploaded them')
    .option('--title <title>', 'video title (default: the file name)')
    .option('--cate-id <id>', 'VOD category id')
    .option('--tags <tags>', 'tags, separated by commas (at most 16)')
    .option('--description <text>', 'video description')
    .option('--template-group-id <id>', 'transcoding template group')
    .option('--workflow-id <id>', 'workflow to run after upload')
    .option('--storage-location <address>', 'VOD storage address (bucket host)')
    .option('--user-data <json>', 'VOD UserData, a JSON object (callbacks, Extend)')
    .option('--json', 'print JSON lines (events, results, a summary) instead of progress')
    .option('-q, --quiet', 'print only failures, warnings and the summary')
    .option('-v, --verbose', 'also print what the uploader logs')
    .option('--profile <name>', 'keys from this Alibaba Cloud CLI profile (~/.aliyun/config.json)')
    .option('--access-key-id <id>', 'AccessKey id (or ALIBABA_CLOUD_ACCESS_KEY_ID)')
    .option('--access-key-secret <secret>', 'AccessKey secret (or ALIBABA_CLOUD_ACCESS_KEY_SECRET)')
    .option('--security-token <token>', 'STS security token (or ALIBABA_CLOUD_SECURITY_TOKEN)')
    .option('--region <id>', 'VOD region, e.g. cn-shanghai')
    .option('--vod-endpoint <url>', 'a VOD-compatible endpoint, e.g. http://127.0.0.1:17070')
    .option(
      '--allow-plain-http',
      'accept http:// to hosts that are not loopback (requests and tokens then travel in clear)',
    )
    .option(
      '--checkpoint-dir <dir>',
      'where checkpoints and the record of finished uploads are kept',
    )
    .option(
      '--emulator-data <dir>',
      'without keys: keep the emulator data here, so a batch can resume',
    )
    .option(
      '--emulator-port <port>',
      `without keys: the emulator's port (default: any free one; ${DEFAULT_EMULATOR_PORT} with --emulator-data)`,
    )
    .addOption(new Option('--emulator-data-dir <dir>').hideHelp())
    .addHelpText('after', UPLOAD_HELP)
    .action(async (paths: string[], raw: RawUploadOptions & { emulatorDataDir?: string }) => {
      const { emulatorDataDir, ...rest } = raw
      const settings = await resolveUploadOptions(
        paths,
        {
          ...rest,
          ...(rest.emulatorData === undefined && emulatorDataDir !== undefined
            ? { emulatorData: emulatorDataDir }
            : {}),
        },
        batch.options,
      )
      exitCode = await runUpload(settings, batch.environment(settings, paths))
    })

  program
    .command('cp')
    .description(
      'upload files (or directory trees with -r) to an OSS bucket, with keys or a profile',
    )
    .argument(
      '<paths...>',
      'files (directories with -r), then the destination: oss://BUCKET/KEY, or oss://BUCKET/PREFIX/',
    )
    .option('-r, --recursive', 'upload the files in the directories named, and below')
    .option('--include <glob>', 'with -r: only files matching (repeatable)', collect)
    .option('--exclude <glob>', 'with -r: not files matching (repeatable)', collect)
    .option('--endpoint <url>', 'OSS endpoint, e.g. https://oss-cn-hangzhou.aliyuncs.com')
    .option(
      '--allow-plain-http',
      'accept an http:// endpoint that is not loopback (requests and tokens then travel in clear)',
    )
    .option(
      '--region <id>',
      'OSS region, e.g. cn-hangzhou (the endpoint is oss-<region>.aliyuncs.com)',
    )
    .option('-j, --jobs <n>', `files uploading at once (default ${DEFAULT_JOBS})`)
    .option('-c, --concurrency <n>', 'parts in flight per file (default 4)')
    .option('-p, --part-size <size>', 'part size, 100KiB to 5GiB (default 8MiB)')
    .option('--limit-rate <rate>', 'bandwidth cap for all files together, e.g. 2MiB (per second)')
    .option('--dry-run', 'show what would be uploaded, send nothing')
    .option('--force', 'upload files again even when an earlier run uploaded them')
    .option('--json', 'print JSON lines instead of progress')
    .option('-q, --quiet', 'print only failures, warnings and the summary')
    .option('-v, --verbose', 'also print what the uploader logs')
    .option('--profile <name>', 'keys from this Alibaba Cloud CLI profile (~/.aliyun/config.json)')
    .option('--access-key-id <id>', 'AccessKey id (or ALIBABA_CLOUD_ACCESS_KEY_ID)')
    .option('--access-key-secret <secret>', 'AccessKey secret (or ALIBABA_CLOUD_ACCESS_KEY_SECRET)')
    .option('--security-token <token>', 'STS security token (or ALIBABA_CLOUD_SECURITY_TOKEN)')
    .option(
      '--checkpoint-dir <dir>',
      'where checkpoints and the record of finished uploads are kept',
    )
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (paths: string[], raw: RawCpOptions) => {
      const sources = paths.slice(0, -1)
      const target = paths.at(-1) ?? ''
      const settings = await resolveCpOptions(sources, target, raw, batch.options)
      exitCode = await runCp(settings, batch.environment(settings, sources))
    })

  program
    .command('emulator')
    .description('run the local VOD + OSS + STS emulator in the foreground')
    .addOption(
      new Option('--port <port>', 'TCP port')
        .default(DEFAULT_EMULATOR_PORT)
        .argParser(integerOption('--port')),
    )
    .option('--host <address>', 'interface to bind', '127.0.0.1')
    .option('--data-dir <dir>', 'where objects and videos are kept', DEFAULT_EMULATOR_DATA_DIR)
    .option('--access-key-id <id>', 'account AccessKey id (default: a fixed test key)')
    .option(
      '--access-key-secret <secret>',
      'account AccessKey secret (default: a fixed test secret)',
    )
    .addOption(
      new Option('--token-ttl <seconds>', 'lifetime of issued credentials').argParser(
        integerOption('--token-ttl'),
      ),
    )
    .option('--quiet', 'do not print one line per request')
    .action(async (options) => {
      exitCode = await runEmulatorCommand(options, context, context.cwd, () =>
        untilInterrupted(context),
      )
    })

  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT_CODES.ok
      if (json) {
        const message = error.message.replace(/^error: /, '')
        printError(context, json, new UploadError('INVALID_ARGUMENT', message))
      }
      return EXIT_CODES.usage
    }
    printError(context, json, error)
    const code = toUploadError(error).code
    return code === 'INVALID_ARGUMENT' ? EXIT_CODES.usage : EXIT_CODES.uploadFailed
  }
}

// The API reports: one `packages/<pkg>/api/<entry>.api.md` per public entry point (each `types` file of a published
// package's `exports`), written by API Extractor from the built .d.ts. A change to a package's public surface shows
// in review as a change to its report. Run after `npm run build`.
// Usage: npm run api:check   (fails when a report differs from the built surface, printing the difference)
//        npm run api:update  (rewrites the reports; commit them with the change)
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CompilerState, Extractor, ExtractorConfig } from '@microsoft/api-extractor'
import { apiEntries, REPORT_FOLDER } from './api-report/entries.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const update = process.argv.includes('--update')
const temp = mkdtempSync(join(tmpdir(), 'vodup-api-'))

/** One API Extractor configuration per entry point; no doc model, no rollup, just the report. */
function configFor(entry) {
  const projectFolder = join(root, entry.dir)
  return ExtractorConfig.prepare({
    configObject: {
      projectFolder,
      mainEntryPointFilePath: join(projectFolder, entry.types),
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: 'es2022',
            module: 'nodenext',
            moduleResolution: 'nodenext',
            lib: ['es2022', 'dom'],
            types: ['node'],
            strict: true,
            skipLibCheck: true,
          },
        },
      },
      apiReport: {
        enabled: true,
        reportFolder: join(projectFolder, REPORT_FOLDER),
        reportFileName: entry.report,
        reportTempFolder: join(temp, entry.dir),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: 'error' } },
        extractorMessageReporting: {
          default: { logLevel: 'none' },
          // A type the surface uses but the entry does not export shows in the report, for review.
          'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: join(projectFolder, 'package.json'),
  })
}

function main() {
  const started = Date.now()
  const entries = apiEntries(root)
  const configs = entries.map((entry) => ({ entry, config: configFor(entry) }))
  // One TypeScript program for many entry points, so that the packages' declarations are read once; but a
  // program holding a module augmentation of a package (the VOD layer's fields in @vodup/core's FileExtensions)
  // makes API Extractor fail on that package's own entries, so an augmented package is read in a program of its own.
  const programs = new Map()
  for (const program of new Set(entries.map((entry) => entry.program))) {
    const group = configs.filter(({ entry }) => entry.program === program)
    programs.set(
      program,
      CompilerState.create(group[0].config, {
        additionalEntryPoints: group.map(({ config }) => config.mainEntryPointFilePath),
      }),
    )
  }
  const changed = []
  const failed = []
  for (const { entry, config } of configs) {
    mkdirSync(join(temp, entry.dir), { recursive: true })
    mkdirSync(config.reportFolder, { recursive: true })
    const messages = []
    const diffs = []
    const result = Extractor.invoke(config, {
      localBuild: update,
      compilerState: programs.get(entry.program),
      printApiReportDiff: !update,
      messageCallback(message) {
        message.handled = true
        if (message.category === 'console') {
          // API Extractor's own progress lines stay quiet, but for the difference of a changed report.
          if (message.messageId === 'console-api-report-diff') diffs.push(message.text)
        } else if (message.logLevel === 'error' || message.logLevel === 'warning') {
          messages.push(message.formatMessageWithLocation(root))
        }
      },
    })
    const name = `${entry.dir}/${REPORT_FOLDER}/${entry.report}.api.md`
    if (result.apiReportChanged) changed.push(name)
    for (const diff of diffs) console.error(diff)
    if (messages.length > 0) failed.push(`${name}:\n  ${messages.join('\n  ')}`)
  }
  const stale = staleReports(entries)
  for (const file of stale) if (update) rmSync(join(root, file))
  rmSync(temp, { recursive: true, force: true })

  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  if (failed.length > 0) {
    console.error(`API reports could not be made:\n${failed.join('\n')}`)
    process.exitCode = 1
  } else if (update) {
    const touched = [...changed, ...stale.map((file) => `${file} (removed)`)]
    console.log(
      `${entries.length} API reports in ${seconds} s; ` +
        (touched.length > 0 ? `updated:\n  ${touched.join('\n  ')}` : 'none changed.'),
    )
  } else if (changed.length > 0 || stale.length > 0) {
    const lines = [...changed, ...stale.map((file) => `${file} (no such entry point any more)`)]
    console.error(
      `\nThe public API differs from its checked-in report:\n  ${lines.join('\n  ')}\n` +
        'If the change is meant, run `npm run api:update` (after `npm run build`), review the reports and commit ' +
        'them with a changeset.',
    )
    process.exitCode = 1
  } else {
    console.log(`${entries.length} API reports match the built packages (${seconds} s).`)
  }
}

/** Reports on disk whose entry point is gone, relative to the root. */
function staleReports(entries) {
  const expected = new Set(
    entries.map((entry) => join(entry.dir, REPORT_FOLDER, `${entry.report}.api.md`)),
  )
  const dirs = new Set(entries.map((entry) => entry.dir))
  const stale = []
  for (const dir of dirs) {
    const folder = join(root, dir, REPORT_FOLDER)
    if (!existsSync(folder)) continue
    for (const file of readdirSync(folder)) {
      const path = relative(root, join(folder, file))
      if (file.endsWith('.api.md') && !expected.has(path)) stale.push(path)
    }
  }
  return stale
}

main()

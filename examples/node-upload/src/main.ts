// Uploads files to ApsaraVideo VOD: npm run upload -w examples/node-upload -- ./movie.mp4 [more files]
// APP_SERVER_URL points at your credentials server; without it a local app server (and emulator) is started.
// Ctrl-C stops the upload and keeps its checkpoint: run the same command again to resume.
import { startAppServer } from '@vodup-example/app-server'
import { filePathsFrom } from './file-paths'
import { progressLine } from './progress-line'
import { createVodUploader, uploadFiles } from './upload-files'

const paths = filePathsFrom(process.argv.slice(2))
if (paths.length === 0) {
  console.error('Usage: npm run upload -w examples/node-upload -- <file> [file...]')
  process.exit(2)
}

const local = process.env.APP_SERVER_URL ? undefined : await startAppServer({ PORT: '0' })
const uploader = createVodUploader({
  appServerUrl: process.env.APP_SERVER_URL ?? String(local?.url),
})
uploader.hooks.progress.tap('node-upload', (file, p) => console.log(progressLine(file.name, p)))
uploader.hooks.retry.tap('node-upload', (a) =>
  console.log(`retry ${a.operation} in ${a.delayMs} ms: ${a.error.code}`),
)
uploader.hooks.fileSucceeded.tap('node-upload', (file, result) =>
  console.log(
    `${file.name}: uploaded, video ${result.videoId} (${result.partsSent} parts sent, ${result.partsResumed} resumed)`,
  ),
)
uploader.hooks.fileFailed.tap('node-upload', (file, error) =>
  console.error(`${file.name}: ${error.code}: ${error.message}`),
)
process.once('SIGINT', () => {
  console.log('Stopping; run the same command again to resume.')
  void uploader.stop()
})

const summary = await uploadFiles(uploader, paths)
await uploader.dispose()
await local?.stop()
process.exitCode = summary.failed.length > 0 ? 1 : 0

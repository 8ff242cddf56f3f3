import { type BatchDestination, type BatchEnvironment, runBatch } from '../batch/run-batch'
import { isVodMedia } from '../files/media-extensions'
import type { UploadSettings } from '../options/upload-options'
import { vodAppServer } from '../vod/app-server'
import { destinationInfo, destinationKey, openDestination } from './destination'

/** `vodup upload`'s destination: VOD, or the built-in emulator standing in for it. */
export function vodBatchDestination(settings: UploadSettings): BatchDestination {
  const { destination } = settings
  const key = destinationKey(destination)
  return {
    kind: destination.kind,
    info: destinationInfo(destination),
    accepts: isVodMedia,
    refusal: 'VOD does not take this type of file',
    allowEmpty: false,
    skipDirs: destination.kind === 'emulator' && destination.dataDir ? [destination.dataDir] : [],
    direct: destination.kind === 'emulator',
    recordKey: () => key,
    async open(transport) {
      const open = await openDestination(destination)
      return {
        plugins: vodAppServer(open.account, (request) => transport.request(request)),
        meta: () => ({ vod: { ...settings.vod } }),
        close: open.close,
      }
    },
  }
}

/**
 * `vodup upload`: uploads the files and directories named to VOD (or to the built-in emulator without keys) as a
 * batch, and returns the exit code.
 */
export function runUpload(
  settings: UploadSettings,
  environment: BatchEnvironment,
): Promise<number> {
  return runBatch(settings, vodBatchDestination(settings), environment)
}

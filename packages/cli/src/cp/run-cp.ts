import { type BatchDestination, type BatchEnvironment, runBatch } from '../batch/run-batch'
import type { Candidate } from '../files/collect-files'
import type { CpSettings } from './cp-options'
import { ossKeys } from './oss-keys'

/** The object key of a file: the key given, or the prefix joined with the path found below the directory named. */
export function objectKeyOf(settings: CpSettings, file: Candidate): string {
  const { key, prefix } = settings.location
  return prefix ? `${key}${file.relative}` : key
}

/** `vodup cp`'s destination: a bucket of OSS (or any OSS-compatible endpoint), with the keys given. */
export function ossBatchDestination(settings: CpSettings): BatchDestination {
  const { endpoint, location } = settings
  return {
    kind: 'oss',
    info: {
      destination: 'oss',
      endpoint,
      ...(settings.region ? { region: settings.region } : {}),
      credentialSource: settings.credentialSource,
    },
    accepts: () => true,
    refusal: '',
    allowEmpty: true,
    skipDirs: [],
    direct: false,
    recordKey: (file) => `oss:${endpoint}/${location.bucket}/${objectKeyOf(settings, file)}`,
    async open() {
      return {
        plugins: [ossKeys(settings.credentials, endpoint, location.bucket, settings.region)],
        meta: (file) => ({ ossKey: objectKeyOf(settings, file) }),
        close: async () => {},
      }
    },
  }
}

/** `vodup cp`: uploads files (or directory trees with -r) to OSS as a batch, and returns the exit code. */
export function runCp(settings: CpSettings, environment: BatchEnvironment): Promise<number> {
  return runBatch(settings, ossBatchDestination(settings), environment)
}

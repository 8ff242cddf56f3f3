// The script of the transport's test page: the vodup packages a web app would bundle, on `window.vodup`.

import { sts } from '@vodup/auth-sts'
import { fromGetAuth, uploadAuth } from '@vodup/auth-uploadauth'
import * as core from '@vodup/core'
import { retry } from '@vodup/retry'
import { ossTarget } from '@vodup/target-oss'
import {
  browserDigests,
  browserTransport,
  indexedDbStore,
  localStorageStore,
} from '@vodup/transport-browser'
import { patternBytes } from '../../../../test/support/pattern-bytes'
import { pageUpload } from './uploads'

/** A File of `size` pattern bytes, built in slices so no single large array is needed. */
function patternFile(name: string, size: number, seed = 1, lastModified = 1_700_000_000_000) {
  return new File([patternBytes(size, seed) as Uint8Array<ArrayBuffer>], name, { lastModified })
}

const vodup = {
  core,
  browserTransport,
  browserDigests,
  indexedDbStore,
  localStorageStore,
  ossTarget,
  uploadAuth,
  fromGetAuth,
  sts,
  retry,
  patternBytes,
  patternFile,
  pageUpload,
}

Object.assign(globalThis, { vodup, vodupReady: true })

/** What the page script defines, for the tests' `page.evaluate` callbacks. */
export type PageVodup = typeof vodup

/// <reference lib="dom" />
/**
 * The browser platform for vodup.
 *
 * @module
 */

export type { BrowserTransportOptions, BrowserTransportPlugin } from './browser-transport'
export { browserTransport } from './browser-transport'
export { browserDigests } from './digests/browser-digests'
export type { BrowserFileInput } from './files/file-input'
export type { IndexedDbStoreOptions } from './store/indexeddb-store'
export { indexedDbStore } from './store/indexeddb-store'
export { localStorageStore } from './store/local-storage-store'

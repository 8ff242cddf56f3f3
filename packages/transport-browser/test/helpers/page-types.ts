import type { PageVodup } from '../page/entry'

/** The page's globals, as the test page script defines them. */
export type PageGlobals = typeof globalThis & { vodup: PageVodup }

import type { PlatformEvents } from '@vodup/core'

/** Which page events pause the upload. */
export interface PageEventOptions {
  /**
   * Pause starting parts while the tab is hidden (`visibilitychange`). Default false: browsers keep uploading in
   * background tabs, so switching tabs should not stop an upload.
   */
  pauseWhenHidden: boolean
}

type Listen = (target: EventTarget | undefined, type: string, listener: () => void) => () => void

function unsubscribeAll(offs: Array<() => void>): void {
  for (const off of offs) off()
}

const listen: Listen = (target, type, listener) => {
  if (!target) return () => {}
  target.addEventListener(type, listener)
  return () => target.removeEventListener(type, listener)
}

/**
 * The page's lifecycle and network as vodup platform events. Hidden: the page is frozen (`freeze`) or leaves for
 * the back-forward cache (`pagehide`), and, when asked, the tab is hidden; shown: the reverse. Network:
 * `online` / `offline` (`navigator.onLine` says only whether the machine has a network at all, so `online` is a
 * cue to retry, not a promise).
 */
export function pageEvents(options: PageEventOptions): PlatformEvents {
  const win = typeof window === 'undefined' ? undefined : window
  const doc = typeof document === 'undefined' ? undefined : document
  const hidden = () => doc?.visibilityState === 'hidden'
  return {
    onHide(listener) {
      const offs = [listen(doc, 'freeze', listener), listen(win, 'pagehide', listener)]
      if (options.pauseWhenHidden) {
        offs.push(listen(doc, 'visibilitychange', () => hidden() && listener()))
      }
      return () => unsubscribeAll(offs)
    },
    onShow(listener) {
      const offs = [listen(doc, 'resume', listener), listen(win, 'pageshow', listener)]
      if (options.pauseWhenHidden) {
        offs.push(listen(doc, 'visibilitychange', () => !hidden() && listener()))
      }
      return () => unsubscribeAll(offs)
    },
    onNetworkChange(listener) {
      const offs = [
        listen(win, 'online', () => listener(true)),
        listen(win, 'offline', () => listener(false)),
      ]
      return () => unsubscribeAll(offs)
    },
  }
}

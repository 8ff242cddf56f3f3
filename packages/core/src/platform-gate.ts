import { Gate } from './gate'
import type { PlatformEvents } from './transport'

/**
 * A gate closed while the app is hidden or offline, driven by the transport's platform events. Returns the gate
 * and a function that stops listening.
 */
export function platformGate(events: PlatformEvents | undefined): { gate: Gate; stop: () => void } {
  const gate = new Gate()
  if (!events) return { gate, stop: () => {} }
  const offs = [
    events.onHide?.(() => gate.close('hidden')),
    events.onShow?.(() => gate.open('hidden')),
    events.onNetworkChange?.((online) => (online ? gate.open('offline') : gate.close('offline'))),
  ]
  return {
    gate,
    stop: () => {
      for (const off of offs) off?.()
    },
  }
}

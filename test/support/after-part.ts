import type { UploaderPlugin } from '@vodup/core'

type Kernel = Parameters<UploaderPlugin['apply']>[0]

/** A plugin that runs `act` once, right after the server acknowledged part `n` (of the first file to reach it). */
export function afterPart(n: number, act: (kernel: Kernel) => void): UploaderPlugin {
  let done = false
  return {
    name: `after-part-${n}`,
    apply(kernel) {
      kernel.hooks.partUploaded.tap(`after-part-${n}`, (_file, part) => {
        if (done || part.n !== n) return
        done = true
        act(kernel)
      })
    },
  }
}

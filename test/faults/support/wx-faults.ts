import type { NetworkType, WxDouble } from '@vodup/transport-wx/double'
import type { Random } from './random'
import type { FaultPlan, RunHandle } from './upload-scenario'

/** Runs `step` again and again, each time after a random pause in `[min, max]` ms, until disarmed. */
function repeat(
  random: Random,
  [min, max]: readonly [number, number],
  step: () => void | Promise<void>,
): () => void {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const schedule = () => {
    timer = setTimeout(
      async () => {
        if (stopped) return
        await step()
        if (!stopped) schedule()
      },
      random.int(min, max),
    )
  }
  schedule()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function doubleOf(run: RunHandle): WxDouble {
  if (!run.double)
    throw new Error('This fault needs the wx double: use it in mini-program scenarios.')
  return run.double
}

/** The app goes to the background and comes back, again and again; it is shown again when disarmed. */
export function hideAndShow(
  every: readonly [number, number] = [100, 500],
  hiddenFor: readonly [number, number] = [30, 400],
): FaultPlan {
  return (run) => {
    const double = doubleOf(run)
    const stop = repeat(run.random, every, async () => {
      double.hide()
      await pause(run.random.int(hiddenFor[0], hiddenFor[1]))
      double.show()
    })
    return () => {
      stop()
      double.show()
    }
  }
}

const NETWORKS: NetworkType[] = ['wifi', '4g', '5g', '3g', 'wifi', 'none']

/** The network switches (Wi-Fi, cellular, sometimes none for a moment), failing the requests running then. */
export function networkChanges(every: readonly [number, number] = [100, 500]): FaultPlan {
  return (run) => {
    const double = doubleOf(run)
    let offline = false
    const stop = repeat(run.random, every, async () => {
      const next = run.random.pick(NETWORKS)
      double.changeNetwork(next)
      if (next === 'none') {
        offline = true
        await pause(run.random.int(50, 400))
        double.changeNetwork('wifi')
        offline = false
      }
    })
    return () => {
      stop()
      if (offline) double.changeNetwork('wifi')
    }
  }
}

/**
 * Other requests of the app take some of WeChat's 10 request slots (sometimes all of them) for a while, again and
 * again, so vodup's requests wait in WeChat's queue.
 */
export function busyRequestSlots(every: readonly [number, number] = [50, 300]): FaultPlan {
  return (run) => {
    const double = doubleOf(run)
    const holds = new Set<() => void>()
    const stop = repeat(run.random, every, () => {
      const free = double.occupyRequestSlots(run.random.int(1, 10))
      holds.add(free)
      setTimeout(
        () => {
          holds.delete(free)
          free()
        },
        run.random.int(50, 800),
      )
    })
    return () => {
      stop()
      for (const free of holds) free()
      holds.clear()
    }
  }
}

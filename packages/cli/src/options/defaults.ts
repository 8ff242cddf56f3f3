/** Port of the emulator that `vodup upload` starts when no cloud is configured, and of `vodup emulator`. */
export const DEFAULT_EMULATOR_PORT = 17070

/** Where that emulator keeps its data, relative to the current directory. */
export const DEFAULT_EMULATOR_DATA_DIR = '.vodup/emulator'

/** Where checkpoints go in emulator mode, relative to the current directory (next to the emulator's data). */
export const EMULATOR_CHECKPOINT_DIR = '.vodup/checkpoints'

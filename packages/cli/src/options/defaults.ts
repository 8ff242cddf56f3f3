/** Port of the built-in emulator when it keeps its data (`--emulator-data`), and of `vodup emulator`. */
export const DEFAULT_EMULATOR_PORT = 17070

/** Where `vodup emulator` keeps its data, relative to the current directory. */
export const DEFAULT_EMULATOR_DATA_DIR = '.vodup/emulator'

/** Where checkpoints of uploads to a kept emulator go, inside its data directory (beside its own `blobs/`, `meta/`). */
export const EMULATOR_CHECKPOINT_SUBDIR = 'checkpoints'

/** Files uploading at once (`-j`), as ossutil does by default. */
export const DEFAULT_JOBS = 3

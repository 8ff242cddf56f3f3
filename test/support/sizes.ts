/** 1 KiB in bytes. */
export const KiB = 1024

/** 1 MiB in bytes. */
export const MiB = 1024 * KiB

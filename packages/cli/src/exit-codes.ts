/**
 * Exit codes of the `vodup` command.
 *
 * | code | meaning |
 * |---|---|
 * | 0 | every file uploaded |
 * | 1 | an upload failed: refused or expired credentials, unreachable endpoint, server errors |
 * | 2 | bad usage or input, found before anything was sent: options, missing, unreadable or directory files |
 * | 130 | interrupted (Ctrl-C); run the same command again to resume |
 */
export const EXIT_CODES = Object.freeze({
  ok: 0,
  uploadFailed: 1,
  usage: 2,
  interrupted: 130,
})

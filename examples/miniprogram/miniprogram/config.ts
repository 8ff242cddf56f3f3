/**
 * Your app server (examples/app-server): it returns UploadAuth for each file. Add its host, and the OSS endpoint
 * your videos go to, to the mini program's request domain list. A local server works in DevTools with
 * "Do not verify valid domain names" ticked.
 */
export const APP_SERVER_URL = 'http://127.0.0.1:8080'

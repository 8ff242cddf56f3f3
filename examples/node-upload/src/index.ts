export { filePathsFrom } from './file-paths'
export { progressLine } from './progress-line'
export type { VodUploaderOptions } from './upload-files'
export { createVodUploader, uploadFiles } from './upload-files'

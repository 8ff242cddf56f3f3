// The page's code: AliyunUpload.Vod as the web upload SDK 1.5 documents it, with vodup's drop-in script.
const $ = (id) => document.getElementById(id)
const status = (text) => {
  $('status').textContent = text
}

/** Asks this site's server for UploadAuth: CreateUploadVideo, or RefreshUploadVideo for a known video. */
async function uploadAuth(body) {
  const response = await fetch('/upload-auth', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`the server answered ${response.status}`)
  return response.json()
}

const uploader = new AliyunUpload.Vod({
  partSize: 1048576,
  parallel: 3,
  addFileSuccess(uploadInfo) {
    status(`${uploadInfo.file.name} is ready.`)
  },
  onUploadstarted(uploadInfo) {
    const resumed = Boolean(uploadInfo.videoId)
    status(resumed ? `Resuming video ${uploadInfo.videoId}…` : 'Uploading…')
    const ask = resumed
      ? uploadAuth({ videoId: uploadInfo.videoId })
      : uploadAuth({ fileName: uploadInfo.file.name })
    ask
      .then((auth) =>
        uploader.setUploadAuthAndAddress(
          uploadInfo,
          auth.uploadAuth,
          auth.uploadAddress,
          auth.videoId,
        ),
      )
      .catch((error) => status(`No upload credentials: ${error.message}`))
  },
  onUploadProgress(uploadInfo, _totalSize, loadedPercent) {
    const percent = Math.ceil(loadedPercent * 100)
    $('progress').value = percent
    status(`Uploading ${uploadInfo.file.name}: ${percent} %`)
  },
  onUploadTokenExpired(uploadInfo) {
    uploadAuth({ videoId: uploadInfo.videoId })
      .then((auth) => uploader.resumeUploadWithAuth(auth.uploadAuth))
      .catch((error) => status(`No fresh credentials: ${error.message}`))
  },
  onUploadSucceed(uploadInfo) {
    $('progress').value = 100
    status(`Uploaded: video ${uploadInfo.videoId}`)
    $('stop').disabled = true
  },
  onUploadFailed(_uploadInfo, code, message) {
    status(`Failed (${code}): ${message}`)
    $('start').disabled = false
    $('stop').disabled = true
  },
})

$('file').addEventListener('change', () => {
  const file = $('file').files[0]
  if (!file) return
  uploader.cleanList()
  uploader.addFile(file, null, null, null, JSON.stringify({ Vod: { Title: file.name } }))
  $('start').disabled = false
})
$('start').addEventListener('click', () => {
  uploader.startUpload()
  $('start').disabled = true
  $('stop').disabled = false
})
$('stop').addEventListener('click', () => {
  uploader.stopUpload()
  status(`Stopped at ${$('progress').value} %. Start again, or reload and choose the same file.`)
  $('start').disabled = false
  $('stop').disabled = true
})

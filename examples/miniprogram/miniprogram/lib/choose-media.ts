/** A picked file, as `wx.chooseMedia` describes it. */
export interface PickedMedia {
  tempFilePath: string
  size: number
  fileType: 'video' | 'image'
  thumbTempFilePath?: string
}

/** `wx.chooseMedia` as a promise: videos and images from the album or the camera. Rejects when the user cancels. */
export function chooseMedia(count = 9): Promise<PickedMedia[]> {
  return new Promise((resolve, reject) => {
    wx.chooseMedia({
      count,
      mediaType: ['video', 'image'],
      sourceType: ['album', 'camera'],
      success(res) {
        resolve(res.tempFiles as PickedMedia[])
      },
      fail(err) {
        reject(new Error(err.errMsg))
      },
    })
  })
}

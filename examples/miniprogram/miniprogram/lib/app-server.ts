/** What the app server answers for one file (`POST /upload-auth`). */
export interface UploadCredentials {
  uploadAuth: string
  uploadAddress: string
  videoId?: string
  imageId?: string
  imageUrl?: string
}

/** The body of `POST /upload-auth`: a new file by name, or a refresh of a video by id. */
export interface UploadAuthQuery {
  fileName?: string
  title?: string
  isImage?: boolean
  videoId?: string
}

/** Asks the app server for a file's UploadAuth and UploadAddress, with `wx.request`. */
export function askUploadAuth(query: UploadAuthQuery): Promise<UploadCredentials> {
  const base = getApp<IAppOption>().globalData.appServer
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${base}/upload-auth`,
      method: 'POST',
      header: { 'content-type': 'application/json' },
      data: query,
      success(res) {
        const body = res.data as UploadCredentials & { error?: { message?: string } }
        if (res.statusCode === 200) resolve(body)
        else reject(new Error(body.error?.message ?? `The app server answered ${res.statusCode}.`))
      },
      fail(err) {
        reject(new Error(err.errMsg))
      },
    })
  })
}

/// <reference types="miniprogram-api-typings" />

/** What `getApp()` returns in this mini program. */
interface IAppOption {
  globalData: {
    /** The app server that issues upload credentials. */
    appServer: string
  }
}

import { APP_SERVER_URL } from './config'

App<IAppOption>({
  globalData: { appServer: APP_SERVER_URL },
})

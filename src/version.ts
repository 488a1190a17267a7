/** Sent in the User-Agent header; kept equal to package.json's version by a test. */
export const ACTION_NAME = 'wassenger-authcode-action'
export const ACTION_VERSION = '1.0.0'
export const USER_AGENT = `${ACTION_NAME}/${ACTION_VERSION}`

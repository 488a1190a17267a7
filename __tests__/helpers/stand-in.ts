import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import { startStandIn, type StandIn } from '../../stand-in/server.js'

/**
 * The stand-in for the tests of one file (or describe block): started before them, reset before
 * each, closed after. Call the returned function for it inside a test.
 */
export function useStandIn(apiKey?: string): () => StandIn {
  let standIn: StandIn | undefined
  beforeAll(async () => void (standIn = await startStandIn({ apiKey })))
  beforeEach(() => standIn?.reset())
  afterAll(async () => standIn?.close())
  return () => {
    if (!standIn)
      throw new Error('The stand-in is started before the tests, not while they are collected.')
    return standIn
  }
}

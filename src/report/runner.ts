import * as core from '@actions/core'
import type { ActionIO } from './io.js'

/**
 * The runner, through @actions/core. Annotations go out directly and the exit code is set
 * without `setFailed`, which would add a second annotation.
 */
export function actionsIO(): ActionIO {
  return {
    getInput: name => core.getInput(name),
    setSecret: core.setSecret,
    setOutput: core.setOutput,
    debug: core.debug,
    info: core.info,
    annotate: (level, title, message) => core[level](message, { title }),
    writeSummary: async markdown => {
      // A fresh buffer: a write that failed must not leave its text for the next one.
      // Stryker disable next-line BooleanLiteral: the line end only ends the file, which GitHub shows alone
      await core.summary.emptyBuffer().addRaw(markdown, true).write()
    },
    setExitCode: code => {
      process.exitCode = code
    }
  }
}

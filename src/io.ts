import * as runner from './runner.js'

export type AnnotationLevel = 'error' | 'warning' | 'notice'

/** The edges of a run: what the runner gives and takes. Tests pass their own. */
export interface ActionIO {
  /** The raw input, untrimmed; '' when not given. */
  getInput(name: string): string
  setSecret(value: string): void
  /** Every output of the run at once: one write to the runner's file. */
  setOutputs(outputs: Readonly<Record<string, string>>): void
  debug(message: string): void
  info(message: string): void
  annotate(level: AnnotationLevel, title: string, message: string): void
  appendSummary(markdown: string): void
  setExitCode(code: number): void
}

/** The runner. Annotations go out directly: `setFailed` would add a second one. */
export function actionsIO(): ActionIO {
  return {
    getInput: runner.getInput,
    setSecret: value => runner.command('add-mask', value),
    setOutputs: runner.setOutputs,
    debug: message => runner.command('debug', message),
    info: runner.log,
    annotate: (level, title, message) => runner.command(level, message, { title }),
    appendSummary: runner.appendSummary,
    setExitCode: code => {
      process.exitCode = code
    }
  }
}

/** Text that must not leave the run as given, and what stands in its place. */
export class Redactor {
  private readonly everywhere: Array<[string, string]> = []
  private readonly inText: Array<[string, string]> = []

  /** A secret: replaced in outputs too. */
  secret(value: string): void {
    if (value.length >= 4) this.everywhere.push([value, '***'])
  }

  /** Personal data: replaced in logs, annotations and the summary; outputs keep what Wassenger sent. */
  personal(value: string, replacement: string): void {
    if (value.length >= 4) this.inText.push([value, replacement])
  }

  output(text: string): string {
    return replaceAll(text, this.everywhere)
  }

  text(text: string): string {
    return replaceAll(replaceAll(text, this.everywhere), this.inText)
  }
}

function replaceAll(text: string, rules: ReadonlyArray<[string, string]>): string {
  return rules.reduce((out, [value, replacement]) => out.split(value).join(replacement), text)
}

/** Wraps an IO so that nothing written through it carries a redacted value. */
export function redacting(io: ActionIO, redactor: Redactor): ActionIO {
  return {
    ...io,
    setOutputs: outputs =>
      io.setOutputs(
        Object.fromEntries(
          Object.entries(outputs).map(([name, value]) => [name, redactor.output(value)])
        )
      ),
    debug: message => io.debug(redactor.text(message)),
    info: message => io.info(redactor.text(message)),
    annotate: (level, title, message) =>
      io.annotate(level, redactor.text(title), redactor.text(message)),
    appendSummary: markdown => io.appendSummary(redactor.text(markdown))
  }
}

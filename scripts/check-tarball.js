// @ts-check
/**
 * For `uses: owner/repo@ref` a runner downloads the ref's tarball, which is `git archive` of that
 * commit (honouring export-ignore in .gitattributes), and runs action.yml's `main` from it with
 * nothing installed. This builds that tarball from a commit, checks that it holds action.yml and
 * dist/ (both actions'), and runs each bundle from it as a runner would, with no inputs: each must
 * end with exit code 1 and one "Invalid input" error, proving it needs nothing beside itself.
 *
 *   node scripts/check-tarball.js [REF]      (default HEAD: commit what you want checked)
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ref = process.argv[2] ?? 'HEAD'
const REQUIRED = [
  'action.yml',
  'dist/index.js',
  'dist/licenses.txt',
  'numbers/action.yml',
  'dist/numbers/index.js',
  'dist/numbers/licenses.txt'
]
const dir = mkdtempSync(join(tmpdir(), 'wassenger-tarball-'))
try {
  const tarball = join(dir, 'action.tar')
  execFileSync('git', ['archive', '--format=tar', '--prefix=action/', '-o', tarball, ref])
  const listed = execFileSync('tar', ['-tf', tarball], { encoding: 'utf8' }).split('\n')
  const missing = REQUIRED.filter(file => !listed.includes(`action/${file}`))
  if (missing.length > 0) {
    throw new Error(`the tarball of ${ref} lacks ${missing.join(', ')}: check .gitattributes`)
  }
  execFileSync('tar', ['-xf', tarball, '-C', dir])
  const output = join(dir, 'output')
  const summary = join(dir, 'summary')
  writeFileSync(output, '')
  writeFileSync(summary, '')
  for (const bundle of ['dist/index.js', 'dist/numbers/index.js']) {
    const run = spawnSync(process.execPath, [join(dir, 'action', bundle)], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary },
      timeout: 30_000
    })
    const errors = run.stdout.split('\n').filter(line => line.startsWith('::error '))
    if (run.status !== 1 || errors.length !== 1 || !errors[0]?.includes('Invalid input')) {
      throw new Error(
        `${bundle} in the tarball of ${ref} did not run as a runner runs it (exit ${run.status}):\n${run.stdout}${run.stderr}`
      )
    }
  }
  console.log(`The tarball of ${ref} holds ${REQUIRED.join(', ')}, and its bundle runs alone.`)
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
} finally {
  rmSync(dir, { recursive: true, force: true })
}

/**
 * The maintainers' scripts CI and the release workflow rely on: the dist/ check tells the truth
 * on every run, fresh or stale; a release's notes come from its CHANGELOG section.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { releaseNotes } from '../scripts/release-notes.js'

const root = fileURLToPath(new URL('../', import.meta.url))

describe('scripts/check-dist.js', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'check-dist-'))
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist', 'index.js'), 'built\n')
    writeFileSync(join(dir, 'dist', 'licenses.txt'), 'MIT\n')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  /** The check in `dir`, with a build that writes `index` as what the sources build. */
  const check = (
    index: string,
    build = `node -e "require('fs').writeFileSync('dist/index.js', process.env.BUILT)"`
  ) => {
    const script = join(root, 'scripts/check-dist.js')
    const result = spawnSync(process.execPath, [script, '--build', build], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, BUILT: index }
    })
    return { status: result.status, said: (result.stdout + result.stderr).trim() }
  }

  it('fresh, stale, a file gone: named, the fresh build kept, and the next run fresh', () => {
    expect(check('built\n')).toMatchObject({
      status: 0,
      said: expect.stringMatching(/^dist\/ is what/)
    })
    expect(check('rebuilt\n')).toMatchObject({
      status: 1,
      said: expect.stringContaining(': index.js.')
    })
    expect(readFileSync(join(dir, 'dist', 'index.js'), 'utf8')).toBe('rebuilt\n')
    expect(check('rebuilt\n').status).toBe(0)
    const gone = check('rebuilt\n', `node -e "require('fs').rmSync('dist/licenses.txt')"`)
    expect(gone).toMatchObject({ status: 1, said: expect.stringContaining('licenses.txt (gone)') })
  })
})

describe('scripts/release-notes.js', () => {
  const project = {
    changelog: [
      '# Changelog',
      '',
      '## [Unreleased]',
      '',
      '## [1.1.0] - 2026-12-01',
      '',
      '### Added',
      '',
      '- renew.',
      '',
      '## [1.0.0] - 2026-11-29',
      '',
      '- First.',
      '',
      '[1.1.0]: https://example.invalid/compare/v1.0.0...v1.1.0'
    ].join('\n'),
    packageVersion: '1.1.0'
  }

  it("prints the version's section, without the next one or the link references", () => {
    expect(releaseNotes('1.1.0', project)).toEqual({ ok: true, notes: '### Added\n\n- renew.' })
  })

  it.each([
    ['v1.1.0', project.changelog, /is not a version like 1\.2\.3/],
    ['1.2.0', project.changelog, /package\.json says 1\.1\.0, not 1\.2\.0/],
    ['1.1.0', '# Changelog\n', /no "## \[1\.1\.0\]" section/]
  ])('refuses %s with CHANGELOG.md %j', (version, changelog, problem) => {
    const result = releaseNotes(version, { ...project, changelog })
    expect(!result.ok && result.problem).toMatch(problem)
  })

  it("this project's own version can be released: its notes are in CHANGELOG.md", () => {
    const read = (path: string) => readFileSync(join(root, path), 'utf8')
    const version = JSON.parse(read('package.json')).version as string
    const result = releaseNotes(version, {
      changelog: read('CHANGELOG.md'),
      packageVersion: version
    })
    expect(result).toMatchObject({ ok: true, notes: expect.stringContaining('### Added') })
  })
})

describe('CHANGELOG.md', () => {
  it('claims no release that has not happened: a dated version has its tag', () => {
    const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8')
    const dated = [...changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d\d-\d\d$/gm)]
    const tags = spawnSync('git', ['tag', '--list', 'v*'], { cwd: root, encoding: 'utf8' })
    const tagged = new Set(tags.stdout.split('\n'))
    // The version being released is dated before the release workflow tags it.
    const releasing = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version
    const claimed = dated.map(([, version]) => version).filter(version => version !== releasing)
    expect(claimed.filter(version => !tagged.has(`v${version}`))).toEqual([])
    for (const [, version] of changelog.matchAll(/^## \[(\d+\.\d+\.\d+)\] - not released yet$/gm))
      expect(tagged.has(`v${version}`)).toBe(false)
  })
})

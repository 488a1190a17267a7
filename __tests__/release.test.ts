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

  it('fresh: says so, on the first run and on every run after', () => {
    for (let run = 0; run < 2; run++) {
      expect(check('built\n')).toEqual({
        status: 0,
        said: 'dist/ is what the sources build (2 files).'
      })
    }
  })

  it('stale: names the file, keeps the fresh build, and the next run says it is fresh', () => {
    expect(check('rebuilt\n')).toEqual({
      status: 1,
      said: 'dist/ is not what the sources build: index.js. The fresh build is now in dist/: commit it.'
    })
    expect(readFileSync(join(dir, 'dist', 'index.js'), 'utf8')).toBe('rebuilt\n')
    expect(check('rebuilt\n').status).toBe(0)
  })

  it('a file the build no longer makes is named as gone', () => {
    const gone = check('built\n', `node -e "require('fs').rmSync('dist/licenses.txt')"`)
    expect(gone.said).toBe(
      'dist/ is not what the sources build: licenses.txt (gone). The fresh build is now in dist/: commit it.'
    )
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
    ['v1.1.0', /is not a version like 1\.2\.3/],
    ['1.2.0', /package\.json says 1\.1\.0, not 1\.2\.0/]
  ])('refuses %s', (version, problem) => {
    const result = releaseNotes(version, project)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.problem).toMatch(problem)
  })

  it('takes the section of a version not tagged yet, whose heading says so', () => {
    const changelog = '# Changelog\n\n## [1.1.0] - not released yet\n\n### Added\n\n- x.\n'
    expect(releaseNotes('1.1.0', { ...project, changelog })).toEqual({
      ok: true,
      notes: '### Added\n\n- x.'
    })
  })

  it('refuses a version CHANGELOG.md has no section for', () => {
    const result = releaseNotes('1.1.0', { ...project, changelog: '# Changelog\n' })
    expect(!result.ok && result.problem).toBe('CHANGELOG.md has no "## [1.1.0]" section.')
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

// The page (router.tsx) and the CLI read a link through linkRoute: the same link gives the same settings in both.
import { describe, expect, it } from 'vitest'
import { decodePermalink, linkRoute } from './permalink.ts'

describe('linkRoute: where a link keeps its settings', () => {
  it.each([
    ['a whole link', 'https://x.example/ecs/#/?v=1&os=windows', '/', 'v=1&os=windows'],
    [
      'an outer ?query before the fragment is not read',
      'https://x.example/?os=linux&utm=1#/?v=1&os=windows',
      '/',
      'v=1&os=windows',
    ],
    [
      'a second "#" starts an anchor, not settings',
      'https://x.example/#/?v=1&os=windows#&blockInstanceMetadata=false',
      '/',
      'v=1&os=windows',
    ],
    [
      'a URL without a fragment is read from its own query',
      'https://x.example/?v=1&os=windows',
      '/',
      'v=1&os=windows',
    ],
    ['the site address alone', 'https://x.example/ecs/', '/', ''],
    ['an empty fragment', 'https://x.example/#', '/', ''],
    ['a fragment without a slash', '#?v=1', '/', 'v=1'],
    ['a bare query', '?v=1&os=windows', '/', 'v=1&os=windows'],
    ['another route', '#/settings?v=1', '/settings', 'v=1'],
    ['a link wrapped by a mail client', ' https://x.example/#/?v=1&os=\r\nwindows\n', '/', 'v=1&os=windows'],
  ])('%s', (_what, link, path, query) => {
    expect(linkRoute(link)).toEqual({ path, query })
  })

  it('decodes odd links to the settings a browser would show', () => {
    const windows = decodePermalink('https://x.example/#/?v=1&os=windows').config
    for (const link of [
      'https://x.example/?os=linux#/?v=1&os=windows',
      'https://x.example/#/?v=1&os=windows#top',
      'https://x.example/?v=1&os=windows',
    ]) {
      const { config, issues } = decodePermalink(link)
      expect(issues).toEqual([])
      expect(config).toEqual(windows)
    }
  })
})

import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { ReactElement } from 'react'
import type { Message, MessageKey } from '../i18n/message.ts'
import { createTranslator } from '../i18n/translator.ts'
import { preferredLocale, withMarkup } from './i18n.tsx'

const key = (k: string) => k as MessageKey

describe('<Text>', () => {
  const translator = createTranslator('en', {
    grant: 'Grants <0>{objects}</0> to {who}{n, plural, one {, # time} other {, # times}}',
    nested: 'See <0>the <1>{name}</1> file</0>.',
  })
  const Text = (props: { message: Message; components?: Record<string, ReactElement> }) => (
    <>{withMarkup(translator, props.message, props.components)}</>
  )

  it('renders numbered tags as the given elements, with parameters inside', () => {
    const html = renderToStaticMarkup(
      <Text
        message={{ key: key('grant'), params: { objects: 'arn:aws:s3:::b/*', who: 'the task', n: 2 } }}
        components={{ 0: <code /> }}
      />,
    )
    expect(html).toBe('Grants <code>arn:aws:s3:::b/*</code> to the task, 2 times')
    expect(
      renderToStaticMarkup(
        <Text
          message={{ key: key('nested'), params: { name: 'x.json' } }}
          components={{ 0: <em />, 1: <code /> }}
        />,
      ),
    ).toBe('See <em>the <code>x.json</code> file</em>.')
  })

  it('shows text a user typed as text, even when it looks like the tags', () => {
    const html = renderToStaticMarkup(
      <Text
        message={{ key: key('grant'), params: { objects: 'a<1>b</1>c<0/>', who: '<0>x</0>', n: 1 } }}
        components={{ 0: <code /> }}
      />,
    )
    expect(html).toBe('Grants <code>a&lt;1&gt;b&lt;/1&gt;c&lt;0/&gt;</code> to &lt;0&gt;x&lt;/0&gt;, 1 time')
  })
})

describe('preferredLocale', () => {
  it('takes the remembered choice, else the first browser language we have, else English', () => {
    expect(preferredLocale('es', ['en-US'])).toBe('es')
    expect(preferredLocale(null, ['fr-FR', 'es-MX', 'en'])).toBe('es')
    expect(preferredLocale('xx', ['de-DE'])).toBe('en')
    expect(preferredLocale(null, [])).toBe('en')
  })
})

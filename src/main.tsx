import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from '@tanstack/react-router'
import { router } from './router.tsx'
import { startLocale } from './ui/i18n.tsx'
import './styles.css'

const root = document.getElementById('root')!

// Inside another site's frame the page could be overlaid and clicked through (clickjacking). A <meta> CSP
// cannot say frame-ancestors (https://www.w3.org/TR/CSP3/#meta-element) and X-Frame-Options works only as a
// header, which a static host may not send (the README gives both headers for hosts that can). So the page
// renders nothing but a way out (in index.html) when it is not the top window. A frame that forbids scripts gets an empty page.
if (window.top === window.self)
  // English is in the first load; another language's catalog is fetched first, so the page opens in it
  // (and in English if that fetch fails: the switch says which language is shown).
  void startLocale()
    .catch(() => undefined)
    .then(() =>
      createRoot(root).render(
        <StrictMode>
          <RouterProvider router={router} />
        </StrictMode>,
      ),
    )
else {
  const message = document.getElementById('framed')!
  message.querySelector('a')!.href = window.location.href
  message.hidden = false
}

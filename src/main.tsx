import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from '@tanstack/react-router'
import { router } from './router.tsx'
import './styles.css'

const root = document.getElementById('root')!

// Inside another site's frame the page could be overlaid and clicked through (clickjacking). A <meta> CSP
// cannot say frame-ancestors (https://www.w3.org/TR/CSP3/#meta-element) and X-Frame-Options works only as a
// header, which a static host may not send (the README gives both headers for hosts that can). So the page
// renders nothing but a way out when it is not the top window. A frame that forbids scripts gets an empty page.
if (window.top === window.self)
  createRoot(root).render(
    <StrictMode>
      <RouterProvider router={router} />
    </StrictMode>,
  )
else {
  const message = document.createElement('p')
  const link = document.createElement('a')
  link.href = window.location.href
  link.target = '_blank'
  link.rel = 'noopener noreferrer'
  link.textContent = 'Open the ECS task role setup wizard on its own'
  message.append('This page does not work inside another site’s frame. ', link, '.')
  root.append(message)
}

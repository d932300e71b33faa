import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import './styles.css';

/**
 * The browser entry: mounts the app, and opens every disclosure while
 * printing so the ladder's signals and the chart tables reach the paper.
 */

const reopen: HTMLDetailsElement[] = [];
window.addEventListener('beforeprint', () => {
  for (const details of document.querySelectorAll('details')) {
    if (!details.open) {
      details.open = true;
      reopen.push(details);
    }
  }
});
window.addEventListener('afterprint', () => {
  for (const details of reopen.splice(0)) details.open = false;
});

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

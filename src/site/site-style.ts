/**
 * The one stylesheet of the ladder site. System fonts only and no url(), so the
 * site needs nothing outside its folder; readable from 375 px up, with visible
 * focus, a dark scheme and a print layout.
 */
export const SITE_CSS = `/* Longhaul ladder site */
:root {
  color-scheme: light dark;
  --bg: #ffffff;
  --fg: #1b1f24;
  --muted: #545d68;
  --accent: #0a58b0;
  --border: #c9d1d9;
  --surface: #f3f5f8;
  --focus: #b45309;
  --current-fill: rgba(10, 88, 176, 0.2);
  --new: #1a7f37;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1419;
    --fg: #e6edf3;
    --muted: #a3adb8;
    --accent: #79b8ff;
    --border: #3a424c;
    --surface: #171d24;
    --focus: #f0b429;
    --current-fill: rgba(121, 184, 255, 0.22);
    --new: #56d364;
  }
}
*,
*::before,
*::after {
  box-sizing: border-box;
}
html {
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
body {
  margin: 0;
  background: var(--bg);
  color: var(--fg);
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  font-size: 1rem;
  line-height: 1.55;
}
a {
  color: var(--accent);
  text-underline-offset: 0.15em;
}
a:hover {
  text-decoration-thickness: 2px;
}
:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
  border-radius: 2px;
}
h1,
h2,
h3,
h4 {
  line-height: 1.25;
  margin: 1.6em 0 0.5em;
}
h1 {
  font-size: 2rem;
  margin-top: 0.2em;
}
h2 {
  font-size: 1.45rem;
}
h3 {
  font-size: 1.15rem;
}
h4 {
  font-size: 1rem;
}
p,
ul,
ol {
  margin: 0 0 0.8em;
}
ul,
ol {
  padding-left: 1.4em;
}
li + li {
  margin-top: 0.25em;
}
code {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  font-size: 0.9em;
  background: var(--surface);
  padding: 0.05em 0.3em;
  border-radius: 3px;
}
.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  padding: 0;
  margin: -1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}
.skip-link {
  position: absolute;
  left: 0.5rem;
  top: -3rem;
  padding: 0.5rem 0.75rem;
  background: var(--bg);
  color: var(--accent);
  z-index: 10;
}
.skip-link:focus {
  top: 0.5rem;
}

/* Header, navigation and footer */
.site-header {
  border-bottom: 1px solid var(--border);
  background: var(--surface);
}
.site-header-inner,
main,
.site-footer {
  max-width: 76rem;
  margin: 0 auto;
  padding: 0 1rem;
}
.site-header-inner {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  justify-content: space-between;
  gap: 0.25rem 1.5rem;
  padding-top: 0.6rem;
  padding-bottom: 0.6rem;
}
.site-name {
  margin: 0;
  font-weight: 700;
}
.site-name a {
  color: var(--fg);
  text-decoration: none;
}
.site-nav ul {
  display: flex;
  flex-wrap: wrap;
  gap: 0.25rem 1rem;
  list-style: none;
  margin: 0;
  padding: 0;
}
.site-nav li + li {
  margin-top: 0;
}
.site-nav a {
  display: inline-block;
  padding: 0.3rem 0;
  text-decoration: none;
  font-weight: 600;
}
.site-nav a:hover {
  text-decoration: underline;
}
.site-nav a[aria-current='page'] {
  color: var(--fg);
  text-decoration: underline;
  text-decoration-thickness: 3px;
  text-underline-offset: 0.35em;
  text-decoration-color: var(--accent);
}
main {
  padding-top: 1.5rem;
  padding-bottom: 2rem;
}
.prose,
.lead {
  max-width: 46rem;
}
.lead {
  font-size: 1.1rem;
}
.eyebrow {
  margin: 0;
  color: var(--muted);
  font-size: 0.9rem;
  font-weight: 600;
  letter-spacing: 0.02em;
}
.muted {
  color: var(--muted);
}
.site-footer {
  border-top: 1px solid var(--border);
  padding-top: 1rem;
  padding-bottom: 2rem;
  color: var(--muted);
  font-size: 0.875rem;
}

/* Lists of levels, competencies and comparisons */
.card-list {
  list-style: none;
  padding: 0;
  max-width: 52rem;
}
.card-list > li {
  border: 1px solid var(--border);
  border-radius: 6px;
  padding: 0.75rem 1rem;
  margin: 0 0 0.75rem;
}
.card-list > li > :last-child {
  margin-bottom: 0;
}
.card-grid {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr));
  gap: 0.75rem;
  max-width: none;
}
.card-grid > li {
  margin: 0;
}
.card-title {
  margin: 0 0 0.3em;
  font-size: 1.1rem;
  font-weight: 700;
}
.card-title .muted {
  font-weight: 400;
}
.tag {
  display: inline-block;
  font-size: 0.8rem;
  font-weight: 600;
  padding: 0.05rem 0.45rem;
  border-radius: 999px;
  border: 1px solid currentColor;
  vertical-align: 0.1em;
}
.tag-new {
  color: var(--new);
}
.pager {
  display: flex;
  flex-wrap: wrap;
  justify-content: space-between;
  gap: 0.5rem 1rem;
  margin: 1.5rem 0;
  padding: 0.75rem 0;
  border-top: 1px solid var(--border);
  border-bottom: 1px solid var(--border);
  max-width: 52rem;
}
.pager ul {
  display: flex;
  flex-wrap: wrap;
  gap: 0.5rem 1.25rem;
  list-style: none;
  margin: 0;
  padding: 0;
}
.pager li + li {
  margin-top: 0;
}

/* Tables: the matrix, data tables, thresholds */
.table-scroll {
  overflow-x: auto;
  margin: 0 0 1.5rem;
  border: 1px solid var(--border);
  border-radius: 6px;
}
table {
  border-collapse: collapse;
  width: 100%;
}
caption {
  text-align: left;
  padding: 0.6rem 0.75rem;
  font-weight: 600;
  color: var(--muted);
}
th,
td {
  text-align: left;
  vertical-align: top;
  padding: 0.5rem 0.75rem;
  border-top: 1px solid var(--border);
}
thead th {
  background: var(--surface);
  white-space: nowrap;
}
.data-table {
  max-width: 40rem;
}
.data-table td.number,
.data-table th.number {
  text-align: right;
  font-variant-numeric: tabular-nums;
}
tr.is-current th,
tr.is-current td {
  background: var(--current-fill);
  font-weight: 700;
}
.matrix {
  font-size: 0.9rem;
  line-height: 1.45;
}
.matrix td {
  min-width: 15rem;
}
.matrix th[scope='row'] {
  min-width: 9rem;
  background: var(--bg);
}
.matrix th[scope='rowgroup'] {
  background: var(--surface);
  font-size: 0.95rem;
}
.matrix td a {
  color: inherit;
  text-decoration: underline;
  text-decoration-color: var(--border);
  text-decoration-thickness: 1px;
}
.matrix td a:hover {
  text-decoration-color: var(--accent);
}
.matrix td.not-applicable {
  min-width: 3rem;
  color: var(--muted);
  text-align: center;
}
.matrix-rules td,
.matrix-rules th[scope='row'] {
  background: var(--surface);
  border-bottom: 2px solid var(--border);
}
.matrix-rules td {
  font-size: 0.85rem;
}

/* The rule of a level in words */
.level-rule {
  max-width: 46rem;
  margin: 1.25rem 0 1.5rem;
  padding: 0.75rem 1rem;
  border-left: 4px solid var(--accent);
  background: var(--surface);
  border-radius: 0 6px 6px 0;
}
.level-rule h2 {
  margin: 0 0 0.25rem;
  font-size: 1.05rem;
}
.level-rule p {
  margin: 0;
}
.level-rules {
  max-width: 46rem;
  margin: 0 0 1.5rem;
}
.level-rules dt {
  font-weight: 600;
}
.level-rules dd {
  margin: 0 0 0.75rem;
}
@media (min-width: 48rem) {
  .matrix th[scope='row'] {
    position: sticky;
    left: 0;
    z-index: 1;
    box-shadow: 1px 0 0 var(--border);
  }
}

/* Expectations on level, milestone and competency pages */
.competency-block,
.step,
.change {
  border-left: 4px solid var(--border);
  padding: 0.1rem 0 0.1rem 1rem;
  margin: 0 0 1.5rem;
  max-width: 52rem;
}
.competency-block > h4,
.change > h4,
.step > h2,
.step > h3 {
  margin-top: 0;
}
.list-heading {
  margin: 0.8em 0 0.3em;
  font-size: 0.95rem;
  color: var(--muted);
}
.signals li::marker {
  content: '+  ';
  color: var(--new);
  font-weight: 700;
}
.not-yet li::marker {
  content: '–  ';
  color: var(--muted);
  font-weight: 700;
}
.progression {
  list-style: none;
  padding: 0;
}
.step.is-absent {
  color: var(--muted);
}
.side-by-side {
  display: grid;
  grid-template-columns: 1fr;
  gap: 0.75rem 1.5rem;
  max-width: 60rem;
}
.side-by-side > * {
  min-width: 0;
}
.side-label {
  margin: 0 0 0.2em;
  font-size: 0.85rem;
  font-weight: 700;
  color: var(--muted);
  text-transform: uppercase;
  letter-spacing: 0.04em;
}
@media (min-width: 40rem) {
  .side-by-side {
    grid-template-columns: 1fr 1fr;
  }
}

/* The radar chart */
.chart {
  margin: 0 0 1rem;
  max-width: 46rem;
}
.radar-chart {
  display: block;
  width: 100%;
  max-width: 36rem;
  height: auto;
  margin: 0 auto;
  font-family: inherit;
}
.radar-ring,
.radar-spoke {
  fill: none;
  stroke: var(--border);
  stroke-width: 1;
}
.radar-previous {
  fill: none;
  stroke: var(--muted);
  stroke-width: 2;
  stroke-dasharray: 6 4;
}
.radar-current {
  fill: var(--current-fill);
  stroke: var(--accent);
  stroke-width: 2.5;
  stroke-linejoin: round;
}
.radar-dot {
  fill: var(--accent);
}
.radar-labels {
  fill: var(--fg);
}
.radar-ring-labels {
  fill: var(--muted);
  paint-order: stroke;
  stroke: var(--bg);
  stroke-width: 3px;
  stroke-linejoin: round;
}
/* On a phone the chart is too small for ring names; the caption says what the rings are. */
@media (max-width: 40rem) {
  .radar-ring-labels {
    display: none;
  }
}
.legend {
  display: flex;
  flex-wrap: wrap;
  gap: 0.25rem 1.5rem;
  list-style: none;
  padding: 0;
  font-size: 0.9rem;
}
.legend li + li {
  margin-top: 0;
}
.swatch {
  display: inline-block;
  width: 1.6em;
  height: 0;
  margin-right: 0.4em;
  vertical-align: middle;
  border-top: 3px solid var(--accent);
}
.swatch-previous {
  border-top: 2px dashed var(--muted);
}

@media (max-width: 30rem) {
  h1 {
    font-size: 1.6rem;
  }
  h2 {
    font-size: 1.3rem;
  }
  .competency-block,
  .step,
  .change {
    padding-left: 0.75rem;
  }
}

@media print {
  :root {
    --bg: #ffffff;
    --fg: #000000;
    --muted: #444444;
    --accent: #000000;
    --border: #999999;
    --surface: #ffffff;
    --current-fill: rgba(0, 0, 0, 0.1);
    --new: #000000;
  }
  html {
    font-size: 10.5pt;
  }
  .skip-link,
  .site-nav,
  .pager {
    display: none;
  }
  .site-header {
    background: none;
  }
  a {
    color: inherit;
    text-decoration: none;
  }
  .table-scroll {
    overflow: visible;
    border: 0;
  }
  .matrix td {
    min-width: 0;
  }
  .matrix th[scope='row'] {
    position: static;
  }
  .competency-block,
  .step,
  .change,
  .card-list > li,
  .chart,
  tr {
    break-inside: avoid;
  }
  h1,
  h2,
  h3,
  h4 {
    break-after: avoid;
  }
  @page {
    margin: 1.5cm;
  }
}
`;

// The HTML report's page (docs/report.md): reads the data the reporter wrote into <script id="cxlint-data"> and draws
// it. Bundled by scripts/build.mjs into the report file itself; it loads nothing.
import { render } from 'preact';
import type { PageData } from '../src/reporters/page-data.js';
import { App } from './app.js';
import { Model } from './model.js';

const data = JSON.parse(document.getElementById('cxlint-data')!.textContent!) as PageData;
const root = document.createElement('div');
root.id = 'cxlint-report';
document.body.append(root);
render(<App model={new Model(data)} />, root);

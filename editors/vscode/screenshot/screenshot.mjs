// Renders an MPL file as VS Code would show it — the real MPL grammar, VS Code's C++
// grammar and its Dark+ theme (from the npm packages tm-grammars and tm-themes, pinned
// by ../package-lock.json) — to HTML, then to PNG with headless Chromium.
//
//   node screenshot.mjs INPUT.mpl OUTPUT.png      (run ./screenshot.sh for the README's)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { loadMplGrammarWithRealCpp, tokenize } from '../test/tokenize.mjs';

const require = createRequire(import.meta.url);
const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node screenshot.mjs INPUT.mpl OUTPUT.png');
  process.exit(2);
}
const theme = JSON.parse(fs.readFileSync(require.resolve('tm-themes/themes/dark-plus.json'), 'utf8'));

// Theme rules as (selector, style) pairs; a selector's last part is matched against a
// scope by prefix, and the innermost scope with the longest matching selector wins.
const rules = [];
for (const rule of theme.tokenColors) {
  const scopes = Array.isArray(rule.scope) ? rule.scope : String(rule.scope ?? '').split(',');
  for (const scope of scopes) {
    const parts = scope.trim().split(/\s+/);
    if (parts[0]) rules.push({ selector: parts[parts.length - 1], parents: parts.slice(0, -1), style: rule.settings });
  }
}
function styleFor(scopes) {
  for (let i = scopes.length - 1; i >= 0; --i) {
    let best = null;
    for (const rule of rules) {
      const matches = scopes[i] === rule.selector || scopes[i].startsWith(rule.selector + '.');
      const parentsOk = rule.parents.every((p) => scopes.slice(0, i).some((s) => s === p || s.startsWith(p + '.')));
      if (matches && parentsOk && rule.style.foreground && (!best || rule.selector.length > best.selector.length)) best = rule;
    }
    if (best) return best.style;
  }
  return {};
}

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const grammar = await loadMplGrammarWithRealCpp();
const { lines } = tokenize(grammar, fs.readFileSync(input, 'utf8').replace(/\n$/, ''));
const body = lines.map((line, index) => {
  const spans = line.tokens.map((token) => {
    const style = styleFor(token.scopes);
    const css = [style.foreground && `color:${style.foreground}`, style.fontStyle?.includes('italic') && 'font-style:italic',
      style.fontStyle?.includes('bold') && 'font-weight:bold'].filter(Boolean).join(';');
    return `<span style="${css}">${escape(line.text.slice(token.start, token.end))}</span>`;
  }).join('');
  return `<span class="number">${index + 1}</span>${spans}`;
}).join('\n');

const colors = theme.colors;
const html = `<!doctype html><meta charset="utf-8"><style>
body { margin: 0; background: ${colors['editor.background']}; }
.tab { font: 13px sans-serif; color: #fff; background: ${colors['editor.background']}; padding: 8px 16px;
       border-bottom: 1px solid #333; }
pre { margin: 0; padding: 10px 0; font: 15px/21px "DejaVu Sans Mono", monospace; color: ${colors['editor.foreground']}; }
.number { display: inline-block; width: 3em; margin-right: 1.5em; text-align: right; color: #858585; }
</style><div class="tab">${escape(path.basename(input))}</div><pre>${body}</pre>`;

const page = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mpl-shot-')), 'page.html');
fs.writeFileSync(page, html);
const width = 60 + 9.1 * Math.max(...lines.map((l) => l.text.length)) + 80;
const height = 40 + 21 * lines.length + 30;
const chromium = process.env.CHROMIUM ?? 'chromium';
try {  // Chromium's stderr (D-Bus complaints in a container) only when it fails
  execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars',
    `--window-size=${Math.ceil(width)},${Math.ceil(height)}`, `--screenshot=${path.resolve(output)}`,
    `file://${page}`], { stdio: ['ignore', 'ignore', 'pipe'] });
} catch (error) {
  console.error(String(error.stderr ?? error.message));
  process.exit(1);
}
console.log(`wrote ${output} (${lines.length} lines)`);

// The extension's manifest and the files it points to: package.json's contributions,
// language-configuration.json's rules (VS Code evaluates them as JavaScript regular
// expressions, as here) and the snippets, each expanded and run through the grammar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { extensionDir, loadMplGrammar, tokenize, scopesAt } from './tokenize.mjs';
import { structureProblems } from './structure.mjs';

const readJson = (file) => JSON.parse(fs.readFileSync(path.join(extensionDir, file), 'utf8'));
const manifest = readJson('package.json');
const { languages, grammars, snippets } = manifest.contributes;
const config = readJson(languages[0].configuration);

test('package.json contributes the language mpl for *.mpl with its grammar and snippets', () => {
  assert.equal(languages.length, 1);
  assert.equal(languages[0].id, 'mpl');
  assert.deepEqual(languages[0].extensions, ['.mpl']);
  assert.equal(grammars[0].language, 'mpl');
  assert.equal(grammars[0].scopeName, 'source.mpl');
  assert.equal(readJson(grammars[0].path).scopeName, 'source.mpl');
  assert.equal(snippets[0].language, 'mpl');
  assert.ok(fs.existsSync(path.join(extensionDir, snippets[0].path)));
  for (const file of ['syntaxes/', 'snippets/', 'language-configuration.json'])
    assert.ok(!fs.readFileSync(path.join(extensionDir, '.vscodeignore'), 'utf8').includes(file), `${file} left out of the .vsix`);
});

test('the extension starts the language server: main, activation, mpl.server.path', () => {
  assert.equal(manifest.main, './extension.js');
  assert.ok(fs.existsSync(path.join(extensionDir, manifest.main)));
  assert.deepEqual(manifest.activationEvents, ['onLanguage:mpl']);
  const setting = manifest.contributes.configuration.properties['mpl.server.path'];
  assert.equal(setting.type, 'string');
  assert.equal(setting.default, 'mplc');
  assert.match(manifest.dependencies['vscode-languageclient'], /^\^?8\./);
  // vscode-languageclient 8 needs VS Code 1.67; the .vsix must carry it (not ignored).
  assert.match(manifest.engines.vscode, /1\.(6[7-9]|[7-9]\d)/);
  assert.ok(!fs.readFileSync(path.join(extensionDir, '.vscodeignore'), 'utf8').split('\n').includes('node_modules/**'));
});

test('embeddedLanguages maps the scope of C++ bodies to cpp', () => {
  const embedded = grammars[0].embeddedLanguages;
  assert.deepEqual(embedded, { 'meta.embedded.block.cpp': 'cpp' });
  const grammarText = fs.readFileSync(path.join(extensionDir, grammars[0].path), 'utf8');
  for (const scope of Object.keys(embedded))
    assert.ok(grammarText.includes(`"contentName": "${scope}"`), `no rule has contentName ${scope}`);
});

test('comments, brackets, pairs', () => {
  assert.deepEqual(config.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
  const open = config.brackets.map(([o]) => o);
  for (const b of ['{', '[', '(']) assert.ok(open.includes(b), `bracket ${b}`);
  // '->', 'i < n' and '<=' are not brackets: '<' '>' would show as unbalanced.
  assert.ok(!config.brackets.flat().some((b) => /[<>]/.test(b)), 'angle brackets in brackets');
  for (const pair of ['{', '[', '(', '"', '/*'])
    assert.ok(config.autoClosingPairs.some((p) => p.open === pair), `autoClosingPairs ${pair}`);
  for (const pair of ['{', '[', '(', '"'])
    assert.ok(config.surroundingPairs.some(([o]) => o === pair), `surroundingPairs ${pair}`);
});

test('indentation rules: in after a line that opens a body, out at a closing brace', () => {
  const increase = new RegExp(config.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
  for (const line of ['stage produce() -> numbers {', 'pool square[4](x: numbers) -> squares unordered {',
    'cpp {', 'before {', '    if (x > 0) {', 'stage s() { // a comment'])
    assert.ok(increase.test(line), `no indent after: ${line}`);
  for (const line of ['queue numbers: long', '}', '    emit(x * x);', '// a comment {', 'param s: std::string = "{"',
    'cpp { struct P { double x, y; }; }'])
    assert.ok(!increase.test(line), `indent after: ${line}`);
  for (const line of ['}', '    }', '    });', ']'])
    assert.ok(decrease.test(line), `no outdent: ${line}`);
  for (const line of ['stage s() {', '    emit(x);', '// }'])
    assert.ok(!decrease.test(line), `outdent: ${line}`);
});

test('folding markers and ///-comment continuation', () => {
  const start = new RegExp(config.folding.markers.start), end = new RegExp(config.folding.markers.end);
  assert.ok(start.test('// region params') && start.test('  // #region'));
  assert.ok(end.test('// endregion') && end.test('// #endregion'));
  assert.ok(!start.test('// endregion') && !end.test('// region'));
  const doc = config.onEnterRules.find((r) => r.action.appendText === '/// ');
  assert.ok(doc && new RegExp(doc.beforeText).test('/// How many numbers.'));
});

// ${1:default} → default (nested ones first), ${2|a,b|} → a, $1 → what ${1:…} became.
function expand(body) {
  let text = body.join('\n');
  const values = {};
  for (let before = null; before !== text;) {
    before = text;
    text = text.replace(/\$\{(\d+):([^${}]*)\}/g, (_, n, value) => (values[n] ??= value))
      .replace(/\$\{(\d+)\|([^|,]*)[^|]*\|\}/g, (_, n, value) => (values[n] ??= value))
      .replace(/\$(\d+)/g, (all, n) => values[n] ?? all);
  }
  return text.replace(/\$\{?(\d+)\}?/g, (_, n) => values[n] ?? '');
}

test('snippets: stage, pool, queue, param and more, each valid MPL once expanded', async () => {
  const all = readJson(snippets[0].path);
  const prefixes = Object.values(all).map((s) => s.prefix);
  for (const p of ['stage', 'pool', 'queue', 'param', 'pipe', 'shared']) assert.ok(prefixes.includes(p), `no ${p} snippet`);
  const grammar = await loadMplGrammar();
  for (const [name, snippet] of Object.entries(all)) {
    const text = expand(snippet.body);
    assert.ok(!text.includes('$'), `${name}: left over ${text}`);
    const tokenized = tokenize(grammar, text);
    const first = tokenized.lines.find((l) => !l.text.startsWith('//'));
    assert.ok(scopesAt(first, 0).includes('keyword.other.declaration.mpl'), `${name}: ${first.text}`);
    assert.deepEqual(structureProblems(name, tokenized), []);
  }
});

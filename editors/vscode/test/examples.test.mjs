// Every example program is highlighted without a stray region: each top-level
// declaration is MPL, each body before a declaration closes as an MPL block, and the
// file ends at the top level. MPL_EXAMPLES_DIR overrides the folder (default: examples/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { extensionDir, loadMplGrammar, tokenize, scopesAt } from './tokenize.mjs';

const examplesDir = process.env.MPL_EXAMPLES_DIR ?? path.resolve(extensionDir, '..', '..', 'examples');
const examples = fs.readdirSync(examplesDir).filter((f) => f.endsWith('.mpl')).sort();
const grammar = await loadMplGrammar();
const declaration = /^(include|cpp|param|queue|pipe|shared|before|after|stage|pool)\b/;

test('there are examples', () => assert.ok(examples.length >= 5, `only ${examples.length} in ${examplesDir}`));

for (const file of examples) {
  test(`example: ${file}`, () => {
    const tokenized = tokenize(grammar, fs.readFileSync(path.join(examplesDir, file), 'utf8'));
    const problems = [];
    tokenized.lines.forEach((line, index) => {
      const where = `${file}:${index + 1}`;
      if (declaration.test(line.text)) {
        const scopes = scopesAt(line, 0);
        if (!scopes.some((s) => s.startsWith('keyword.')) || scopes.includes('meta.embedded.block.cpp'))
          problems.push(`${where}: declaration keyword has scopes [${scopes.join(', ')}]`);
      }
      // A '}' at column 0 followed by a declaration (or the end) closes a body.
      const next = tokenized.lines.slice(index + 1).find((l) => l.text.trim() !== '');
      if (line.text === '}' && (!next || declaration.test(next.text)) &&
          !scopesAt(line, 0).includes('punctuation.section.block.end.mpl'))
        problems.push(`${where}: '}' does not close an MPL block: [${scopesAt(line, 0).join(', ')}]`);
      for (const token of line.tokens)
        if (token.scopes.some((s) => s.startsWith('invalid')))
          problems.push(`${where}:${token.start + 1}: invalid token`);
    });
    if (!tokenized.atTopLevel) problems.push(`${file}: a region is still open at the end`);
    assert.deepEqual(problems, [], problems.join('\n'));
  });
}

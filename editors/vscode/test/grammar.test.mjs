// Scope assertions over test/cases/*.mpl (format: assertions.mjs), with the C++ stub.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMplGrammar, tokenize } from './tokenize.mjs';
import { checkAssertions } from './assertions.mjs';

const casesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases');
const cases = fs.readdirSync(casesDir).filter((f) => f.endsWith('.mpl')).sort();
const grammar = await loadMplGrammar();

test('there are grammar test cases', () => assert.ok(cases.length >= 5, `only ${cases.length} cases`));

for (const file of cases) {
  test(`grammar: ${file}`, () => {
    const text = fs.readFileSync(path.join(casesDir, file), 'utf8');
    const tokenized = tokenize(grammar, text);
    const failures = checkAssertions(file, tokenized);
    const assertions = text.split('\n').filter((l) => /^\s*\/\/\s*(\^|<-)/.test(l)).length;
    assert.ok(assertions > 0, `${file} asserts nothing`);
    assert.deepEqual(failures, [], failures.join('\n'));
    assert.ok(tokenized.atTopLevel, `${file}: a region is still open at the end of the file`);
  });
}
